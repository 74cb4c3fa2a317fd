using GoldenThread.Domain.Assessment;

namespace GoldenThread.Domain.Tests;

/// <summary>The long-term trend: the value at the period against the same period one year earlier.</summary>
public class DirectionOfTravelTests
{
    [Theory]
    [InlineData("60", Direction.Improving)]
    [InlineData("40", Direction.Worsening)]
    [InlineData("50", Direction.Level)]
    public void DirectionOfTravel_HigherIsBetter_ComparesWithAYearEarlier(string now, Direction direction)
    {
        var history = new HistoryBuilder()
            .Value("2007-08-Q2", actual: 50m)
            .Value("2008-09-Q1", actual: 10m)
            .Value("2008-09-Q2", actual: Numbers.Number(now));

        var assessment = history.AssessAt("2008-09-Q2");

        Assert.Equal(direction, assessment.DirectionOfTravel);
    }

    [Theory]
    [InlineData("60", Direction.Worsening)]
    [InlineData("40", Direction.Improving)]
    [InlineData("50", Direction.Level)]
    public void DirectionOfTravel_LowerIsBetter_ComparesWithAYearEarlier(string now, Direction direction)
    {
        var history = new HistoryBuilder()
            .Value("2007-08-Q2", actual: 50m)
            .Value("2008-09-Q2", actual: Numbers.Number(now));

        var assessment = history.AssessAt("2008-09-Q2", new IndicatorBuilder().Lower());

        Assert.Equal(direction, assessment.DirectionOfTravel);
    }

    [Theory]
    [InlineData("60", Direction.Up)]
    [InlineData("40", Direction.Down)]
    [InlineData("50", Direction.Level)]
    public void DirectionOfTravel_DataOnly_IsUpDownOrLevel(string now, Direction direction)
    {
        var history = new HistoryBuilder()
            .Value("2007-08-Q2", actual: 50m)
            .Value("2008-09-Q2", actual: Numbers.Number(now));

        var assessment = history.AssessAt("2008-09-Q2", new IndicatorBuilder().DataOnly());

        Assert.Equal(direction, assessment.DirectionOfTravel);
    }

    [Fact]
    public void DirectionOfTravel_NothingAYearEarlier_IsNone()
    {
        var history = new HistoryBuilder()
            .Value("2007-08-Q1", actual: 50m)
            .Value("2008-09-Q2", actual: 60m);

        var assessment = history.AssessAt("2008-09-Q2");

        Assert.Equal(Direction.None, assessment.DirectionOfTravel);
    }

    [Fact]
    public void DirectionOfTravel_NoValueNow_IsNone()
    {
        var history = new HistoryBuilder()
            .Value("2007-08-Q2", actual: 50m)
            .Value("2008-09-Q2", projected: 60m);

        var assessment = history.AssessAt("2008-09-Q2");

        Assert.Equal(Direction.None, assessment.DirectionOfTravel);
    }

    [Fact]
    public void DirectionOfTravel_DifferenceBelowTheDecimalsShown_IsLevel()
    {
        var history = new HistoryBuilder()
            .Value("2007-08-Q2", actual: 50.5m)
            .Value("2008-09-Q2", actual: 50.9m);

        var atZero = history.AssessAt("2008-09-Q2", new IndicatorBuilder().Decimals(0));
        var atOne = history.AssessAt("2008-09-Q2", new IndicatorBuilder().Decimals(1));

        Assert.Equal(Direction.Level, atZero.DirectionOfTravel);
        Assert.Equal(Direction.Improving, atOne.DirectionOfTravel);
    }

    [Fact]
    public void DirectionOfTravel_Cumulative_ComparesProjectedOutturns()
    {
        var history = new HistoryBuilder()
            .Value("2007-08-Q2", actual: 30m, projected: 100m)
            .Value("2008-09-Q2", actual: 40m, projected: 90m);

        var snapshot = history.AssessAt("2008-09-Q2");
        var cumulative = history.AssessAt("2008-09-Q2", new IndicatorBuilder().Cumulative());

        Assert.Equal(Direction.Improving, snapshot.DirectionOfTravel);
        Assert.Equal(Direction.Worsening, cumulative.DirectionOfTravel);
    }

    [Fact]
    public void DirectionOfTravel_CumulativeAtAYear_UsesTheOutturns()
    {
        var history = new HistoryBuilder()
            .Value("2007-08", actual: 90m, projected: 200m)
            .Value("2008-09", actual: 100m, projected: 10m);

        var assessment = history.AssessAt("2008-09", new IndicatorBuilder().Cumulative());

        Assert.Equal(Direction.Improving, assessment.DirectionOfTravel);
    }

    [Fact]
    public void DirectionOfTravel_MonthlyAtAQuarter_ComparesTheLatestMonthsWithRows()
    {
        var history = new HistoryBuilder()
            .Value("2007-08-M06", actual: 50m)
            .Value("2008-09-M04", actual: 70m)
            .Value("2008-09-M05", actual: 40m);

        var assessment = history.AssessAt("2008-09-Q2", new IndicatorBuilder().Monthly());

        Assert.Equal(Direction.Worsening, assessment.DirectionOfTravel);
    }

    [Fact]
    public void DirectionOfTravel_AnnualAtAnEarlyQuarter_ComparesTheLastTwoCompletedYears()
    {
        var history = new HistoryBuilder()
            .Value("2006-07", actual: 50m)
            .Value("2007-08", actual: 40m)
            .Value("2008-09", actual: 90m)
            .Value("2008-09-Q2", projected: 99m);

        var assessment = history.AssessAt("2008-09-Q2", new IndicatorBuilder().Annual());

        Assert.Equal(Direction.Worsening, assessment.DirectionOfTravel);
    }

    [Fact]
    public void DirectionOfTravel_AnnualAtQ4_ComparesThatYearWithTheOneBefore()
    {
        var history = new HistoryBuilder()
            .Value("2006-07", actual: 50m)
            .Value("2007-08", actual: 40m)
            .Value("2008-09", actual: 90m);

        var assessment = history.AssessAt("2008-09-Q4", new IndicatorBuilder().Annual());

        Assert.Equal(Direction.Improving, assessment.DirectionOfTravel);
    }

    [Fact]
    public void DirectionOfTravel_AnnualWithTheYearBeforeMissing_IsNone()
    {
        var history = new HistoryBuilder()
            .Value("2006-07", actual: 50m)
            .Value("2008-09", actual: 90m);

        var assessment = history.AssessAt("2008-09", new IndicatorBuilder().Annual());

        Assert.Equal(Direction.None, assessment.DirectionOfTravel);
    }
}
