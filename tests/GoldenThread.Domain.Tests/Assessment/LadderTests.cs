using GoldenThread.Domain.Assessment;

namespace GoldenThread.Domain.Tests;

/// <summary>The ladder of intervention: consecutive off-trajectory periods, capped at Stage 3, raised by hand.</summary>
public class LadderTests
{
    // With an annual target of 95 (higher is better): 80 is Red, 90 Amber, 95 Green.
    private const decimal Red = 80m;
    private const decimal Amber = 90m;
    private const decimal Green = 95m;

    [Fact]
    public void LadderStage_OneOffTrajectoryQuarter_IsStage1()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Projections("2008-09-Q1", Green, Red);

        var assessment = history.AssessAt("2008-09-Q2");

        Assert.Equal(1, assessment.LadderStage);
    }

    [Fact]
    public void LadderStage_TwoConsecutiveQuarters_IsStage2()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Projections("2008-09-Q1", Green, Amber, Red);

        var assessment = history.AssessAt("2008-09-Q3");

        Assert.Equal(2, assessment.LadderStage);
    }

    [Fact]
    public void LadderStage_ThreeConsecutiveQuarters_IsStage3()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Projections("2008-09-Q1", Red, Red, Amber);

        var assessment = history.AssessAt("2008-09-Q3");

        Assert.Equal(3, assessment.LadderStage);
    }

    [Fact]
    public void LadderStage_MoreThanThreeConsecutive_IsCappedAt3()
    {
        var history = new HistoryBuilder()
            .Target("2007-08", 95m)
            .Target("2008-09", 95m)
            .Projections("2007-08-Q1", Red, Red, Red, Red, Red, Red, Red);

        var assessment = history.AssessAt("2008-09-Q3");

        Assert.Equal(3, assessment.LadderStage);
    }

    [Fact]
    public void LadderStage_AssessedPeriodOnTrajectory_Is0WhateverCameBefore()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Projections("2008-09-Q1", Red, Red, Green);

        var assessment = history.AssessAt("2008-09-Q3");

        Assert.False(assessment.OffTrajectory);
        Assert.Equal(0, assessment.LadderStage);
    }

    [Fact]
    public void LadderStage_GreenBetweenReds_RestartsTheCount()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Projections("2008-09-Q1", Red, Green, Red);

        var assessment = history.AssessAt("2008-09-Q3");

        Assert.Equal(1, assessment.LadderStage);
    }

    [Fact]
    public void LadderStage_AcrossAYearBoundary_KeepsCounting()
    {
        var history = new HistoryBuilder()
            .Target("2007-08", 95m)
            .Target("2008-09", 95m)
            .Projections("2007-08-Q3", Red, Amber, Red);

        var assessment = history.AssessAt("2008-09-Q1");

        Assert.Equal(3, assessment.LadderStage);
    }

    [Fact]
    public void LadderStage_EachYearJudgedOnItsOwnTarget_AcrossTheBoundary()
    {
        // 90 is Green against 2007-08's 85 but Amber against 2008-09's 95.
        var history = new HistoryBuilder()
            .Target("2007-08", 85m)
            .Target("2008-09", 95m)
            .Projections("2007-08-Q4", 90m, 90m);

        var assessment = history.AssessAt("2008-09-Q1");

        Assert.Equal(1, assessment.LadderStage);
    }

    [Fact]
    public void LadderStage_MissingQuarterBetweenOffQuarters_IsSkipped()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Projections("2008-09-Q1", Red)
            .Projections("2008-09-Q3", Red);

        var assessment = history.AssessAt("2008-09-Q3");

        Assert.Equal(2, assessment.LadderStage);
    }

    [Fact]
    public void LadderStage_EmptyRowBetweenOffQuarters_IsSkipped()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Projections("2008-09-Q1", Red, null, null, Amber);

        var assessment = history.AssessAt("2008-09-Q4");

        Assert.Equal(2, assessment.LadderStage);
    }

    [Fact]
    public void LadderStage_MissingQuartersAcrossAYearBoundary_AreSkipped()
    {
        var history = new HistoryBuilder()
            .Target("2007-08", 95m)
            .Target("2008-09", 95m)
            .Projections("2007-08-Q2", Red, Red)
            .Projections("2008-09-Q2", Red);

        var assessment = history.AssessAt("2008-09-Q2");

        Assert.Equal(3, assessment.LadderStage);
    }

    [Fact]
    public void LadderStage_AssessedQuarterSkipped_IsTheStageOfTheLatestEarlierQuarter()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Projections("2008-09-Q1", Red, Red);

        var assessment = history.AssessAt("2008-09-Q3");

        Assert.Equal(Status.NoData, assessment.Status);
        Assert.False(assessment.OffTrajectory);
        Assert.Equal(2, assessment.LadderStage);
    }

    [Fact]
    public void LadderStage_AssessedQuarterSkippedAfterAGreen_Is0()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Projections("2008-09-Q1", Red, Green);

        var assessment = history.AssessAt("2008-09-Q3");

        Assert.Equal(0, assessment.LadderStage);
    }

    [Fact]
    public void LadderStage_NoDataQuarterWithAnActual_EndsTheRun()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Projections("2008-09-Q1", Red, Red)
            .Value("2008-09-Q3", actual: 40m)
            .Projections("2008-09-Q4", Red);

        var atQ3 = history.AssessAt("2008-09-Q3");
        var atQ4 = history.AssessAt("2008-09-Q4");

        Assert.Equal(Status.NoData, atQ3.Status);
        Assert.Equal(0, atQ3.LadderStage);
        Assert.Equal(1, atQ4.LadderStage);
    }

    [Fact]
    public void LadderStage_NoDataQuarterWithAnActualMissingItsProfile_CountsAsOffTrajectory()
    {
        // Ambiguous in assessment.md: "a no_data period that has an actual ... is not off trajectory", yet a
        // period with a profile and a worse actual "is off trajectory". The code lets the profile decide.
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Target("2008-09-Q2", 50m)
            .Projections("2008-09-Q1", Red)
            .Value("2008-09-Q2", actual: 40m);

        var assessment = history.AssessAt("2008-09-Q2");

        Assert.Equal(Status.NoData, assessment.Status);
        Assert.True(assessment.OffTrajectory);
        Assert.Equal(2, assessment.LadderStage);
    }

    [Fact]
    public void LadderStage_MetProfileClearingAnAmberForecast_EndsTheRun()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Target("2008-09-Q2", 50m)
            .Projections("2008-09-Q1", Red)
            .Value("2008-09-Q2", actual: 50m, projected: Amber)
            .Projections("2008-09-Q3", Red);

        var atQ2 = history.AssessAt("2008-09-Q2");
        var atQ3 = history.AssessAt("2008-09-Q3");

        Assert.Equal(0, atQ2.LadderStage);
        Assert.Equal(1, atQ3.LadderStage);
    }

    [Fact]
    public void LadderStage_MissedProfileUnderAGreenForecast_Counts()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Target("2008-09-Q2", 50m)
            .Projections("2008-09-Q1", Red)
            .Value("2008-09-Q2", actual: 45m, projected: Green)
            .Projections("2008-09-Q3", Red);

        var assessment = history.AssessAt("2008-09-Q3");

        Assert.Equal(3, assessment.LadderStage);
    }

    [Fact]
    public void LadderStage_NoTargetQuarterBetweenOffQuarters_EndsTheRun()
    {
        // A quarter of a year with no annual target is not no_data, so it is not skipped.
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Projections("2007-08-Q4", Red)
            .Projections("2008-09-Q1", Red);

        var assessment = history.AssessAt("2008-09-Q1");

        Assert.Equal(1, assessment.LadderStage);
    }

    [Fact]
    public void LadderStage_FirstDataOffTrajectory_IsStage1()
    {
        // Nothing before the pair's first data counts, and reaching it does not loop for ever.
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Projections("2008-09-Q1", Red);

        var assessment = history.AssessAt("2008-09-Q1");

        Assert.Equal(1, assessment.LadderStage);
    }

    [Fact]
    public void LadderStage_OnlyMissingQuartersBeforeTheFirstData_DoNotCount()
    {
        var history = new HistoryBuilder()
            .Target("2006-07", 95m)
            .Target("2007-08", 95m)
            .Target("2008-09", 95m)
            .Projections("2008-09-Q3", Red);

        var assessment = history.AssessAt("2008-09-Q3");

        Assert.Equal(1, assessment.LadderStage);
    }

    [Fact]
    public void LadderStage_EmptyHistory_Is0()
    {
        var history = new HistoryBuilder();

        var assessment = history.AssessAt("2008-09-Q1");

        Assert.Equal(0, assessment.LadderStage);
    }

    [Fact]
    public void LadderStage_AssessedAtAYear_RunsOverYears()
    {
        var history = new HistoryBuilder()
            .Target("2007-08", 95m)
            .Target("2008-09", 95m)
            .Value("2007-08", actual: Red)
            .Projections("2008-09-Q1", Green, Green, Green, Green)
            .Value("2008-09", actual: Amber);

        var assessment = history.AssessAt("2008-09");

        Assert.Equal(2, assessment.LadderStage);
    }

    [Fact]
    public void LadderStage_AnnualIndicator_CountsQuartersOnTheirProjections()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Value("2007-08", actual: 99m)
            .Projections("2008-09-Q1", Red, Amber);

        var assessment = history.AssessAt("2008-09-Q2", new IndicatorBuilder().Annual());

        Assert.Equal(2, assessment.LadderStage);
    }

    [Fact]
    public void LadderStage_MonthlyIndicatorAtQuarters_UsesEachQuartersLatestMonth()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Projections("2008-09-M01", Green, Green, Red, Green, Amber);

        var assessment = history.AssessAt("2008-09-Q2", new IndicatorBuilder().Monthly());

        Assert.Equal(2, assessment.LadderStage);
    }

    [Fact]
    public void LadderStage_LowerIsBetter_CountsItsOwnReds()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 20m)
            .Projections("2008-09-Q1", 25m, 22m);

        var assessment = history.AssessAt("2008-09-Q2", new IndicatorBuilder().Lower());

        Assert.Equal(2, assessment.LadderStage);
    }

    [Fact]
    public void LadderStage_DataOnly_IsAlways0()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Projections("2008-09-Q1", Red, Red, Red);

        var assessment = history.AssessAt("2008-09-Q3", new IndicatorBuilder().DataOnly());

        Assert.Equal(0, assessment.LadderStage);
    }

    [Theory]
    [InlineData(1, 2, 2)]
    [InlineData(3, 1, 3)]
    [InlineData(0, 3, 3)]
    [InlineData(2, 2, 2)]
    [InlineData(2, 0, 2)]
    public void LadderStage_ManualTrigger_IsTheHigherOfComputedAndManual(int offQuarters, int manual, int shown)
    {
        var projections = Enumerable.Repeat<decimal?>(Green, 3 - offQuarters).Concat(Enumerable.Repeat<decimal?>(Red, offQuarters)).ToArray();
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Projections("2008-09-Q1", projections);

        var assessment = history.AssessAt("2008-09-Q3", manualStage: manual);

        Assert.Equal(shown, assessment.LadderStage);
        Assert.Equal(offQuarters, assessment.ComputedLadderStage);
    }

    [Fact]
    public void LadderStage_ManualTriggerOnADataOnlyIndicator_IsShown()
    {
        var history = new HistoryBuilder()
            .Projections("2008-09-Q1", Red);

        var assessment = history.AssessAt("2008-09-Q1", new IndicatorBuilder().DataOnly(), manualStage: 2);

        Assert.Equal(2, assessment.LadderStage);
        Assert.Equal(0, assessment.ComputedLadderStage);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    public void Assess_ManualStageOutside0To3_Throws(int manual)
    {
        var assessor = new HistoryBuilder().AssessorFor();

        Assert.Throws<ArgumentOutOfRangeException>(() => assessor.Assess(Periods.Period.Parse("2008-09-Q1"), manual));
    }

    [Theory]
    [InlineData(Status.NoData, null, false, LadderRule.Skipped)]
    [InlineData(Status.NoData, "5", false, LadderRule.Ended)]
    [InlineData(Status.Red, null, true, LadderRule.Counted)]
    [InlineData(Status.Green, "5", true, LadderRule.Counted)]
    [InlineData(Status.Amber, "5", false, LadderRule.Ended)]
    [InlineData(Status.NoTarget, "5", false, LadderRule.Ended)]
    public void RuleFor_WhatTheAssessmentFound_IsTheRuleThatFires(Status status, string? actual, bool offTrajectory, LadderRule expected)
    {
        Assert.Equal(expected, Ladder.RuleFor(status, actual is null ? null : decimal.Parse(actual, System.Globalization.CultureInfo.InvariantCulture), offTrajectory));
    }

    [Fact]
    public void Walk_ARunLongerThanTheTopStage_CountsOnAtStage3_AndSkippedQuartersKeepIt()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Target("2009-10", 95m)
            .Projections("2008-09-Q1", Red, Red, null, Red, Red, Green);
        var assessor = history.AssessorFor();
        var first = Periods.Period.Parse("2008-09-Q1");
        var quarters = Enumerable.Range(0, 6)
            .Select(i => assessor.Assess(Periods.Period.Containing(first.Year + (i / 4), Periods.PeriodKind.Quarter, (i % 4) * 3)))
            .ToList();

        var readings = Ladder.Walk(quarters);

        Assert.Equal([1, 2, 2, 3, 4, 0], readings.Select(r => r.Run));
        Assert.Equal([1, 2, 2, 3, 3, 0], readings.Select(r => r.Stage));
        Assert.Equal(LadderRule.Skipped, readings[2].Rule);
        Assert.Equal(LadderRule.Ended, readings[5].Rule);
    }
}
