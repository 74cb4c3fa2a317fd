using System.Globalization;
using GoldenThread.Domain.Periods;

namespace GoldenThread.Domain.Tests;

public partial class PeriodTests
{
    [Theory]
    [InlineData("2008-09", "2008-04-01", "2009-03-31")]
    [InlineData("2008-09-H1", "2008-04-01", "2008-09-30")]
    [InlineData("2008-09-H2", "2008-10-01", "2009-03-31")]
    [InlineData("2008-09-Q1", "2008-04-01", "2008-06-30")]
    [InlineData("2008-09-Q2", "2008-07-01", "2008-09-30")]
    [InlineData("2008-09-Q3", "2008-10-01", "2008-12-31")]
    [InlineData("2008-09-Q4", "2009-01-01", "2009-03-31")]
    [InlineData("2008-09-M01", "2008-04-01", "2008-04-30")]
    [InlineData("2008-09-M12", "2009-03-01", "2009-03-31")]
    [InlineData("2007-08-M11", "2008-02-01", "2008-02-29")]
    public void StartAndEndDate_DefaultApril_CoverTheUkFinancialYear(string code, string start, string end)
    {
        var period = Period.Parse(code);

        Assert.Equal(Date(start), period.StartDate());
        Assert.Equal(Date(end), period.EndDate());
    }

    [Theory]
    [InlineData("2008-09", 1, "2008-01-01", "2008-12-31")]
    [InlineData("2008-09-Q4", 1, "2008-10-01", "2008-12-31")]
    [InlineData("2008-09-M01", 1, "2008-01-01", "2008-01-31")]
    [InlineData("2008-09", 7, "2008-07-01", "2009-06-30")]
    [InlineData("2008-09-Q1", 7, "2008-07-01", "2008-09-30")]
    [InlineData("2008-09-M12", 7, "2009-06-01", "2009-06-30")]
    [InlineData("2008-09-H2", 9, "2009-03-01", "2009-08-31")]
    public void StartAndEndDate_OtherStartMonth_ShiftTheCalendarMonths(string code, int startMonth, string start, string end)
    {
        var period = Period.Parse(code);

        Assert.Equal(Date(start), period.StartDate(startMonth));
        Assert.Equal(Date(end), period.EndDate(startMonth));
    }

    [Fact]
    public void StartDate_OtherStartMonth_LeavesTheCodeUnchanged()
    {
        var period = Period.Parse("2008-09-Q1");

        _ = period.StartDate(1);

        Assert.Equal("2008-09-Q1", period.Code);
        Assert.Equal(Period.Parse("2008-09-Q1"), period);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    [InlineData(-4)]
    public void StartAndEndDate_StartMonthOutside1To12_Throw(int startMonth)
    {
        var period = Period.Parse("2008-09-Q1");

        Assert.Throws<ArgumentOutOfRangeException>(() => period.StartDate(startMonth));
        Assert.Throws<ArgumentOutOfRangeException>(() => period.EndDate(startMonth));
    }

    private static DateOnly Date(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2009-11-16", 4, "2009-10-Q2")]
    [InlineData("2009-10-01", 4, "2009-10-Q2")]
    [InlineData("2009-09-30", 4, "2009-10-Q1")]
    [InlineData("2009-04-01", 4, "2008-09-Q4")]
    [InlineData("2009-03-31", 4, "2008-09-Q3")]
    [InlineData("2010-01-15", 4, "2009-10-Q3")]
    [InlineData("2009-01-01", 1, "2008-09-Q4")]
    [InlineData("2009-07-01", 7, "2008-09-Q4")]
    public void LatestEndedQuarter_IsTheQuarterWhoseLastDayHasPassed(string today, int startMonth, string expected)
    {
        Assert.Equal(Period.Parse(expected), Period.LatestEndedQuarter(Date(today), startMonth));
    }

    [Theory]
    [InlineData("2009-10-Q3", "2009-09-30", false)]
    [InlineData("2009-10-Q3", "2009-10-01", true)]
    [InlineData("2999-00-Q4", "2009-11-16", false)]
    [InlineData("2009-10", "2009-11-16", true)]
    public void HasStartedBy_IsTrueFromTheFirstDay(string code, string today, bool expected)
    {
        Assert.Equal(expected, Period.Parse(code).HasStartedBy(Date(today)));
    }
}
