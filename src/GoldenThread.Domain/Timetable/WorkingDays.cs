namespace GoldenThread.Domain.Timetable;

/// <summary>
/// A calendar of working days: every Monday to Friday that is not one of the given holidays. The reporting timetable
/// counts its milestones in working days from the period end, so a deadline never falls on a weekend or a bank holiday.
/// </summary>
public sealed class WorkingDays
{
    private readonly HashSet<DateOnly> holidays;

    /// <summary>A calendar that skips weekends and the given holidays (weekend holidays are harmless).</summary>
    public WorkingDays(IEnumerable<DateOnly> holidays)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        this.holidays = [.. holidays];
    }

    /// <summary>
    /// A calendar of the England and Wales bank holidays of the given years, computed by their rules, plus any others
    /// (the operator's list: one-off holidays and moved ones that no rule gives).
    /// </summary>
    public static WorkingDays EnglandAndWales(int fromYear, int toYear, IEnumerable<DateOnly>? others = null)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fromYear, toYear);
        var days = new List<DateOnly>();
        for (var year = fromYear; year <= toYear; year++)
        {
            days.AddRange(BankHolidays.EnglandAndWales(year).Select(h => h.Date));
        }

        days.AddRange(others ?? []);
        return new WorkingDays(days);
    }

    /// <summary>The holidays this calendar skips.</summary>
    public IReadOnlyCollection<DateOnly> Holidays => holidays;

    /// <summary>Whether the day is a weekday and not a holiday.</summary>
    public bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(date);

    /// <summary>
    /// The day <paramref name="workingDays"/> working days after <paramref name="date"/> (before it when negative):
    /// 1 is the first working day after the date, -1 the last working day before it, 0 the date itself whatever it is.
    /// </summary>
    public DateOnly Add(DateOnly date, int workingDays)
    {
        var step = Math.Sign(workingDays);
        var day = date;
        for (var left = Math.Abs(workingDays); left > 0;)
        {
            day = day.AddDays(step);
            if (IsWorkingDay(day))
            {
                left--;
            }
        }

        return day;
    }

    /// <summary>
    /// How many working days <paramref name="to"/> lies from <paramref name="from"/>: the working days after
    /// <paramref name="from"/> up to and including <paramref name="to"/>, or, when <paramref name="to"/> is earlier,
    /// minus the working days from <paramref name="to"/> up to but not including <paramref name="from"/>.
    /// So <c>Add(from, Count(from, to)) == to</c> whenever <paramref name="to"/> is a working day.
    /// </summary>
    public int Count(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -CountIn(to, from.AddDays(-1));
        }

        return to == from ? 0 : CountIn(from.AddDays(1), to);
    }

    /// <summary>The first working day on or after the date.</summary>
    public DateOnly OnOrAfter(DateOnly date) => IsWorkingDay(date) ? date : Add(date, 1);

    /// <summary>The last working day on or before the date.</summary>
    public DateOnly OnOrBefore(DateOnly date) => IsWorkingDay(date) ? date : Add(date, -1);

    // Whole weeks at once, then the days left over, so that counting across years stays cheap.
    private int CountIn(DateOnly first, DateOnly last)
    {
        var days = last.DayNumber - first.DayNumber + 1;
        var count = days / 7 * 5;
        for (var day = first.AddDays(days / 7 * 7); day <= last; day = day.AddDays(1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                count++;
            }
        }

        return count - holidays.Count(h => h >= first && h <= last && h.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
    }
}
