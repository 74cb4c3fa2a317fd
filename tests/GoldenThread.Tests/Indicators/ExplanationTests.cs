using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Periods;
using GoldenThread.Indicators;

namespace GoldenThread.Tests.Indicators;

/// <summary>The plain-English reason for every status, both polarities, the zero target, the year's outturn and the bands' edges.</summary>
public sealed class ExplanationTests
{
    private static readonly IndicatorRules Higher = new(Polarity.Higher, Frequency.Quarterly, Accumulation.Snapshot, 0);
    private static readonly IndicatorRules Lower = new(Polarity.Lower, Frequency.Quarterly, Accumulation.Snapshot, 1);

    [Fact]
    public void For_HigherAndWellBelowTarget_IsRedBelowMinusTen()
    {
        var (status, why) = Explain(Higher, target: 95m, projected: 85m);

        Assert.Equal(Status.Red, status);
        Assert.Equal("Projected outturn 85 is 10.53% below the target of 95; Red is below -10%.", why);
    }

    [Fact]
    public void For_HigherAndJustBelowTarget_IsAmberBetweenMinusTenAndZero()
    {
        var (status, why) = Explain(Higher, target: 95m, projected: 94m);

        Assert.Equal(Status.Amber, status);
        Assert.Equal("Projected outturn 94 is 1.05% below the target of 95; Amber is from -10% to just below 0%.", why);
    }

    [Fact]
    public void For_ExactlyMinusTen_IsAmberOnTheBoundary()
    {
        var (status, why) = Explain(Higher, target: 50m, projected: 45m);

        Assert.Equal(Status.Amber, status);
        Assert.Equal("Projected outturn 45 is 10.00% below the target of 50; Amber is from -10% to just below 0%.", why);
    }

    [Fact]
    public void For_OnTarget_IsGreenAndSaysItMeetsTheTarget()
    {
        var (status, why) = Explain(Higher, target: 95m, projected: 95m);

        Assert.Equal(Status.Green, status);
        Assert.Equal("Projected outturn 95 meets the target of 95; Green is from 0% to +10%.", why);
    }

    [Fact]
    public void For_ExactlyPlusTen_IsGreenOnTheBoundary()
    {
        var (status, why) = Explain(Higher, target: 50m, projected: 55m);

        Assert.Equal(Status.Green, status);
        Assert.Equal("Projected outturn 55 is 10.00% above the target of 50; Green is from 0% to +10%.", why);
    }

    [Fact]
    public void For_WellAboveTarget_IsStrongGreenAboveTen()
    {
        var (status, why) = Explain(Higher, target: 95m, projected: 110m);

        Assert.Equal(Status.StrongGreen, status);
        Assert.Equal("Projected outturn 110 is 15.79% above the target of 95; Strong green is above +10%.", why);
    }

    [Fact]
    public void For_LowerIsBetterAndAboveTarget_SaysAboveIsWorse()
    {
        var (status, why) = Explain(Lower, target: 20m, projected: 22.1m);

        Assert.Equal(Status.Red, status);
        Assert.Equal(
            "Projected outturn 22.1 is 10.50% above the target of 20.0, which is worse when lower is better; PVT -10.50%, and Red is below -10%.",
            why);
    }

    [Fact]
    public void For_LowerIsBetterOnTheAmberBoundary_IsAmber()
    {
        var (status, why) = Explain(Lower, target: 20m, projected: 22m);

        Assert.Equal(Status.Amber, status);
        Assert.Equal(
            "Projected outturn 22.0 is 10.00% above the target of 20.0, which is worse when lower is better; PVT -10.00%, and Amber is from -10% to just below 0%.",
            why);
    }

    [Fact]
    public void For_LowerIsBetterAndWellBelowTarget_IsStrongGreenAndSaysBelowIsBetter()
    {
        var (status, why) = Explain(Lower, target: 20m, projected: 17m);

        Assert.Equal(Status.StrongGreen, status);
        Assert.Equal(
            "Projected outturn 17.0 is 15.00% below the target of 20.0, which is better when lower is better; PVT +15.00%, and Strong green is above +10%.",
            why);
    }

    [Fact]
    public void For_LowerIsBetterWithANegativeTarget_ASmallerCutIsWorse()
    {
        var rules = new IndicatorRules(Polarity.Lower, Frequency.Quarterly, Accumulation.Snapshot, 0);

        var (status, why) = Explain(rules, target: -5m, projected: -3m);

        Assert.Equal(Status.Red, status);
        Assert.Equal(
            "Projected outturn -3 is 40.00% above the target of -5, which is worse when lower is better; PVT -40.00%, and Red is below -10%.",
            why);
    }

    [Fact]
    public void For_LowerIsBetterAndGreen_SaysTheBandOfGreen()
    {
        var (status, why) = Explain(Lower, target: 15.8m, projected: 15.6m);

        Assert.Equal(Status.Green, status);
        Assert.Equal(
            "Projected outturn 15.6 is 1.27% below the target of 15.8, which is better when lower is better; PVT +1.27%, and Green is from 0% to +10%.",
            why);
    }

    [Fact]
    public void For_ZeroTargetMissedWhenLowerIsBetter_IsRedWithoutAPercentage()
    {
        var (status, why) = Explain(Lower, target: 0m, projected: 1.2m);

        Assert.Equal(Status.Red, status);
        Assert.Equal(
            "Projected outturn 1.2 is above the target of 0.0, which is worse when lower is better, so the target is missed; with a target of 0 there is no percentage (PVT): Green is meeting or beating it, Red is missing it.",
            why);
    }

    [Fact]
    public void For_ZeroTargetBeatenWhenLowerIsBetter_IsGreen()
    {
        var (status, why) = Explain(Lower, target: 0m, projected: -0.5m);

        Assert.Equal(Status.Green, status);
        Assert.StartsWith("Projected outturn -0.5 is below the target of 0.0, which is better when lower is better, so the target is beaten;", why, StringComparison.Ordinal);
    }

    [Fact]
    public void For_ZeroTargetMet_IsGreen()
    {
        var (status, why) = Explain(Higher, target: 0m, projected: 0m);

        Assert.Equal(Status.Green, status);
        Assert.Equal(
            "Projected outturn 0 meets the target of 0; with a target of 0 there is no percentage (PVT): Green is meeting or beating it, Red is missing it.",
            why);
    }

    [Fact]
    public void For_ZeroTargetMissedWhenHigherIsBetter_IsRed()
    {
        var (status, why) = Explain(Higher, target: 0m, projected: -2m);

        Assert.Equal(Status.Red, status);
        Assert.StartsWith("Projected outturn -2 is below the target of 0, so the target is missed;", why, StringComparison.Ordinal);
    }

    [Fact]
    public void For_NoProjectedOutturn_IsNoDataAndNamesThePeriod()
    {
        var (status, why) = Explain(Higher, target: 95m, projected: null);

        Assert.Equal(Status.NoData, status);
        Assert.Equal(
            "No projected outturn was given for 2009/10 Q2, so no status can be worked out; an exception report must give assurance of the delivery taking place.",
            why);
    }

    [Fact]
    public void For_AnActualWithoutAProjectedOutturn_IsNoDataAndSaysWhatWasGiven()
    {
        var (status, why) = Explain(Higher, target: 95m, projected: null, actual: 57m);

        Assert.Equal(Status.NoData, status);
        Assert.StartsWith("No projected outturn was given for 2009/10 Q2, only an actual of 57, so no status can be worked out;", why, StringComparison.Ordinal);
    }

    [Fact]
    public void For_DataOnlyIndicator_IsNeverRated()
    {
        var rules = new IndicatorRules(Polarity.None, Frequency.Quarterly, Accumulation.Snapshot, 1);

        var (status, why) = Explain(rules, target: null, projected: 6.8m);

        Assert.Equal(Status.DataOnly, status);
        Assert.Equal("Data only: this indicator is monitored without a target and is never rated.", why);
    }

    [Fact]
    public void For_NoAnnualTarget_AsksForOne()
    {
        var (status, why) = Explain(Higher, target: null, projected: 90m);

        Assert.Equal(Status.NoTarget, status);
        Assert.Equal("No annual target is set for 2009/10, so no status can be given; the performance team should set one.", why);
    }

    [Fact]
    public void For_YearWithAnOutturn_JudgesTheOutturnNotTheForecast()
    {
        var year = Period.Parse("2008-09");
        var history = new IndicatorHistory(
            new Dictionary<Period, Observation> { [year] = new(16.10m, 15.0m) },
            new Dictionary<Period, decimal> { [year] = 15.80m });
        var rules = new IndicatorRules(Polarity.Lower, Frequency.Quarterly, Accumulation.Cumulative, 2, amberTolerance: 5m);

        var why = ExplainAt(rules, history, year);

        Assert.Equal(
            "Outturn 16.10 is 1.90% above the target of 15.80, which is worse when lower is better; PVT -1.90%, and Amber is from -5% to just below 0%.",
            why);
    }

    [Fact]
    public void For_YearSuppliedByQ4sActual_JudgesThatOutturnAndNamesTheQuarter()
    {
        var history = new IndicatorHistory(
            new Dictionary<Period, Observation> { [Period.Parse("2008-09-Q4")] = new(1300m, 1100m) },
            new Dictionary<Period, decimal> { [Period.Parse("2008-09")] = 1200m });
        var rules = new IndicatorRules(Polarity.Higher, Frequency.Quarterly, Accumulation.Cumulative, 0);

        var why = ExplainAt(rules, history, Period.Parse("2008-09"));

        Assert.StartsWith("Outturn 1,300, given for 2008/09 Q4, is 8.33% above the target of 1,200;", why, StringComparison.Ordinal);
    }

    [Fact]
    public void For_YearWithoutATarget_SaysTheOutturnIsNotRated()
    {
        var year = Period.Parse("2007-08");
        var history = new IndicatorHistory(new Dictionary<Period, Observation> { [year] = new(16.4m, null) }, new Dictionary<Period, decimal>());

        var why = ExplainAt(Lower, history, year);

        Assert.Equal("No annual target was set for 2007/08, so its outturn is not rated.", why);
    }

    [Fact]
    public void For_QuarterOfAMonthlyIndicator_NamesTheMonthThatGaveTheFigure()
    {
        var quarter = Period.Parse("2009-10-Q2");
        var history = new IndicatorHistory(
            new Dictionary<Period, Observation> { [Period.Parse("2009-10-M06")] = new(3.62m, 7.02m) },
            new Dictionary<Period, decimal> { [Period.Parse("2009-10")] = 7.20m });
        var rules = new IndicatorRules(Polarity.Lower, Frequency.Monthly, Accumulation.Cumulative, 2);

        var why = ExplainAt(rules, history, quarter);

        Assert.Equal(
            "Projected outturn 7.02, given for 2009/10 M06, is 2.50% below the target of 7.20, which is better when lower is better; PVT +2.50%, and Green is from 0% to +10%.",
            why);
    }

    [Fact]
    public void For_IndicatorWithItsOwnTolerances_UsesThemInTheBand()
    {
        var rules = new IndicatorRules(Polarity.Higher, Frequency.Quarterly, Accumulation.Snapshot, 0, amberTolerance: 5m, strongGreenThreshold: 20m);

        var (red, redWhy) = Explain(rules, target: 100m, projected: 94m);
        var (green, greenWhy) = Explain(rules, target: 100m, projected: 115m);

        Assert.Equal(Status.Red, red);
        Assert.EndsWith("; Red is below -5%.", redWhy, StringComparison.Ordinal);
        Assert.Equal(Status.Green, green);
        Assert.EndsWith("; Green is from 0% to +20%.", greenWhy, StringComparison.Ordinal);
    }

    [Fact]
    public void For_PvtThatRoundsOntoTheRedEdge_SaysWhichSideItIs()
    {
        // -10.004%: reported as -10.00, but Red, because the band is decided on the unrounded figure.
        var (status, why) = Explain(new IndicatorRules(Polarity.Higher, Frequency.Quarterly, Accumulation.Snapshot, 3), target: 100m, projected: 89.996m);

        Assert.Equal(Status.Red, status);
        Assert.Equal("Projected outturn 89.996 is just over 10.00% below the target of 100.000; Red is below -10%.", why);
    }

    [Fact]
    public void For_TinyShortfall_SaysLessThanAHundredthOfAPercent()
    {
        var (status, why) = Explain(new IndicatorRules(Polarity.Higher, Frequency.Quarterly, Accumulation.Snapshot, 3), target: 100m, projected: 99.999m);

        Assert.Equal(Status.Amber, status);
        Assert.StartsWith("Projected outturn 99.999 is less than 0.01% below the target of 100.000;", why, StringComparison.Ordinal);
    }

    [Fact]
    public void Trend_And_DirectionOfTravel_AreInWords()
    {
        var assessment = new Assessment(Period.Parse("2009-10-Q2"), 8.45m, null, 15.2m, 16.6m, -9.21m, Status.Red, Direction.Worsening, 2, Direction.Worsening, true, 3);

        Assert.Equal("Worsening for 2 quarters", Explanation.Trend(Lower, assessment));
        Assert.Equal("Worsening on a year earlier", Explanation.DirectionOfTravel(assessment));
        Assert.Equal("Not known: a figure is missing, now or a year earlier", Explanation.DirectionOfTravel(assessment with { DirectionOfTravel = Direction.None }));
    }

    private static (Status Status, string Why) Explain(IndicatorRules rules, decimal? target, decimal? projected, decimal? actual = null)
    {
        var quarter = Period.Parse("2009-10-Q2");
        var targets = new Dictionary<Period, decimal>();
        if (target is { } t)
        {
            targets[quarter.FinancialYear] = t;
        }

        var history = new IndicatorHistory(new Dictionary<Period, Observation> { [quarter] = new(actual, projected) }, targets);
        var assessor = new Assessor(rules, Tolerances.Default, history);
        var assessment = assessor.Assess(quarter);
        return (assessment.Status, Explanation.For(rules, Tolerances.Default, assessment, assessor.ValueAt(quarter)?.Supplier));
    }

    private static string ExplainAt(IndicatorRules rules, IndicatorHistory history, Period period)
    {
        var assessor = new Assessor(rules, Tolerances.Default, history);
        return Explanation.For(rules, Tolerances.Default, assessor.Assess(period), assessor.ValueAt(period)?.Supplier);
    }
}
