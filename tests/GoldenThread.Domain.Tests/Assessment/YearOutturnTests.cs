using CsCheck;
using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Periods;

namespace GoldenThread.Domain.Tests;

/// <summary>
/// When a year's outturn stands in for the projected outturn (assessment.md, Performance versus target): the actual
/// on the year's own row or on the row of its last reporting period, in PVT, the status, the trend and the direction
/// of travel.
/// </summary>
public class YearOutturnTests
{
    [Fact]
    public void WorkedExample_CumulativeYearEndingAboveTargetOnQ4_IsGreenWithNoExceptionOrLadderStage()
    {
        // Issue 10: homes built, cumulative, target 1,200; the last forecast (Q4) said 1,100 but the year ended at 1,300.
        var history = new HistoryBuilder()
            .Target("2008-09", 1200m)
            .Value("2008-09-Q1", actual: 250m, projected: 1200m)
            .Value("2008-09-Q2", actual: 560m, projected: 1150m)
            .Value("2008-09-Q3", actual: 800m, projected: 1100m)
            .Value("2008-09-Q4", actual: 1300m, projected: 1100m);
        var cumulative = new IndicatorBuilder().Cumulative();

        var year = history.AssessAt("2008-09", cumulative);
        var q4 = history.AssessAt("2008-09-Q4", cumulative);

        Assert.Equal(8.33m, year.Pvt);
        Assert.Equal(Status.Green, year.Status);
        Assert.True(year.OutturnStoodIn);
        Assert.Null(year.ExceptionRequired);
        Assert.False(year.OffTrajectory);
        Assert.Equal(0, year.LadderStage);
        Assert.Equal((Direction.Improving, 1), (year.Trend, year.TrendPeriods));

        // Q4 as a quarter is still judged on its forecast: the outturn stands in only for the year.
        Assert.Equal(-8.33m, q4.Pvt);
        Assert.Equal(Status.Amber, q4.Status);
        Assert.False(q4.OutturnStoodIn);
    }

    [Fact]
    public void Trend_CumulativeAtAYearSuppliedByQ4_EndsWithTheOutturnNotTheLastForecast()
    {
        var history = new HistoryBuilder()
            .Value("2007-08", actual: 1000m)
            .Projections("2008-09-Q1", 1000m, 1100m, 1100m)
            .Value("2008-09-Q4", actual: 1300m, projected: 1100m);
        var cumulative = new IndicatorBuilder().Cumulative();

        var q4 = history.AssessAt("2008-09-Q4", cumulative);
        var year = history.AssessAt("2008-09", cumulative);

        Assert.Equal((Direction.Level, 2), (q4.Trend, q4.TrendPeriods));
        Assert.Equal((Direction.Improving, 1), (year.Trend, year.TrendPeriods));
    }

    [Fact]
    public void DirectionOfTravel_CumulativeYearsSuppliedByQ4_ComparesTheirOutturns()
    {
        // The forecasts fell (1,400 to 1,100) but the outturns rose (1,250 to 1,300).
        var history = new HistoryBuilder()
            .Value("2007-08-Q4", actual: 1250m, projected: 1400m)
            .Value("2008-09-Q4", actual: 1300m, projected: 1100m);
        var cumulative = new IndicatorBuilder().Cumulative();

        var year = history.AssessAt("2008-09", cumulative);
        var q4 = history.AssessAt("2008-09-Q4", cumulative);

        Assert.Equal(Direction.Improving, year.DirectionOfTravel);
        Assert.Equal(Direction.Worsening, q4.DirectionOfTravel);
    }

    [Fact]
    public void DirectionOfTravel_CumulativeYearAgainstAYearRowOutturn_ComparesOutturns()
    {
        var history = new HistoryBuilder()
            .Value("2007-08", actual: 1350m, projected: 1000m)
            .Value("2008-09-Q4", actual: 1300m, projected: 1500m);

        var year = history.AssessAt("2008-09", new IndicatorBuilder().Cumulative());

        Assert.Equal(Direction.Worsening, year.DirectionOfTravel);
    }

    [Fact]
    public void Assess_YearSuppliedByItsLastReportingPeriod_RatesAsIfTheOutturnWereOnTheYearsOwnRow()
    {
        // Where the outturn is entered (on Q4, H2 or M12, or on the year's code) does not change how the year is rated.
        var cases = Generate.Case
            .Where(c => c.Rules.Frequency != Frequency.Annual)
            .SelectMany(c => Gen.Int[2006, 2008].Select(year => c with { At = Period.OfYear(year) }));
        cases.Sample(@case =>
        {
            var year = @case.At;
            var last = year.PeriodsOfYear(@case.Rules.ReportingKind).Last();
            var history = @case.History;
            if (history.Values.ContainsKey(year) || !history.Values.TryGetValue(last, out var row) || row.Actual is null)
            {
                return;
            }

            var onYear = @case with { Rows = [.. @case.Rows.Where(r => r.Period != last), (year, row)] };

            var suppliedByLast = @case.Assess();
            var suppliedByYear = onYear.Assess();

            Assert.Equal(suppliedByYear.Pvt, suppliedByLast.Pvt);
            Assert.Equal(suppliedByYear.Status, suppliedByLast.Status);
            Assert.Equal(suppliedByYear.OffTrajectory, suppliedByLast.OffTrajectory);
            Assert.True(suppliedByLast.OutturnStoodIn);
        }, iter: 500);
    }

    [Fact]
    public void Assess_YearSuppliedByAnEarlierReportingPeriod_ItsActualNeverDecidesTheStatus()
    {
        var cases = Generate.Case
            .Where(c => c.Rules.Frequency != Frequency.Annual)
            .SelectMany(c => Gen.Select(Gen.Int[2006, 2008], Generate.NearTarget, (year, other) => (Case: c with { At = Period.OfYear(year) }, Other: other)));
        cases.Sample(t =>
        {
            var (@case, other) = t;
            var year = @case.At;
            if (@case.History.Values.ContainsKey(year) || @case.Assessor.ValueAt(year) is not { } supplied
                || supplied.Supplier == year.PeriodsOfYear(@case.Rules.ReportingKind).Last())
            {
                return;
            }

            var changed = @case with { Rows = [.. @case.Rows.Where(r => r.Period != supplied.Supplier), (supplied.Supplier, supplied.Value with { Actual = other })] };

            Assert.Equal(@case.Assess().Status, changed.Assess().Status);
            Assert.False(@case.Assess().OutturnStoodIn);
        }, iter: 500);
    }
}
