using GoldenThread.Domain.Timetable;

namespace GoldenThread.Domain.Tests;

/// <summary>The computed England and Wales bank holidays against the dates GOV.UK published.</summary>
public class BankHolidaysTests
{
    // GOV.UK's published lists, less the one-off changes by proclamation that no rule gives (2011's royal wedding,
    // 2020's VE day move, 2023's coronation): those are the operator's to add.
    [Theory]
    [InlineData(2008, "2008-01-01 2008-03-21 2008-03-24 2008-05-05 2008-05-26 2008-08-25 2008-12-25 2008-12-26")]
    [InlineData(2009, "2009-01-01 2009-04-10 2009-04-13 2009-05-04 2009-05-25 2009-08-31 2009-12-25 2009-12-28")]
    [InlineData(2010, "2010-01-01 2010-04-02 2010-04-05 2010-05-03 2010-05-31 2010-08-30 2010-12-27 2010-12-28")]
    [InlineData(2011, "2011-01-03 2011-04-22 2011-04-25 2011-05-02 2011-05-30 2011-08-29 2011-12-26 2011-12-27")]
    [InlineData(2016, "2016-01-01 2016-03-25 2016-03-28 2016-05-02 2016-05-30 2016-08-29 2016-12-26 2016-12-27")]
    [InlineData(2019, "2019-01-01 2019-04-19 2019-04-22 2019-05-06 2019-05-27 2019-08-26 2019-12-25 2019-12-26")]
    [InlineData(2023, "2023-01-02 2023-04-07 2023-04-10 2023-05-01 2023-05-29 2023-08-28 2023-12-25 2023-12-26")]
    [InlineData(2024, "2024-01-01 2024-03-29 2024-04-01 2024-05-06 2024-05-27 2024-08-26 2024-12-25 2024-12-26")]
    [InlineData(2025, "2025-01-01 2025-04-18 2025-04-21 2025-05-05 2025-05-26 2025-08-25 2025-12-25 2025-12-26")]
    [InlineData(2026, "2026-01-01 2026-04-03 2026-04-06 2026-05-04 2026-05-25 2026-08-31 2026-12-25 2026-12-28")]
    [InlineData(2027, "2027-01-01 2027-03-26 2027-03-29 2027-05-03 2027-05-31 2027-08-30 2027-12-27 2027-12-28")]
    public void EnglandAndWales_PublishedYear_GivesThePublishedDates(int year, string published)
    {
        var expected = published.Split(' ').Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd"));

        Assert.Equal(expected, BankHolidays.EnglandAndWales(year).Select(h => h.Date));
    }

    [Fact]
    public void EnglandAndWales_ChristmasOnSaturday_SubstitutesMondayAndTuesday()
    {
        var holidays = BankHolidays.EnglandAndWales(2021);

        Assert.Contains(new Holiday(new DateOnly(2021, 12, 27), "Christmas Day (substitute day)"), holidays);
        Assert.Contains(new Holiday(new DateOnly(2021, 12, 28), "Boxing Day (substitute day)"), holidays);
    }

    [Fact]
    public void EnglandAndWales_ChristmasOnSunday_KeepsBoxingDayAndSubstitutesTuesday()
    {
        var holidays = BankHolidays.EnglandAndWales(2022);

        Assert.Contains(new Holiday(new DateOnly(2022, 12, 26), "Boxing Day"), holidays);
        Assert.Contains(new Holiday(new DateOnly(2022, 12, 27), "Christmas Day (substitute day)"), holidays);
        Assert.Contains(new Holiday(new DateOnly(2022, 1, 3), "New Year's Day (substitute day)"), holidays);
    }

    [Fact]
    public void EnglandAndWales_BeforeTheRulesBegan_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BankHolidays.EnglandAndWales(BankHolidays.FirstYear - 1));
    }

    [Theory]
    [InlineData(2000, 4, 23)]
    [InlineData(2008, 3, 23)]
    [InlineData(2011, 4, 24)]
    [InlineData(2019, 4, 21)]
    [InlineData(2038, 4, 25)]
    [InlineData(2285, 3, 22)]
    public void EasterSunday_KnownYear_IsTheKnownDate(int year, int month, int day)
    {
        Assert.Equal(new DateOnly(year, month, day), BankHolidays.EasterSunday(year));
    }

    [Fact]
    public void EnglandAndWales_EveryYear_GivesEightDistinctWeekdaysInOrder()
    {
        for (var year = BankHolidays.FirstYear; year <= 2300; year++)
        {
            var dates = BankHolidays.EnglandAndWales(year).Select(h => h.Date).ToList();

            Assert.Equal(8, dates.Distinct().Count());
            Assert.All(dates, d => Assert.True(d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday), $"{d} is a weekend"));
            Assert.Equal(dates.Order(), dates);
            Assert.Equal(DayOfWeek.Sunday, BankHolidays.EasterSunday(year).DayOfWeek);
        }
    }
}
