using GoldenThread.Domain.Assessment;

namespace GoldenThread.Domain.Tests;

/// <summary>"The trajectory is the agreed profile where there is one"; otherwise a red or amber status.</summary>
public class OffTrajectoryTests
{
    [Theory]
    [InlineData("80", Status.Red, true)]
    [InlineData("94", Status.Amber, true)]
    [InlineData("95", Status.Green, false)]
    [InlineData("110", Status.StrongGreen, false)]
    public void OffTrajectory_WithoutAProfile_IsRedOrAmber(string projected, Status status, bool offTrajectory)
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Value("2008-09-Q2", actual: 10m, projected: Numbers.Number(projected));

        var assessment = history.AssessAt("2008-09-Q2");

        Assert.Equal(status, assessment.Status);
        Assert.Equal(offTrajectory, assessment.OffTrajectory);
    }

    [Theory]
    [InlineData("50")]
    [InlineData("55")]
    public void OffTrajectory_MetProfile_ClearsAnAmberForecast(string actual)
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Target("2008-09-Q2", 50m)
            .Value("2008-09-Q2", actual: Numbers.Number(actual), projected: 90m);

        var assessment = history.AssessAt("2008-09-Q2");

        Assert.Equal(Status.Amber, assessment.Status);
        Assert.False(assessment.OffTrajectory);
    }

    [Fact]
    public void OffTrajectory_MetProfile_ClearsARedForecast()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Target("2008-09-Q2", 50m)
            .Value("2008-09-Q2", actual: 50m, projected: 60m);

        var assessment = history.AssessAt("2008-09-Q2");

        Assert.Equal(Status.Red, assessment.Status);
        Assert.False(assessment.OffTrajectory);
    }

    [Fact]
    public void OffTrajectory_MissedProfile_PutsAGreenForecastOffTrajectory()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Target("2008-09-Q2", 50m)
            .Value("2008-09-Q2", actual: 45m, projected: 100m);

        var assessment = history.AssessAt("2008-09-Q2");

        Assert.Equal(Status.Green, assessment.Status);
        Assert.True(assessment.OffTrajectory);
    }

    [Theory]
    [InlineData("21", true)]
    [InlineData("20", false)]
    [InlineData("19", false)]
    public void OffTrajectory_LowerIsBetterProfile_IsMissedWhenTheActualIsAbove(string actual, bool offTrajectory)
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 15m)
            .Target("2008-09-Q2", 20m)
            .Value("2008-09-Q2", actual: Numbers.Number(actual), projected: 15m);

        var assessment = history.AssessAt("2008-09-Q2", new IndicatorBuilder().Lower());

        Assert.Equal(offTrajectory, assessment.OffTrajectory);
    }

    [Fact]
    public void OffTrajectory_ProfileWithoutAnActual_FallsBackToTheStatus()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Target("2008-09-Q2", 50m)
            .Value("2008-09-Q2", projected: 90m);

        var assessment = history.AssessAt("2008-09-Q2");

        Assert.Equal(Status.Amber, assessment.Status);
        Assert.True(assessment.OffTrajectory);
    }

    [Fact]
    public void OffTrajectory_ProfileOfAnotherQuarter_IsNotThisQuartersTrajectory()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Target("2008-09-Q1", 10m)
            .Value("2008-09-Q2", actual: 45m, projected: 90m);

        var assessment = history.AssessAt("2008-09-Q2");

        Assert.True(assessment.OffTrajectory);
    }

    [Fact]
    public void OffTrajectory_ProfileMissedOnlyBelowTheDecimalsShown_IsMet()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Target("2008-09-Q2", 50m)
            .Value("2008-09-Q2", actual: 49.6m, projected: 100m);

        var atZero = history.AssessAt("2008-09-Q2", new IndicatorBuilder().Decimals(0));
        var atOne = history.AssessAt("2008-09-Q2", new IndicatorBuilder().Decimals(1));

        Assert.False(atZero.OffTrajectory);
        Assert.True(atOne.OffTrajectory);
    }

    [Fact]
    public void OffTrajectory_MonthlyAtAQuarterWithAQuarterlyProfile_UsesTheLatestMonthsActual()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Target("2008-09-Q2", 50m)
            .Value("2008-09-M05", actual: 60m, projected: 100m)
            .Value("2008-09-M06", actual: 45m, projected: 100m);

        var assessment = history.AssessAt("2008-09-Q2", new IndicatorBuilder().Monthly());

        Assert.True(assessment.OffTrajectory);
    }

    [Fact]
    public void OffTrajectory_DataOnly_IsNeverOffEvenBelowItsProfile()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Target("2008-09-Q2", 50m)
            .Value("2008-09-Q2", actual: 10m, projected: 10m);

        var assessment = history.AssessAt("2008-09-Q2", new IndicatorBuilder().DataOnly());

        Assert.Equal(Status.DataOnly, assessment.Status);
        Assert.False(assessment.OffTrajectory);
    }

    [Fact]
    public void OffTrajectory_NoData_IsNotOff()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Value("2008-09-Q2", actual: 10m);

        var assessment = history.AssessAt("2008-09-Q2");

        Assert.Equal(Status.NoData, assessment.Status);
        Assert.False(assessment.OffTrajectory);
    }

    [Fact]
    public void OffTrajectory_NoTarget_IsNotOff()
    {
        var history = new HistoryBuilder()
            .Value("2008-09-Q2", actual: 10m, projected: 10m);

        var assessment = history.AssessAt("2008-09-Q2");

        Assert.Equal(Status.NoTarget, assessment.Status);
        Assert.False(assessment.OffTrajectory);
    }

    [Fact]
    public void OffTrajectory_ZeroTargetMissed_IsOff()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 0m)
            .Value("2008-09-Q2", projected: 3m);

        var assessment = history.AssessAt("2008-09-Q2", new IndicatorBuilder().Lower());

        Assert.Equal(Status.Red, assessment.Status);
        Assert.True(assessment.OffTrajectory);
    }

    [Fact]
    public void OffTrajectory_YearOutturnJustShortOfTheAnnualTarget_IsOffBecauseItIsAmber()
    {
        // The annual target is the current target, not a profile: a year is off trajectory by its status,
        // even where the outturn and the target look the same at the decimals shown.
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Value("2008-09", actual: 94.8m);

        var assessment = history.AssessAt("2008-09", new IndicatorBuilder().Decimals(0));

        Assert.Equal(Status.Amber, assessment.Status);
        Assert.True(assessment.OffTrajectory);
    }

    [Fact]
    public void OffTrajectory_YearSuppliedByItsLastQuarter_IsJudgedOnItsOutturnAgainstTheAnnualTarget()
    {
        // Q4's actual is the year's outturn, and the year is off trajectory by its status.
        var history = new HistoryBuilder()
            .Target("2008-09", 100m)
            .Value("2008-09-Q4", actual: 30m, projected: 100m);

        var assessment = history.AssessAt("2008-09");

        Assert.Equal(Status.Red, assessment.Status);
        Assert.True(assessment.OffTrajectory);
    }

    [Fact]
    public void OffTrajectory_YearSuppliedByAnEarlierQuarter_IsNotJudgedOnThatQuartersActual()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 100m)
            .Value("2008-09-Q3", actual: 30m, projected: 100m);

        var assessment = history.AssessAt("2008-09");

        Assert.Equal(Status.Green, assessment.Status);
        Assert.False(assessment.OffTrajectory);
    }
}
