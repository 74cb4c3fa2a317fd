using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Periods;
using GoldenThread.Indicators;

namespace GoldenThread.Tests.Indicators;

/// <summary>The ladder of intervention quarter by quarter, and the reason given for each stage.</summary>
public sealed class LadderHistoryTests
{
    private static readonly IndicatorRules Lower = new(Polarity.Lower, Frequency.Quarterly, Accumulation.Cumulative, 2, amberTolerance: 5m);

    [Fact]
    public void Build_NI16InTheCounty_ClimbsOneStageAQuarterAcrossTheYearEnd()
    {
        var report = IndicatorReport.Build(Lower, Tolerances.Default, Ni16());

        var steps = report.Ladder.Where(s => s.Period >= Period.Parse("2008-09-Q3")).ToList();
        Assert.Equal([0, 1, 2, 3], steps.Select(s => s.Stage));
        Assert.Equal("On trajectory: the status is Green. Stage 0: no intervention.", steps[0].Why);
        Assert.Equal(
            "Off trajectory: the status is Amber. Off trajectory for 1 quarter in a row: Stage 1 — the delivery lead takes action with the thematic partnership and reports progress to it and through it to the executive board.",
            steps[1].Why);
        Assert.Equal(
            "Off trajectory: the status is Red. Off trajectory for 2 quarters in a row: Stage 2 — the delivery lead agrees a detailed action plan with the partners to tackle the under-performance.",
            steps[2].Why);
        Assert.StartsWith("Off trajectory: the status is Red. Off trajectory for 3 quarters in a row: Stage 3 — the executive board asks for a detailed report", steps[3].Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_MissedProfile_IsOffTrajectoryEvenWithAGreenForecast()
    {
        var rules = new IndicatorRules(Polarity.Lower, Frequency.Quarterly, Accumulation.Cumulative, 0);
        var q2 = Period.Parse("2009-10-Q2");
        var history = new IndicatorHistory(
            new Dictionary<Period, Observation> { [q2] = new(380m, 686m) },
            new Dictionary<Period, decimal> { [q2.FinancialYear] = 690m, [q2] = 350m });

        var step = Assert.Single(IndicatorReport.Build(rules, Tolerances.Default, history).Ladder);

        Assert.True(step.OffTrajectory);
        Assert.Equal(
            "Off trajectory: the actual 380 missed the profiled target of 350, although the forecast is Green. Off trajectory for 1 quarter in a row: Stage 1 — the delivery lead takes action with the thematic partnership and reports progress to it and through it to the executive board.",
            step.Why);
    }

    [Fact]
    public void Build_MetProfile_ClearsAnAmberForecast()
    {
        var rules = new IndicatorRules(Polarity.Lower, Frequency.Quarterly, Accumulation.Cumulative, 0);
        var q2 = Period.Parse("2009-10-Q2");
        var history = new IndicatorHistory(
            new Dictionary<Period, Observation> { [q2] = new(604m, 1172m) },
            new Dictionary<Period, decimal> { [q2.FinancialYear] = 1150m, [q2] = 610m });

        var step = Assert.Single(IndicatorReport.Build(rules, Tolerances.Default, history).Ladder);

        Assert.False(step.OffTrajectory);
        Assert.Equal("On trajectory: the actual 604 met the profiled target of 610, which clears the Amber forecast. Stage 0: no intervention.", step.Why);
    }

    [Fact]
    public void Build_QuarterWithNoData_IsSkippedAndKeepsTheStage()
    {
        var rules = new IndicatorRules(Polarity.Lower, Frequency.Quarterly, Accumulation.Snapshot, 1);
        var history = new IndicatorHistory(
            new Dictionary<Period, Observation>
            {
                [Period.Parse("2009-10-Q1")] = new(28.9m, 28.4m),
                [Period.Parse("2009-10-Q2")] = new(null, null),
            },
            new Dictionary<Period, decimal> { [Period.Parse("2009-10")] = 27m });

        var steps = IndicatorReport.Build(rules, Tolerances.Default, history).Ladder;

        Assert.Equal([1, 1], steps.Select(s => s.Stage));
        Assert.True(steps[1].Skipped);
        Assert.StartsWith("Skipped: there is no data and no actual for 2009/10 Q2, so it neither counts nor breaks the run. The stage stays at Stage 1", steps[1].Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_AnActualWithoutAForecast_EndsTheRun()
    {
        var rules = new IndicatorRules(Polarity.Higher, Frequency.Quarterly, Accumulation.Snapshot, 0);
        var history = new IndicatorHistory(
            new Dictionary<Period, Observation>
            {
                [Period.Parse("2009-10-Q1")] = new(1390m, 1405m),
                [Period.Parse("2009-10-Q2")] = new(1412m, null),
            },
            new Dictionary<Period, decimal> { [Period.Parse("2009-10")] = 1420m });

        var steps = IndicatorReport.Build(rules, Tolerances.Default, history).Ladder;

        Assert.Equal([1, 0], steps.Select(s => s.Stage));
        Assert.False(steps[1].Skipped);
        Assert.Equal(
            "Not skipped: an actual of 1,412 was given without a projected outturn, so the period is not off trajectory and ends any run. Stage 0: no intervention.",
            steps[1].Why);
    }

    [Fact]
    public void Build_DataOnly_IsNeverOffTrajectory()
    {
        var rules = new IndicatorRules(Polarity.None, Frequency.Quarterly, Accumulation.Snapshot, 1);
        var history = new IndicatorHistory(
            new Dictionary<Period, Observation> { [Period.Parse("2009-10-Q2")] = new(6.9m, null) },
            new Dictionary<Period, decimal>());

        var step = Assert.Single(IndicatorReport.Build(rules, Tolerances.Default, history).Ladder);

        Assert.Equal("Data only: a data-only indicator is never off trajectory. Stage 0: no intervention.", step.Why);
    }

    [Fact]
    public void Build_RunLongerThanThreeQuarters_StaysAtStageThreeAndCountsOn()
    {
        var rules = new IndicatorRules(Polarity.Higher, Frequency.Quarterly, Accumulation.Snapshot, 0);
        var values = new Dictionary<Period, Observation>();
        foreach (var code in new[] { "2008-09-Q1", "2008-09-Q2", "2008-09-Q3", "2008-09-Q4", "2009-10-Q1" })
        {
            values[Period.Parse(code)] = new(80m, 80m);
        }

        var history = new IndicatorHistory(values, new Dictionary<Period, decimal> { [Period.Parse("2008-09")] = 100m, [Period.Parse("2009-10")] = 100m });

        var steps = IndicatorReport.Build(rules, Tolerances.Default, history).Ladder;

        Assert.Equal([1, 2, 3, 3, 3], steps.Select(s => s.Stage));
        Assert.StartsWith("Off trajectory: the status is Red. Off trajectory for 5 quarters in a row: Stage 3", steps[^1].Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_AgreesWithTheAssessorOnEveryStage()
    {
        var report = IndicatorReport.Build(Lower, Tolerances.Default, Ni16());

        Assert.Equal(report.Quarters.Select(q => q.Assessment.ComputedLadderStage), report.Ladder.Select(s => s.Stage));
        Assert.Equal(report.Quarters.Select(q => q.Assessment.OffTrajectory), report.Ladder.Select(s => s.OffTrajectory));
    }

    [Fact]
    public void StageMeaning_OnlyStagesZeroToThree()
    {
        Assert.Equal("no intervention", LadderHistory.StageMeaning(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => LadderHistory.StageMeaning(4));
    }

    /// <summary>NI 16 in Wessexshire as the demonstration has it.</summary>
    internal static IndicatorHistory Ni16()
    {
        var values = new Dictionary<Period, Observation>
        {
            [Period.Parse("2007-08")] = new(16.40m, null),
            [Period.Parse("2008-09-Q1")] = new(3.85m, 15.60m),
            [Period.Parse("2008-09-Q2")] = new(7.80m, 15.70m),
            [Period.Parse("2008-09-Q3")] = new(11.80m, 15.75m),
            [Period.Parse("2008-09-Q4")] = new(16.10m, 16.10m),
            [Period.Parse("2008-09")] = new(16.10m, null),
            [Period.Parse("2009-10-Q1")] = new(4.20m, 16.30m),
            [Period.Parse("2009-10-Q2")] = new(8.45m, 16.60m),
        };
        var targets = new Dictionary<Period, decimal>
        {
            [Period.Parse("2008-09")] = 15.80m,
            [Period.Parse("2009-10")] = 15.20m,
            [Period.Parse("2010-11")] = 14.60m,
        };
        return new IndicatorHistory(values, targets);
    }
}
