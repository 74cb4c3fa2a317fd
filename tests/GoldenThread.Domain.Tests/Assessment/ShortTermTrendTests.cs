using GoldenThread.Domain.Assessment;

namespace GoldenThread.Domain.Tests;

/// <summary>"Short term trend relates to changes in direction in performance within the current year."</summary>
public class ShortTermTrendTests
{
    [Fact]
    public void Trend_SeedPreviousOutturn20AndQ1Of20_IsLevelFor1Quarter()
    {
        var history = new HistoryBuilder()
            .Value("2007-08", actual: 20m)
            .Value("2008-09-Q1", actual: 20m);

        var assessment = history.AssessAt("2008-09-Q1");

        Assert.Equal((Direction.Level, 1), (assessment.Trend, assessment.TrendPeriods));
    }

    [Fact]
    public void Trend_SeedQ1Of25AndQ2Of30WithoutPreviousOutturn_IsImprovingFor1Quarter()
    {
        var history = new HistoryBuilder()
            .Actuals("2008-09-Q1", 25m, 30m);

        var assessment = history.AssessAt("2008-09-Q2");

        Assert.Equal((Direction.Improving, 1), (assessment.Trend, assessment.TrendPeriods));
    }

    [Fact]
    public void Trend_SeedPreviousOutturn20ThenQ1Of25AndQ2Of30_IsImprovingFor2Quarters()
    {
        var history = new HistoryBuilder()
            .Value("2007-08", actual: 20m)
            .Actuals("2008-09-Q1", 25m, 30m);

        var assessment = history.AssessAt("2008-09-Q2");

        Assert.Equal((Direction.Improving, 2), (assessment.Trend, assessment.TrendPeriods));
    }

    [Fact]
    public void Trend_LowerIsBetterAndFalling_IsImproving()
    {
        var history = new HistoryBuilder()
            .Value("2007-08", actual: 30m)
            .Actuals("2008-09-Q1", 25m, 20m);

        var assessment = history.AssessAt("2008-09-Q2", new IndicatorBuilder().Lower());

        Assert.Equal((Direction.Improving, 2), (assessment.Trend, assessment.TrendPeriods));
    }

    [Fact]
    public void Trend_LowerIsBetterAndRising_IsWorsening()
    {
        var history = new HistoryBuilder()
            .Actuals("2008-09-Q1", 20m, 25m, 30m);

        var assessment = history.AssessAt("2008-09-Q3", new IndicatorBuilder().Lower());

        Assert.Equal((Direction.Worsening, 2), (assessment.Trend, assessment.TrendPeriods));
    }

    [Theory]
    [InlineData("30", Direction.Up)]
    [InlineData("10", Direction.Down)]
    [InlineData("20", Direction.Level)]
    public void Trend_DataOnly_IsUpDownOrLevel(string q2, Direction direction)
    {
        var history = new HistoryBuilder()
            .Actuals("2008-09-Q1", 20m, Numbers.Number(q2));

        var assessment = history.AssessAt("2008-09-Q2", new IndicatorBuilder().DataOnly());

        Assert.Equal((direction, 1), (assessment.Trend, assessment.TrendPeriods));
    }

    [Fact]
    public void Trend_ChangeOfDirection_CountsOnlyTheLastRun()
    {
        var history = new HistoryBuilder()
            .Value("2007-08", actual: 20m)
            .Actuals("2008-09-Q1", 25m, 30m, 28m, 26m);

        var assessment = history.AssessAt("2008-09-Q4");

        Assert.Equal((Direction.Worsening, 2), (assessment.Trend, assessment.TrendPeriods));
    }

    [Fact]
    public void Trend_LevelAfterImproving_IsLevelFor1()
    {
        var history = new HistoryBuilder()
            .Actuals("2008-09-Q1", 25m, 30m, 30m);

        var assessment = history.AssessAt("2008-09-Q3");

        Assert.Equal((Direction.Level, 1), (assessment.Trend, assessment.TrendPeriods));
    }

    [Fact]
    public void Trend_LevelRun_CountsEveryLevelStep()
    {
        var history = new HistoryBuilder()
            .Value("2007-08", actual: 30m)
            .Actuals("2008-09-Q1", 30m, 30m, 30m);

        var assessment = history.AssessAt("2008-09-Q3");

        Assert.Equal((Direction.Level, 3), (assessment.Trend, assessment.TrendPeriods));
    }

    [Fact]
    public void Trend_OnlyLaterPeriodsOfTheYear_AreNotInTheSeries()
    {
        var history = new HistoryBuilder()
            .Actuals("2008-09-Q1", 25m, 30m, 10m, 5m);

        var assessment = history.AssessAt("2008-09-Q2");

        Assert.Equal((Direction.Improving, 1), (assessment.Trend, assessment.TrendPeriods));
    }

    [Fact]
    public void Trend_NoValueAtThePeriod_IsNoneWith0()
    {
        var history = new HistoryBuilder()
            .Actuals("2008-09-Q1", 25m)
            .Value("2008-09-Q2", projected: 30m);

        var assessment = history.AssessAt("2008-09-Q2");

        Assert.Equal((Direction.None, 0), (assessment.Trend, assessment.TrendPeriods));
    }

    [Fact]
    public void Trend_NoRowAtThePeriod_IsNoneWith0()
    {
        var history = new HistoryBuilder()
            .Actuals("2008-09-Q1", 25m);

        var assessment = history.AssessAt("2008-09-Q2");

        Assert.Equal((Direction.None, 0), (assessment.Trend, assessment.TrendPeriods));
    }

    [Fact]
    public void Trend_FirstQuarterWithoutPreviousOutturn_IsNoneWith0()
    {
        var history = new HistoryBuilder()
            .Actuals("2008-09-Q1", 25m);

        var assessment = history.AssessAt("2008-09-Q1");

        Assert.Equal((Direction.None, 0), (assessment.Trend, assessment.TrendPeriods));
    }

    [Fact]
    public void Trend_GapInTheYear_EndsTheRun()
    {
        var history = new HistoryBuilder()
            .Value("2007-08", actual: 10m)
            .Actuals("2008-09-Q1", 20m)
            .Actuals("2008-09-Q3", 25m, 30m);

        var assessment = history.AssessAt("2008-09-Q4");

        Assert.Equal((Direction.Improving, 1), (assessment.Trend, assessment.TrendPeriods));
    }

    [Fact]
    public void Trend_EmptyRowInTheYear_EndsTheRun()
    {
        var history = new HistoryBuilder()
            .Value("2007-08", actual: 10m)
            .Actuals("2008-09-Q1", 20m, null, 25m, 30m);

        var assessment = history.AssessAt("2008-09-Q4");

        Assert.Equal((Direction.Improving, 1), (assessment.Trend, assessment.TrendPeriods));
    }

    [Fact]
    public void Trend_GapJustBeforeThePeriod_IsNoneWith0()
    {
        var history = new HistoryBuilder()
            .Value("2007-08", actual: 10m)
            .Actuals("2008-09-Q1", 20m)
            .Actuals("2008-09-Q3", 25m);

        var assessment = history.AssessAt("2008-09-Q3");

        Assert.Equal((Direction.None, 0), (assessment.Trend, assessment.TrendPeriods));
    }

    [Fact]
    public void Trend_MissingFirstQuarter_CutsThePreviousOutturnOff()
    {
        var history = new HistoryBuilder()
            .Value("2007-08", actual: 10m)
            .Actuals("2008-09-Q2", 25m);

        var assessment = history.AssessAt("2008-09-Q2");

        Assert.Equal((Direction.None, 0), (assessment.Trend, assessment.TrendPeriods));
    }

    [Fact]
    public void Trend_PreviousYearsQuarters_AreNeverThePreviousOutturn()
    {
        var history = new HistoryBuilder()
            .Actuals("2007-08-Q1", 5m, 6m, 7m, 8m)
            .Actuals("2008-09-Q1", 25m);

        var assessment = history.AssessAt("2008-09-Q1");

        Assert.Equal((Direction.None, 0), (assessment.Trend, assessment.TrendPeriods));
    }

    [Fact]
    public void Trend_PreviousYearRowWithoutActual_IsNoPreviousOutturn()
    {
        var history = new HistoryBuilder()
            .Value("2007-08", projected: 10m)
            .Actuals("2008-09-Q1", 25m);

        var assessment = history.AssessAt("2008-09-Q1");

        Assert.Equal((Direction.None, 0), (assessment.Trend, assessment.TrendPeriods));
    }

    [Fact]
    public void Trend_Snapshot_ComparesActualsNotProjections()
    {
        var history = new HistoryBuilder()
            .Value("2008-09-Q1", actual: 10m, projected: 50m)
            .Value("2008-09-Q2", actual: 20m, projected: 45m);

        var assessment = history.AssessAt("2008-09-Q2");

        Assert.Equal((Direction.Improving, 1), (assessment.Trend, assessment.TrendPeriods));
    }

    [Fact]
    public void Trend_Cumulative_ComparesProjectedOutturnsNotYearToDateActuals()
    {
        var history = new HistoryBuilder()
            .Value("2008-09-Q1", actual: 10m, projected: 50m)
            .Value("2008-09-Q2", actual: 20m, projected: 45m);

        var assessment = history.AssessAt("2008-09-Q2", new IndicatorBuilder().Cumulative());

        Assert.Equal((Direction.Worsening, 1), (assessment.Trend, assessment.TrendPeriods));
    }

    [Fact]
    public void Trend_Cumulative_IsLedByThePreviousYearsOutturnActual()
    {
        var history = new HistoryBuilder()
            .Value("2007-08", actual: 40m, projected: 999m)
            .Value("2008-09-Q1", actual: 10m, projected: 50m)
            .Value("2008-09-Q2", actual: 20m, projected: 60m);

        var assessment = history.AssessAt("2008-09-Q2", new IndicatorBuilder().Cumulative());

        Assert.Equal((Direction.Improving, 2), (assessment.Trend, assessment.TrendPeriods));
    }

    [Fact]
    public void Trend_CumulativeWithoutProjection_HasNoValueAtThePeriod()
    {
        var history = new HistoryBuilder()
            .Value("2008-09-Q1", actual: 10m, projected: 50m)
            .Value("2008-09-Q2", actual: 20m);

        var assessment = history.AssessAt("2008-09-Q2", new IndicatorBuilder().Cumulative());

        Assert.Equal((Direction.None, 0), (assessment.Trend, assessment.TrendPeriods));
    }

    [Fact]
    public void Trend_DifferenceBelowTheDecimalsShown_IsLevel()
    {
        var history = new HistoryBuilder()
            .Actuals("2008-09-Q1", 20.4m, 20.3m);

        var atZero = history.AssessAt("2008-09-Q2", new IndicatorBuilder().Decimals(0));
        var atOne = history.AssessAt("2008-09-Q2", new IndicatorBuilder().Decimals(1));

        Assert.Equal(Direction.Level, atZero.Trend);
        Assert.Equal(Direction.Worsening, atOne.Trend);
    }

    [Fact]
    public void Trend_ValuesAtAMidpoint_RoundHalfAwayFromZero()
    {
        // 20.5 rounds to 21 (banker's rounding would give 20 and call it improving).
        var history = new HistoryBuilder()
            .Actuals("2008-09-Q1", 20.5m, 21m);

        var assessment = history.AssessAt("2008-09-Q2", new IndicatorBuilder().Decimals(0));

        Assert.Equal((Direction.Level, 1), (assessment.Trend, assessment.TrendPeriods));
    }

    [Fact]
    public void Trend_NegativeValuesAtAMidpoint_RoundHalfAwayFromZero()
    {
        // -2.5 rounds to -3, so -2.5 then -3 is level at 0 decimals.
        var history = new HistoryBuilder()
            .Actuals("2008-09-Q1", -2.5m, -3m);

        var assessment = history.AssessAt("2008-09-Q2", new IndicatorBuilder().Decimals(0));

        Assert.Equal((Direction.Level, 1), (assessment.Trend, assessment.TrendPeriods));
    }

    [Fact]
    public void Trend_MonthlyAtAQuarter_CountsMonthsUpToTheLatestMonthWithARow()
    {
        var history = new HistoryBuilder()
            .Value("2007-08", actual: 10m)
            .Actuals("2008-09-M01", 11m, 12m, 13m, 14m, 15m);

        var assessment = history.AssessAt("2008-09-Q2", new IndicatorBuilder().Monthly());

        Assert.Equal((Direction.Improving, 5), (assessment.Trend, assessment.TrendPeriods));
    }

    [Fact]
    public void Trend_MonthlyAtAQuarter_IgnoresMonthsAfterTheQuarter()
    {
        var history = new HistoryBuilder()
            .Actuals("2008-09-M01", 11m, 12m, 13m, 14m, 15m, 16m, 1m);

        var assessment = history.AssessAt("2008-09-Q2", new IndicatorBuilder().Monthly());

        Assert.Equal((Direction.Improving, 5), (assessment.Trend, assessment.TrendPeriods));
    }

    [Fact]
    public void Trend_MonthlyWithAQuarterRow_IsTheMonthsBeforeTheQuarterThenThatRow()
    {
        // A quarter row for a monthly indicator: months ending before Q2 starts, then the Q2 row; M04 is not in it.
        var history = new HistoryBuilder()
            .Actuals("2008-09-M01", 10m, 11m, 12m, 99m)
            .Actuals("2008-09-Q2", 13m);

        var assessment = history.AssessAt("2008-09-Q2", new IndicatorBuilder().Monthly());

        Assert.Equal((Direction.Improving, 3), (assessment.Trend, assessment.TrendPeriods));
    }

    [Fact]
    public void Trend_QuarterlyAtAYearWithoutAYearRow_RunsTheQuartersToQ4()
    {
        var history = new HistoryBuilder()
            .Value("2007-08", actual: 10m)
            .Actuals("2008-09-Q1", 11m, 12m, 13m, 14m);

        var assessment = history.AssessAt("2008-09");

        Assert.Equal((Direction.Improving, 4), (assessment.Trend, assessment.TrendPeriods));
    }

    [Fact]
    public void Trend_QuarterlyAtAYearWithAnOutturn_ComparesTheOutturnWithTheLastOne()
    {
        // The year's own row supplies the value and no reporting period ends before the year starts.
        var history = new HistoryBuilder()
            .Value("2007-08", actual: 50m)
            .Actuals("2008-09-Q1", 70m, 60m, 50m, 40m)
            .Value("2008-09", actual: 45m);

        var assessment = history.AssessAt("2008-09");

        Assert.Equal((Direction.Worsening, 1), (assessment.Trend, assessment.TrendPeriods));
    }

    [Fact]
    public void Trend_AnnualAtAQuarter_RunsOverYearlyActualsEndingBeforeTheQuarterEnds()
    {
        var history = new HistoryBuilder()
            .Value("2005-06", actual: 40m)
            .Value("2006-07", actual: 50m)
            .Value("2007-08", actual: 55m)
            .Value("2008-09-Q2", projected: 10m);

        var assessment = history.AssessAt("2008-09-Q2", new IndicatorBuilder().Annual());

        Assert.Equal((Direction.Improving, 2), (assessment.Trend, assessment.TrendPeriods));
    }

    [Fact]
    public void Trend_AnnualAtQ4_IncludesThatYearsOutturn()
    {
        var history = new HistoryBuilder()
            .Value("2006-07", actual: 50m)
            .Value("2007-08", actual: 55m)
            .Value("2008-09", actual: 60m);

        var atQ3 = history.AssessAt("2008-09-Q3", new IndicatorBuilder().Annual());
        var atQ4 = history.AssessAt("2008-09-Q4", new IndicatorBuilder().Annual());
        var atYear = history.AssessAt("2008-09", new IndicatorBuilder().Annual());

        Assert.Equal((Direction.Improving, 1), (atQ3.Trend, atQ3.TrendPeriods));
        Assert.Equal((Direction.Improving, 2), (atQ4.Trend, atQ4.TrendPeriods));
        Assert.Equal((Direction.Improving, 2), (atYear.Trend, atYear.TrendPeriods));
    }

    [Fact]
    public void Trend_AnnualCumulative_AlsoUsesYearlyActuals()
    {
        var history = new HistoryBuilder()
            .Value("2006-07", actual: 50m, projected: 90m)
            .Value("2007-08", actual: 45m, projected: 95m);

        var assessment = history.AssessAt("2008-09-Q1", new IndicatorBuilder().Annual().Cumulative());

        Assert.Equal((Direction.Worsening, 1), (assessment.Trend, assessment.TrendPeriods));
    }

    [Fact]
    public void Trend_AnnualWithAMissingYear_EndsTheRun()
    {
        var history = new HistoryBuilder()
            .Value("2004-05", actual: 30m)
            .Value("2005-06", actual: 40m)
            .Value("2007-08", actual: 50m)
            .Value("2008-09", actual: 60m);

        var assessment = history.AssessAt("2008-09", new IndicatorBuilder().Annual());

        Assert.Equal((Direction.Improving, 1), (assessment.Trend, assessment.TrendPeriods));
    }

    [Fact]
    public void Trend_AnnualWithOneYear_IsNoneWith0()
    {
        var history = new HistoryBuilder()
            .Value("2007-08", actual: 50m);

        var assessment = history.AssessAt("2008-09-Q2", new IndicatorBuilder().Annual());

        Assert.Equal((Direction.None, 0), (assessment.Trend, assessment.TrendPeriods));
    }
}
