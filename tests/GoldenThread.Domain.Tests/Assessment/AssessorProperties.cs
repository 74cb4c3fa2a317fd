using CsCheck;
using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Periods;

namespace GoldenThread.Domain.Tests;

/// <summary>Properties of a whole assessment over any history, including untidy ones with gaps and empty rows.</summary>
public class AssessorProperties
{
    private const int Iterations = 300;

    private static readonly Status[] NeedingAnException = [Status.Red, Status.Amber, Status.StrongGreen, Status.NoData];

    [Fact]
    public void Assess_AnyHistory_StatusIsOneOfTheDefinedValues()
    {
        string[] words = ["red", "amber", "green", "strong_green", "no_data", "data_only", "no_target"];
        Generate.Case.Sample(@case =>
        {
            var assessment = @case.Assess();

            Assert.Contains(assessment.Status.Code(), words);
            Assert.Contains(assessment.Trend.Code(), (string[])["improving", "worsening", "level", "up", "down", "none"]);
            Assert.Contains(assessment.DirectionOfTravel.Code(), (string[])["improving", "worsening", "level", "up", "down", "none"]);
        }, iter: Iterations);
    }

    [Fact]
    public void Assess_AnyHistory_ExceptionIsRequiredExactlyForRedAmberStrongGreenAndNoData()
    {
        Generate.Case.Sample(@case =>
        {
            var assessment = @case.Assess();

            var required = NeedingAnException.Contains(assessment.Status);
            Assert.Equal(required, assessment.ExceptionRequired is not null);
            if (required)
            {
                Assert.Equal(assessment.Status, assessment.ExceptionRequired);
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Assess_AnyHistory_LadderStageIs0To3AndNeverBelowTheManualStage()
    {
        Generate.Case.Sample(@case =>
        {
            var assessment = @case.Assess();

            Assert.InRange(assessment.ComputedLadderStage, 0, Assessor.TopLadderStage);
            Assert.InRange(assessment.LadderStage, 0, Assessor.TopLadderStage);
            Assert.True(assessment.LadderStage >= @case.ManualStage);
            Assert.Equal(Math.Max(assessment.ComputedLadderStage, @case.ManualStage), assessment.LadderStage);
        }, iter: Iterations);
    }

    [Fact]
    public void LadderWalk_EveryQuarterFromTheStart_GivesTheEnginesStageAtEachQuarter()
    {
        // The ladder walked forward over consecutive quarters (as the indicator page shows it) and counted back by
        // the engine at each quarter must agree: one skip-and-count rule.
        Generate.Case.Sample(@case =>
        {
            var assessor = @case.Assessor;
            var quarters = Enumerable.Range(2006, 3)
                .SelectMany(year => Periods.Period.OfYear(year).PeriodsOfYear(PeriodKind.Quarter))
                .Select(q => assessor.Assess(q))
                .ToList();

            var readings = Ladder.Walk(quarters);

            Assert.Equal(quarters.Select(q => q.ComputedLadderStage), readings.Select(r => r.Stage));
            Assert.Equal(quarters.Select(q => q.LadderRule), readings.Select(r => r.Rule));
        }, iter: Iterations);
    }

    [Fact]
    public void Assess_AnyHistory_LadderStageFollowsTheEarlierPeriodsStage()
    {
        // The ladder, stated one step at a time: an off-trajectory period is one stage above the latest earlier
        // period that was not skipped (capped at 3), a skipped period keeps that period's stage, any other is 0.
        Generate.Case.Sample(@case =>
        {
            var assessor = @case.Assessor;
            var assessment = assessor.Assess(@case.At);

            var earlier = @case.At.Previous();
            while (IsSkipped(assessor.Assess(earlier)))
            {
                earlier = earlier.Previous();
            }

            var earlierStage = assessor.Assess(earlier).ComputedLadderStage;
            var expected = assessment.OffTrajectory ? Math.Min(Assessor.TopLadderStage, earlierStage + 1)
                : IsSkipped(assessment) ? earlierStage
                : 0;
            Assert.Equal(expected, assessment.ComputedLadderStage);
        }, iter: Iterations);
    }

    [Fact]
    public void Assess_DataOnly_NeverOffTrajectoryNorRated()
    {
        Generate.Case.Where(c => c.Rules.Polarity == Polarity.None).Sample(@case =>
        {
            var assessment = @case.Assess();

            Assert.Equal(Status.DataOnly, assessment.Status);
            Assert.False(assessment.OffTrajectory);
            Assert.Null(assessment.Pvt);
            Assert.Equal(0, assessment.ComputedLadderStage);
            Assert.DoesNotContain(assessment.Trend, (Direction[])[Direction.Improving, Direction.Worsening]);
        }, iter: Iterations);
    }

    [Fact]
    public void Assess_AnyHistory_TrendCountIsZeroExactlyWhenThereIsNoTrend()
    {
        Generate.Case.Sample(@case =>
        {
            var assessment = @case.Assess();

            Assert.Equal(assessment.Trend == Direction.None, assessment.TrendPeriods == 0);
            Assert.True(assessment.TrendPeriods >= 0);
            Assert.True(assessment.TrendPeriods <= @case.History.Values.Count - 1 || assessment.TrendPeriods == 0);
        }, iter: Iterations);
    }

    [Fact]
    public void Assess_RatedStatus_OnlyWithACurrentTargetAndAProjection()
    {
        Generate.Case.Sample(@case =>
        {
            var assessment = @case.Assess();

            if (assessment.Status is Status.Red or Status.Amber or Status.Green or Status.StrongGreen)
            {
                Assert.NotNull(assessment.CurrentTarget);
                Assert.True(assessment.ProjectedOutturn is not null || (@case.At.Kind == PeriodKind.Year && assessment.Actual is not null));
                Assert.Equal(assessment.CurrentTarget == 0m, assessment.Pvt is null);
            }
            else
            {
                Assert.Null(assessment.Pvt);
            }
        }, iter: Iterations);
    }

    private static bool IsSkipped(Assessment.Assessment assessment) =>
        assessment.Status == Status.NoData && assessment.Actual is null;
}
