using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Indicators;

namespace GoldenThread.Domain.Tests;

/// <summary>Which status applies, the targets it is judged against, and the exceptions it calls for.</summary>
public class StatusTests
{
    [Theory]
    [InlineData(Polarity.None, false, false, Status.DataOnly)]
    [InlineData(Polarity.None, true, true, Status.DataOnly)]
    [InlineData(Polarity.Higher, false, false, Status.NoTarget)]
    [InlineData(Polarity.Lower, false, true, Status.NoTarget)]
    [InlineData(Polarity.Higher, true, false, Status.NoData)]
    [InlineData(Polarity.Higher, true, true, Status.Red)]
    [InlineData(Polarity.Lower, true, true, Status.StrongGreen)]
    public void Assess_StatusOrder_DataOnlyThenNoTargetThenNoDataThenTheBands(Polarity polarity, bool hasTarget, bool hasProjection, Status status)
    {
        var history = new HistoryBuilder();
        if (hasTarget)
        {
            history.Target("2008-09", 95m);
        }

        if (hasProjection)
        {
            history.Value("2008-09-Q1", projected: 80m);
        }

        var assessment = history.AssessAt("2008-09-Q1", new IndicatorBuilder().With(polarity));

        Assert.Equal(status, assessment.Status);
    }

    [Fact]
    public void Assess_DataOnlyWithoutTargetOrData_IsDataOnly()
    {
        var history = new HistoryBuilder();

        var assessment = history.AssessAt("2008-09-Q1", new IndicatorBuilder().DataOnly());

        Assert.Equal(Status.DataOnly, assessment.Status);
    }

    [Fact]
    public void Assess_DataOnlyWithTargetAndProjection_IsStillDataOnlyWithoutPvt()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Value("2008-09-Q1", actual: 20m, projected: 85m);

        var assessment = history.AssessAt("2008-09-Q1", new IndicatorBuilder().DataOnly());

        Assert.Equal(Status.DataOnly, assessment.Status);
        Assert.Null(assessment.Pvt);
        Assert.Equal(95m, assessment.CurrentTarget);
        Assert.Equal(85m, assessment.ProjectedOutturn);
    }

    [Fact]
    public void Assess_NoTargetAndNoData_IsNoTarget()
    {
        var history = new HistoryBuilder();

        var assessment = history.AssessAt("2008-09-Q1");

        Assert.Equal(Status.NoTarget, assessment.Status);
    }

    [Fact]
    public void Assess_ProjectionButNoAnnualTarget_IsNoTargetWithoutPvt()
    {
        var history = new HistoryBuilder()
            .Value("2008-09-Q1", actual: 20m, projected: 85m);

        var assessment = history.AssessAt("2008-09-Q1");

        Assert.Equal(Status.NoTarget, assessment.Status);
        Assert.Null(assessment.Pvt);
        Assert.Null(assessment.CurrentTarget);
    }

    [Fact]
    public void Assess_OnlyAProfiledTarget_IsNoTarget()
    {
        // The current target is the annual target; a quarter's profile does not stand in for it.
        var history = new HistoryBuilder()
            .Target("2008-09-Q1", 20m)
            .Value("2008-09-Q1", actual: 20m, projected: 85m);

        var assessment = history.AssessAt("2008-09-Q1");

        Assert.Equal(Status.NoTarget, assessment.Status);
        Assert.Equal(20m, assessment.PeriodTarget);
    }

    [Fact]
    public void Assess_TargetButNoRow_IsNoData()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 95m);

        var assessment = history.AssessAt("2008-09-Q1");

        Assert.Equal(Status.NoData, assessment.Status);
        Assert.Null(assessment.Pvt);
    }

    [Fact]
    public void Assess_EmptyRow_IsNoData()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Value("2008-09-Q1");

        var assessment = history.AssessAt("2008-09-Q1");

        Assert.Equal(Status.NoData, assessment.Status);
    }

    [Fact]
    public void Assess_ActualButNoProjectedOutturn_IsNoData()
    {
        // PVT is judged on the forecast of the year end; a quarter's actual is not one.
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Value("2008-09-Q1", actual: 99m);

        var assessment = history.AssessAt("2008-09-Q1");

        Assert.Equal(Status.NoData, assessment.Status);
        Assert.Equal(99m, assessment.Actual);
    }

    [Fact]
    public void Assess_CurrentTarget_IsTheAnnualTargetOfTheYearContainingThePeriod()
    {
        var history = new HistoryBuilder()
            .Target("2007-08", 80m)
            .Target("2008-09", 95m)
            .Target("2009-10", 99m)
            .Value("2008-09-Q4", projected: 95m);

        var assessment = history.AssessAt("2008-09-Q4");

        Assert.Equal(95m, assessment.CurrentTarget);
        Assert.Equal(Status.Green, assessment.Status);
    }

    [Fact]
    public void Assess_PeriodTarget_IsThePeriodsOwnRowNeverCarriedOrAddedUp()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Target("2008-09-Q1", 20m)
            .Target("2008-09-Q3", 70m)
            .Value("2008-09-Q2", projected: 95m);

        var q1 = history.AssessAt("2008-09-Q1");
        var q2 = history.AssessAt("2008-09-Q2");
        var year = history.AssessAt("2008-09");

        Assert.Equal(20m, q1.PeriodTarget);
        Assert.Null(q2.PeriodTarget);
        Assert.Equal(95m, year.PeriodTarget);
    }

    [Fact]
    public void Assess_YearWithAnActual_TheOutturnStandsInForTheProjection()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Value("2008-09", actual: 100m, projected: 80m);

        var assessment = history.AssessAt("2008-09");

        Assert.Equal(5.26m, assessment.Pvt);
        Assert.Equal(Status.Green, assessment.Status);
        Assert.Equal(80m, assessment.ProjectedOutturn);
        Assert.Equal(100m, assessment.Actual);
    }

    [Fact]
    public void Assess_YearWithAnOutturnButNoProjection_IsRatedNotNoData()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Value("2008-09", actual: 85m);

        var assessment = history.AssessAt("2008-09");

        Assert.Equal(-10.53m, assessment.Pvt);
        Assert.Equal(Status.Red, assessment.Status);
        Assert.Null(assessment.ProjectedOutturn);
    }

    [Fact]
    public void Assess_YearWithoutAnActual_UsesItsProjection()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Value("2008-09", projected: 110m);

        var assessment = history.AssessAt("2008-09");

        Assert.Equal(15.79m, assessment.Pvt);
        Assert.Equal(Status.StrongGreen, assessment.Status);
    }

    [Fact]
    public void Assess_QuarterWithAnActual_IsStillJudgedOnItsProjection()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Value("2008-09-Q2", actual: 20m, projected: 95m);

        var assessment = history.AssessAt("2008-09-Q2");

        Assert.Equal(0m, assessment.Pvt);
        Assert.Equal(Status.Green, assessment.Status);
    }

    [Fact]
    public void Assess_YearSuppliedByItsLastQuarter_TheQuartersActualIsTheOutturn()
    {
        // Q4's actual is the year's outturn (assessment.md, Performance versus target): it stands in for the
        // forecast, as the actual on the year's own code would.
        var history = new HistoryBuilder()
            .Target("2008-09", 100m)
            .Value("2008-09-Q4", actual: 50m, projected: 100m);

        var assessment = history.AssessAt("2008-09");

        Assert.Equal(-50m, assessment.Pvt);
        Assert.Equal(Status.Red, assessment.Status);
        Assert.Equal(50m, assessment.Actual);
        Assert.Equal(100m, assessment.ProjectedOutturn);
    }

    [Theory]
    [InlineData(Frequency.Quarterly, "2008-09-Q4", Status.Red)]
    [InlineData(Frequency.Quarterly, "2008-09-Q3", Status.Green)]
    [InlineData(Frequency.HalfYearly, "2008-09-H2", Status.Red)]
    [InlineData(Frequency.HalfYearly, "2008-09-H1", Status.Green)]
    [InlineData(Frequency.Monthly, "2008-09-M12", Status.Red)]
    [InlineData(Frequency.Monthly, "2008-09-M05", Status.Green)]
    public void Assess_YearSuppliedByAReportingPeriod_OnlyTheLastPeriodsActualIsTheOutturn(Frequency frequency, string supplier, Status status)
    {
        // An actual from earlier in the year (a year-to-date total at month 5) is not the outturn: the forecast is used.
        var history = new HistoryBuilder()
            .Target("2008-09", 100m)
            .Value(supplier, actual: 50m, projected: 100m);

        var assessment = history.AssessAt("2008-09", new IndicatorBuilder().With(frequency));

        Assert.Equal(status, assessment.Status);
        Assert.Equal(50m, assessment.Actual);
    }

    [Fact]
    public void Assess_YearRowWithoutAnActual_ItsProjectionIsUsedNotQ4sActual()
    {
        // The value at a year is its own row when there is one, even without an actual; Q4 does not supply it then.
        var history = new HistoryBuilder()
            .Target("2008-09", 100m)
            .Value("2008-09-Q4", actual: 50m, projected: 100m)
            .Value("2008-09", projected: 100m);

        var assessment = history.AssessAt("2008-09");

        Assert.Equal(Status.Green, assessment.Status);
        Assert.Null(assessment.Actual);
    }

    [Fact]
    public void Assess_Q4ItselfWithAnActual_IsStillJudgedOnItsProjection()
    {
        // The outturn stands in only when the period assessed is the year.
        var history = new HistoryBuilder()
            .Target("2008-09", 100m)
            .Value("2008-09-Q4", actual: 50m, projected: 100m);

        var assessment = history.AssessAt("2008-09-Q4");

        Assert.Equal(Status.Green, assessment.Status);
    }

    [Theory]
    [InlineData(Status.Red, "red")]
    [InlineData(Status.Amber, "amber")]
    [InlineData(Status.StrongGreen, "strong_green")]
    [InlineData(Status.NoData, "no_data")]
    public void ExceptionRequired_StatusNeedingAReport_IsThatStatus(Status status, string code)
    {
        var assessment = AssessmentWith(status);

        Assert.Equal(status, assessment.ExceptionRequired);
        Assert.Equal(code, assessment.ExceptionRequired?.Code());
    }

    [Theory]
    [InlineData(Status.Green)]
    [InlineData(Status.DataOnly)]
    [InlineData(Status.NoTarget)]
    public void ExceptionRequired_OtherStatus_IsNull(Status status)
    {
        var assessment = AssessmentWith(status);

        Assert.Null(assessment.ExceptionRequired);
    }

    [Fact]
    public void Assess_NoTarget_RequiresNoException()
    {
        var history = new HistoryBuilder()
            .Value("2008-09-Q1", projected: 10m);

        var assessment = history.AssessAt("2008-09-Q1");

        Assert.Null(assessment.ExceptionRequired);
    }

    [Fact]
    public void Assess_NoData_RequiresANoDataException()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 95m);

        var assessment = history.AssessAt("2008-09-Q1");

        Assert.Equal(Status.NoData, assessment.ExceptionRequired);
    }

    [Theory]
    [InlineData(Status.Red, "red")]
    [InlineData(Status.Amber, "amber")]
    [InlineData(Status.Green, "green")]
    [InlineData(Status.StrongGreen, "strong_green")]
    [InlineData(Status.NoData, "no_data")]
    [InlineData(Status.DataOnly, "data_only")]
    [InlineData(Status.NoTarget, "no_target")]
    public void Code_EveryStatus_IsTheInterchangeWord(Status status, string code)
    {
        Assert.Equal(code, status.Code());
    }

    [Theory]
    [InlineData(Direction.None, "none")]
    [InlineData(Direction.Improving, "improving")]
    [InlineData(Direction.Worsening, "worsening")]
    [InlineData(Direction.Level, "level")]
    [InlineData(Direction.Up, "up")]
    [InlineData(Direction.Down, "down")]
    public void Code_EveryDirection_IsTheInterchangeWord(Direction direction, string code)
    {
        Assert.Equal(code, direction.Code());
    }

    [Fact]
    public void Code_UndefinedStatus_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ((Status)99).Code());
    }

    private static Assessment.Assessment AssessmentWith(Status status) =>
        new(Periods.Period.Parse("2008-09-Q1"), null, null, null, null, null, status, Direction.None, 0, Direction.None, false, 0);
}
