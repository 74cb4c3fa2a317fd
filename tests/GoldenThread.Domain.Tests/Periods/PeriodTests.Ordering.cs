using GoldenThread.Domain.Periods;

namespace GoldenThread.Domain.Tests;

public partial class PeriodTests
{
    [Theory]
    [InlineData("2008-09-Q1", "2008-09-Q2")]
    [InlineData("2008-09-Q4", "2009-10-Q1")]
    [InlineData("2008-09-M12", "2009-10-M01")]
    [InlineData("2007-08", "2008-09")]
    [InlineData("2008-09", "2008-09-H1")]
    [InlineData("2008-09-H1", "2008-09-Q1")]
    [InlineData("2008-09-Q1", "2008-09-M01")]
    [InlineData("2008-09-M03", "2008-09-Q2")]
    [InlineData("2008-09-Q2", "2008-09-H2")]
    public void CompareTo_EarlierStartOrLongerAtTheSameStart_SortsFirst(string earlier, string later)
    {
        var first = Period.Parse(earlier);
        var second = Period.Parse(later);

        Assert.True(first.CompareTo(second) < 0);
        Assert.True(second.CompareTo(first) > 0);
        Assert.True(first < second);
        Assert.True(first <= second);
        Assert.True(second > first);
        Assert.True(second >= first);
    }

    [Fact]
    public void CompareTo_SamePeriod_IsZero()
    {
        var period = Period.Parse("2008-09-Q2");

        Assert.Equal(0, period.CompareTo(Period.Parse("2008-09-Q2")));
        Assert.True(period <= Period.Parse("2008-09-Q2"));
        Assert.True(period >= Period.Parse("2008-09-Q2"));
    }

    [Fact]
    public void Order_MixedKinds_YearFirstThenByWhereTheyStart()
    {
        var codes = new[] { "2008-09-Q2", "2008-09-M01", "2009-10", "2008-09-Q1", "2008-09", "2008-09-H2", "2007-08-Q4" };

        var ordered = codes.Select(Period.Parse).Order().Select(p => p.Code);

        Assert.Equal(["2007-08-Q4", "2008-09", "2008-09-Q1", "2008-09-M01", "2008-09-Q2", "2008-09-H2", "2009-10"], ordered);
    }

    [Theory]
    [InlineData("2008-09-Q2", "2008-09-Q1")]
    [InlineData("2008-09-Q1", "2007-08-Q4")]
    [InlineData("2008-09-M01", "2007-08-M12")]
    [InlineData("2008-09-M07", "2008-09-M06")]
    [InlineData("2008-09-H1", "2007-08-H2")]
    [InlineData("2008-09", "2007-08")]
    [InlineData("2000-01-Q1", "1999-00-Q4")]
    public void Previous_AnyPeriod_IsTheSameKindJustBeforeAcrossYears(string code, string previous)
    {
        var period = Period.Parse(code);

        Assert.Equal(Period.Parse(previous), period.Previous());
    }

    [Theory]
    [InlineData("2008-09-Q2", "2007-08-Q2")]
    [InlineData("2008-09-M01", "2007-08-M01")]
    [InlineData("2008-09-H2", "2007-08-H2")]
    [InlineData("2008-09", "2007-08")]
    public void YearEarlier_AnyPeriod_IsTheSamePeriodOfThePreviousYear(string code, string yearEarlier)
    {
        var period = Period.Parse(code);

        Assert.Equal(Period.Parse(yearEarlier), period.YearEarlier());
    }

    [Theory]
    [InlineData("2008-09", "2008-09-Q1")]
    [InlineData("2008-09", "2008-09-M12")]
    [InlineData("2008-09", "2008-09")]
    [InlineData("2008-09-Q2", "2008-09-M04")]
    [InlineData("2008-09-Q2", "2008-09-M06")]
    [InlineData("2008-09-H1", "2008-09-Q2")]
    [InlineData("2008-09-H2", "2008-09-M12")]
    public void Contains_PeriodWhollyInside_IsTrue(string outer, string inner)
    {
        var period = Period.Parse(outer);

        Assert.True(period.Contains(Period.Parse(inner)));
    }

    [Theory]
    [InlineData("2008-09-Q2", "2008-09-M03")]
    [InlineData("2008-09-Q2", "2008-09-M07")]
    [InlineData("2008-09-Q1", "2008-09")]
    [InlineData("2008-09-H1", "2008-09-Q3")]
    [InlineData("2008-09-Q2", "2008-09-H1")]
    [InlineData("2008-09", "2009-10-Q1")]
    [InlineData("2008-09", "2007-08-M12")]
    public void Contains_PeriodOutsideOrOverlapping_IsFalse(string outer, string other)
    {
        var period = Period.Parse(outer);

        Assert.False(period.Contains(Period.Parse(other)));
    }

    [Theory]
    [InlineData("2008-09-Q3")]
    [InlineData("2008-09-M12")]
    [InlineData("2008-09-H1")]
    [InlineData("2008-09")]
    public void FinancialYear_AnyPeriod_IsTheYearContainingIt(string code)
    {
        var period = Period.Parse(code);

        Assert.Equal(Period.Parse("2008-09"), period.FinancialYear);
    }

    [Fact]
    public void PeriodsOfYear_Quarters_AreQ1ToQ4InOrder()
    {
        var period = Period.Parse("2008-09-M05");

        var quarters = period.PeriodsOfYear(PeriodKind.Quarter).Select(p => p.Code);

        Assert.Equal(["2008-09-Q1", "2008-09-Q2", "2008-09-Q3", "2008-09-Q4"], quarters);
    }

    [Fact]
    public void PeriodsOfYear_Months_AreTwelveInOrder()
    {
        var period = Period.Parse("2008-09");

        var months = period.PeriodsOfYear(PeriodKind.Month).ToList();

        Assert.Equal(12, months.Count);
        Assert.Equal("2008-09-M01", months[0].Code);
        Assert.Equal("2008-09-M12", months[^1].Code);
    }

    [Theory]
    [InlineData(PeriodKind.Quarter, 0, "2008-09-Q1")]
    [InlineData(PeriodKind.Quarter, 5, "2008-09-Q2")]
    [InlineData(PeriodKind.Quarter, 11, "2008-09-Q4")]
    [InlineData(PeriodKind.HalfYear, 6, "2008-09-H2")]
    [InlineData(PeriodKind.Month, 4, "2008-09-M05")]
    public void Containing_MonthOffset_IsThePeriodOfThatKindAroundIt(PeriodKind kind, int monthOffset, string expected)
    {
        var period = Period.Containing(2008, kind, monthOffset);

        Assert.Equal(Period.Parse(expected), period);
    }
}
