namespace GoldenThread.Domain.Timetable;

/// <summary>A day off by law or proclamation, with the name it is published under.</summary>
public sealed record Holiday(DateOnly Date, string Name);

/// <summary>
/// The England and Wales bank holidays of a year, computed by the rules in force since 1978: New Year's Day, Good
/// Friday, Easter Monday, the early May, spring and summer bank holidays, Christmas Day and Boxing Day, with a
/// substitute weekday when one falls on a weekend. One-off changes by proclamation (the 2020 early May holiday moved to
/// VE day, the 2012 and 2022 jubilees, royal weddings, funerals and the coronation) follow no rule: the operator adds
/// those to the <c>bank_holidays</c> list.
/// </summary>
public static class BankHolidays
{
    /// <summary>The first year the rules describe (the early May bank holiday began in 1978).</summary>
    public const int FirstYear = 1978;

    /// <summary>The year's bank holidays, in date order, named as GOV.UK publishes them.</summary>
    public static IReadOnlyList<Holiday> EnglandAndWales(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, FirstYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9998);

        var easter = EasterSunday(year);
        var holidays = new List<Holiday>
        {
            NewYear(year),
            new(easter.AddDays(-2), "Good Friday"),
            new(easter.AddDays(1), "Easter Monday"),
            new(FirstMonday(year, 5), "Early May bank holiday"),
            new(LastMonday(year, 5), "Spring bank holiday"),
            new(LastMonday(year, 8), "Summer bank holiday"),
        };
        holidays.AddRange(Christmas(year));
        return holidays;
    }

    /// <summary>Easter Sunday of the year by the Gregorian computus (the anonymous algorithm of Meeus, Jones and Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    private static Holiday NewYear(int year)
    {
        var day = new DateOnly(year, 1, 1);
        return day.DayOfWeek switch
        {
            DayOfWeek.Saturday => new(day.AddDays(2), "New Year's Day (substitute day)"),
            DayOfWeek.Sunday => new(day.AddDays(1), "New Year's Day (substitute day)"),
            _ => new(day, "New Year's Day"),
        };
    }

    // Christmas on a Saturday moves to the Monday and Boxing Day to the Tuesday; on a Sunday, Boxing Day keeps its
    // Monday and Christmas takes the Tuesday; on a Friday, Boxing Day moves to the Monday.
    private static IEnumerable<Holiday> Christmas(int year)
    {
        var christmas = new DateOnly(year, 12, 25);
        var boxing = christmas.AddDays(1);
        return christmas.DayOfWeek switch
        {
            DayOfWeek.Saturday => [new(christmas.AddDays(2), "Christmas Day (substitute day)"), new(christmas.AddDays(3), "Boxing Day (substitute day)")],
            DayOfWeek.Sunday => [new(boxing, "Boxing Day"), new(christmas.AddDays(2), "Christmas Day (substitute day)")],
            DayOfWeek.Friday => [new(christmas, "Christmas Day"), new(christmas.AddDays(3), "Boxing Day (substitute day)")],
            _ => [new(christmas, "Christmas Day"), new(boxing, "Boxing Day")],
        };
    }

    private static DateOnly FirstMonday(int year, int month)
    {
        var day = new DateOnly(year, month, 1);
        return day.AddDays(((int)DayOfWeek.Monday - (int)day.DayOfWeek + 7) % 7);
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var day = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return day.AddDays(-(((int)day.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7));
    }
}
