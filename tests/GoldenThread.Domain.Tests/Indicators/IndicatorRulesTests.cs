using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Periods;
using static GoldenThread.Domain.Tests.Numbers;

namespace GoldenThread.Domain.Tests;

/// <summary>The indicator properties the assessment reads: decimals, tolerances and reporting periods.</summary>
public class IndicatorRulesTests
{
    [Theory]
    [InlineData(0, "2.5", "3")]
    [InlineData(0, "-2.5", "-3")]
    [InlineData(0, "3.5", "4")]
    [InlineData(1, "0.25", "0.3")]
    [InlineData(2, "1.005", "1.01")]
    [InlineData(2, "1.004999", "1.00")]
    [InlineData(6, "0.0000005", "0.000001")]
    public void Round_Midpoint_RoundsHalfAwayFromZeroAtTheIndicatorsDecimals(int decimals, string value, string rounded)
    {
        var rules = new IndicatorBuilder().Decimals(decimals).Build();

        var result = rules.Round(Number(value));

        Assert.Equal(Number(rounded), result);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(7)]
    public void Constructor_DecimalsOutside0To6_Throws(int decimals)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IndicatorBuilder().Decimals(decimals).Build());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void Constructor_DecimalsAtTheLimits_IsAccepted(int decimals)
    {
        var rules = new IndicatorBuilder().Decimals(decimals).Build();

        Assert.Equal(decimals, rules.Decimals);
    }

    [Fact]
    public void Constructor_NegativeAmberTolerance_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IndicatorBuilder().Tolerances(amber: -1m).Build());
    }

    [Fact]
    public void Constructor_NegativeStrongGreenThreshold_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IndicatorBuilder().Tolerances(strongGreen: -0.5m).Build());
    }

    [Fact]
    public void Constructor_ZeroTolerances_AreAccepted()
    {
        var rules = new IndicatorBuilder().Tolerances(amber: 0m, strongGreen: 0m).Build();

        Assert.Equal(new Tolerances(0m, 0m), rules.TolerancesWithin(Tolerances.Default));
    }

    [Theory]
    [InlineData(Frequency.Monthly, PeriodKind.Month)]
    [InlineData(Frequency.Quarterly, PeriodKind.Quarter)]
    [InlineData(Frequency.HalfYearly, PeriodKind.HalfYear)]
    [InlineData(Frequency.Annual, PeriodKind.Year)]
    public void ReportingKind_EachFrequency_IsThePeriodsOfThatLength(Frequency frequency, PeriodKind kind)
    {
        var rules = new IndicatorBuilder().With(frequency).Build();

        Assert.Equal(kind, rules.ReportingKind);
    }
}
