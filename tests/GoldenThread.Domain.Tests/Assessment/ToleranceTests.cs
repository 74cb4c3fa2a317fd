using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Indicators;

namespace GoldenThread.Domain.Tests;

/// <summary>"R/A/G rating will be assigned to all indicators based on the tolerances built into the system", overridable per indicator.</summary>
public class ToleranceTests
{
    [Fact]
    public void Assess_IndicatorAmberToleranceOverride_MakesMinusSixRed()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 100m)
            .Value("2008-09-Q1", projected: 94m);

        var withDefault = history.AssessAt("2008-09-Q1");
        var withOverride = history.AssessAt("2008-09-Q1", new IndicatorBuilder().Tolerances(amber: 5m));

        Assert.Equal(Status.Amber, withDefault.Status);
        Assert.Equal(Status.Red, withOverride.Status);
    }

    [Fact]
    public void Assess_IndicatorStrongGreenOverride_MakesPlusFifteenGreen()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 100m)
            .Value("2008-09-Q1", projected: 115m);

        var withDefault = history.AssessAt("2008-09-Q1");
        var withOverride = history.AssessAt("2008-09-Q1", new IndicatorBuilder().Tolerances(strongGreen: 20m));

        Assert.Equal(Status.StrongGreen, withDefault.Status);
        Assert.Equal(Status.Green, withOverride.Status);
    }

    [Fact]
    public void Assess_OverrideBoundary_IsAmberAtMinusAAndGreenAtPlusG()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 100m)
            .Value("2008-09-Q1", projected: 95m)
            .Value("2008-09-Q2", projected: 120m);
        var indicator = new IndicatorBuilder().Tolerances(amber: 5m, strongGreen: 20m);

        var atMinusA = history.AssessAt("2008-09-Q1", indicator);
        var atPlusG = history.AssessAt("2008-09-Q2", indicator);

        Assert.Equal(Status.Amber, atMinusA.Status);
        Assert.Equal(Status.Green, atPlusG.Status);
    }

    [Fact]
    public void Assess_SystemTolerances_ApplyWhenTheIndicatorHasNone()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 100m)
            .Value("2008-09-Q1", projected: 88m);

        var assessment = history.AssessAt("2008-09-Q1", system: new Tolerances(amber: 15m, strongGreen: 5m));

        Assert.Equal(Status.Amber, assessment.Status);
    }

    [Fact]
    public void Assess_OneOverride_LeavesTheOtherSystemTolerance()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 100m)
            .Value("2008-09-Q1", projected: 88m)
            .Value("2008-09-Q2", projected: 107m);
        var indicator = new IndicatorBuilder().Tolerances(strongGreen: 20m);
        var system = new Tolerances(amber: 15m, strongGreen: 5m);

        var q1 = history.AssessAt("2008-09-Q1", indicator, system: system);
        var q2 = history.AssessAt("2008-09-Q2", indicator, system: system);

        Assert.Equal(Status.Amber, q1.Status);
        Assert.Equal(Status.Green, q2.Status);
    }

    [Fact]
    public void TolerancesWithin_NoOverride_IsTheSystemsOwn()
    {
        var rules = new IndicatorBuilder().Build();
        var system = new Tolerances(7m, 12m);

        var tolerances = rules.TolerancesWithin(system);

        Assert.Same(system, tolerances);
    }

    [Fact]
    public void TolerancesWithin_BothOverridden_IgnoresTheSystem()
    {
        var rules = new IndicatorBuilder().Tolerances(amber: 3m, strongGreen: 4m).Build();

        var tolerances = rules.TolerancesWithin(new Tolerances(7m, 12m));

        Assert.Equal(new Tolerances(3m, 4m), tolerances);
    }

    [Fact]
    public void Default_Tolerances_AreTenAndTen()
    {
        var tolerances = Tolerances.Default;

        Assert.Equal(10m, tolerances.Amber);
        Assert.Equal(10m, tolerances.StrongGreen);
    }

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(10, -1)]
    public void Tolerances_Negative_Throws(int amber, int strongGreen)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Tolerances(amber, strongGreen));
    }
}
