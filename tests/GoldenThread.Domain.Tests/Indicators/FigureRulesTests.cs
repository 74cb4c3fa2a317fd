using System.Globalization;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Periods;
using static GoldenThread.Domain.Tests.Numbers;

namespace GoldenThread.Domain.Tests;

/// <summary>The rules every figure keeps, wherever it comes from: periods, range, magnitude, digits, started periods.</summary>
public class FigureRulesTests
{
    private static readonly DateOnly Today = new(2009, 11, 16);
    private static readonly FigureIndicator Quarterly = new("NI 15", Frequency.Quarterly, null, null);
    private static readonly FigureIndicator Percent = new("NI 117", Frequency.Monthly, 0m, 100m);

    private static List<FieldProblem> Values(FigureIndicator indicator, string period, decimal? actual, decimal? outturn, FigureLimits? limits = null)
    {
        var problems = new List<FieldProblem>();
        FigureRules.CheckValues(indicator, Period.Parse(period), actual, outturn, Today, limits ?? FigureLimits.Default, problems);
        return problems;
    }

    private static List<FieldProblem> Target(FigureIndicator indicator, string period, decimal target, FigureLimits? limits = null)
    {
        var problems = new List<FieldProblem>();
        FigureRules.CheckTarget(indicator, Period.Parse(period), target, limits ?? FigureLimits.Default, problems);
        return problems;
    }

    [Theory]
    [InlineData("2009-10-Q2")]
    [InlineData("2009-10")]
    [InlineData("2008-09-Q4")]
    public void CheckValues_ReportingPeriodOrYearThatHasStarted_HasNoProblems(string period)
    {
        Assert.Empty(Values(Quarterly, period, 0.5m, 1.1m));
    }

    [Fact]
    public void CheckValues_ActualForAMonthOfAQuarterlyIndicator_IsAProblemWithTheActual()
    {
        var problem = Assert.Single(Values(Quarterly, "2009-10-M04", 0.5m, null));

        Assert.Equal(FigureFields.Actual, problem.Field);
        Assert.Equal("an actual for 2009-10-M04 does not fit: NI 15 is collected quarterly, so its actuals are for quarters or years", problem.Message);
    }

    [Fact]
    public void CheckValues_ActualForAQuarterOfAMonthlyIndicator_HintsAtTheProjectedOutturn()
    {
        var problem = Assert.Single(Values(Percent, "2009-10-Q1", 5m, null));

        Assert.Equal(FigureFields.Actual, problem.Field);
        Assert.EndsWith("; give the forecast for the year as projected_outturn", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckValues_ProjectedOutturnForAnyQuarter_Fits()
    {
        Assert.Empty(Values(Percent, "2009-10-Q1", null, 5m));
    }

    [Fact]
    public void CheckValues_NoFiguresForAPeriodNeitherFits_IsAProblemWithThePeriod()
    {
        var problem = Assert.Single(Values(Quarterly, "2009-10-M01", null, null));

        Assert.Equal(FigureFields.Period, problem.Field);
        Assert.Equal("2009-10-M01 does not fit: NI 15 is collected quarterly, so a values row is for a year or a quarter", problem.Message);
    }

    [Theory]
    [InlineData("2009-10-Q4", "1 January 2010")]
    [InlineData("2009-10-M09", "1 December 2009")]
    [InlineData("2010-11", "1 April 2010")]
    public void CheckValues_PeriodNotStartedByToday_IsAProblemWithThePeriod_EvenWithNoFigures(string period, string starts)
    {
        var indicator = new FigureIndicator("X", null, null, null);

        var problem = Assert.Single(Values(indicator, period, null, null));

        Assert.Equal(FigureFields.Period, problem.Field);
        Assert.Equal($"{period} has not started yet (it starts on {starts}); figures are for periods that have started by today, 16 November 2009", problem.Message);
    }

    [Fact]
    public void CheckValues_PeriodStartingToday_HasStarted()
    {
        var problems = new List<FieldProblem>();

        FigureRules.CheckValues(Quarterly, Period.Parse("2009-10-Q3"), 1m, null, new DateOnly(2009, 10, 1), FigureLimits.Default, problems);

        Assert.Empty(problems);
    }

    [Fact]
    public void CheckTarget_ForAPeriodToCome_IsAllowed()
    {
        Assert.Empty(Target(Quarterly, "2012-13", 0.8m));
    }

    [Fact]
    public void CheckTarget_ShorterThanTheReportingPeriod_IsAProblemWithThePeriod()
    {
        var problem = Assert.Single(Target(Quarterly, "2009-10-M01", 0.8m));

        Assert.Equal(FigureFields.Period, problem.Field);
        Assert.Equal(
            "2009-10-M01 is a month, shorter than the quarters that NI 15 is collected in; a target is for a year or for a period at least as long as the indicator's frequency (quarterly)",
            problem.Message);
    }

    [Theory]
    [InlineData("-0.1", "-0.1 is outside NI 117's range of 0 to 100")]
    [InlineData("100.5", "100.5 is outside NI 117's range of 0 to 100")]
    public void CheckFigure_OutsideTheRange_NamesTheRange(string value, string expected)
    {
        var problem = Assert.Single(Values(Percent, "2009-10-M03", Number(value), null));

        Assert.Equal(FigureFields.Actual, problem.Field);
        Assert.Equal(expected, problem.Message);
    }

    [Fact]
    public void CheckFigure_BelowAMinimumWithNoMaximum_NamesTheMinimum()
    {
        var problem = Assert.Single(Target(new FigureIndicator("NI 8", Frequency.Annual, 0m, null), "2009-10", -1m));

        Assert.Equal(FigureFields.Target, problem.Field);
        Assert.Equal("-1 is below NI 8's min_value of 0", problem.Message);
    }

    [Theory]
    [InlineData("1000000000000", true)]
    [InlineData("-1000000000000", true)]
    [InlineData("1000000000000.01", false)]
    [InlineData("-79228162514264337593543950335", false)]
    public void CheckFigure_Magnitude_IsBoundedByTheLimits(string value, bool allowed)
    {
        var problems = Values(Quarterly, "2009-10-Q1", null, Number(value));

        Assert.Equal(allowed, problems.Count == 0);
        if (!allowed)
        {
            var problem = Assert.Single(problems);
            Assert.Equal(FigureFields.ProjectedOutturn, problem.Field);
            Assert.Contains("is too large: a figure may be at most 1000000000000 either side of zero", problem.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void CheckFigure_ConfiguredMagnitude_IsTheBound_AndIsReportedInsteadOfTheRange()
    {
        var limits = new FigureLimits(1000m);

        var problem = Assert.Single(Target(Percent, "2009-10", 1000.5m, limits));

        Assert.Equal("1000.5 is too large: a figure may be at most 1000 either side of zero; check the units and the decimal point", problem.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-12.5")]
    [InlineData("1234567890123456789012345678")]
    [InlineData("0.1234567890123456789012345678")]
    [InlineData("0.0000000000000000000000000001")]
    [InlineData("1.5e3")]
    [InlineData("15e-27")]
    public void Digits_ANumberADecimalHoldsExactly_IsNull(string text)
    {
        Assert.Null(FigureRules.Digits(text));
    }

    [Theory]
    [InlineData("12345678901234567890123456789", "significant digits")]
    [InlineData("0.12345678901234567890123456789", "significant digits")]
    [InlineData("1.0000000000000000000000000000", "significant digits")]
    [InlineData("1e28", "significant digits")]
    [InlineData("0.00000000000000000000000000001", "digits after the point")]
    [InlineData("1e-29", "digits after the point")]
    public void Digits_MoreThanADecimalHoldsExactly_SaysWhy(string text, string why)
    {
        var message = FigureRules.Digits(text);

        Assert.NotNull(message);
        Assert.Contains(why, message, StringComparison.Ordinal);
        Assert.StartsWith($"'{text}' has more than 28 ", message, StringComparison.Ordinal);
    }

    [Fact]
    public void FigureLimits_ZeroOrNegative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FigureLimits(0m));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FigureLimits(-1m));
    }

    [Fact]
    public void Show_AFigure_IsWrittenAsTheContractWritesIt()
    {
        Assert.Equal("1234.50", FigureRules.Show(decimal.Parse("1234.50", CultureInfo.InvariantCulture)));
    }
}
