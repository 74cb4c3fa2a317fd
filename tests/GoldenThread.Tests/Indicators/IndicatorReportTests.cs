using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Periods;
using GoldenThread.Indicators;

namespace GoldenThread.Tests.Indicators;

/// <summary>What the indicator page is built from: the figures per reporting period, targets by year and profile, quarters and years.</summary>
public sealed class IndicatorReportTests
{
    [Fact]
    public void Build_Quarterly_OneFigureRowPerQuarterAndTheYearOutturnApart()
    {
        var rules = new IndicatorRules(Polarity.Lower, Frequency.Quarterly, Accumulation.Cumulative, 2, amberTolerance: 5m);

        var report = IndicatorReport.Build(rules, Tolerances.Default, LadderHistoryTests.Ni16());

        Assert.Equal(
            ["2008-09-Q1", "2008-09-Q2", "2008-09-Q3", "2008-09-Q4", "2009-10-Q1", "2009-10-Q2"],
            report.Figures.Select(f => f.Period.Code));
        Assert.Equal("Projected outturn", report.PlottedLabel);
        Assert.Equal(report.Figures.Select(f => f.ProjectedOutturn), report.Figures.Select(f => f.Plotted));
        Assert.Equal([15.80m, 15.80m, 15.80m, 15.80m, 15.20m, 15.20m], report.Figures.Select(f => f.AnnualTarget));
        Assert.Equal(["2007-08", "2008-09"], report.Years.Select(y => y.Assessment.Period.Code));
        Assert.StartsWith("Outturn 16.10 is 1.90% above the target of 15.80", report.Years[1].Why, StringComparison.Ordinal);
        Assert.Equal(6, report.Quarters.Count);
    }

    [Fact]
    public void Build_Snapshot_PlotsTheActual()
    {
        var rules = new IndicatorRules(Polarity.Higher, Frequency.HalfYearly, Accumulation.Snapshot, 1);
        var history = new IndicatorHistory(
            new Dictionary<Period, Observation>
            {
                [Period.Parse("2008-09-H1")] = new(21.4m, 22.1m),
                [Period.Parse("2008-09-Q1")] = new(null, 22.0m),
                [Period.Parse("2008-09-H2")] = new(22.0m, 22.0m),
            },
            new Dictionary<Period, decimal> { [Period.Parse("2008-09")] = 22m });

        var report = IndicatorReport.Build(rules, Tolerances.Default, history);

        Assert.Equal("Actual", report.PlottedLabel);
        Assert.Equal([21.4m, 22.0m], report.Figures.Select(f => f.Plotted));
        Assert.Equal(["2008-09-Q1"], report.Quarters.Select(q => q.Assessment.Period.Code));
    }

    [Fact]
    public void Build_Annual_PlotsYearsAndReachesTheYearOfTheLatestForecast()
    {
        var rules = new IndicatorRules(Polarity.Lower, Frequency.Annual, Accumulation.Snapshot, 0);
        var history = new IndicatorHistory(
            new Dictionary<Period, Observation>
            {
                [Period.Parse("2007-08")] = new(11m, null),
                [Period.Parse("2008-09")] = new(9m, null),
                [Period.Parse("2009-10-Q2")] = new(null, 8m),
            },
            new Dictionary<Period, decimal> { [Period.Parse("2008-09")] = 9m, [Period.Parse("2009-10")] = 8m, [Period.Parse("2010-11")] = 7m });

        var report = IndicatorReport.Build(rules, Tolerances.Default, history);

        Assert.Equal("Outturn", report.PlottedLabel);
        Assert.Equal(["2007-08", "2008-09", "2009-10"], report.Figures.Select(f => f.Period.Code));
        Assert.Equal([11m, 9m, null], report.Figures.Select(f => f.Plotted));
        Assert.Equal([null, 9m, 8m], report.Figures.Select(f => f.AnnualTarget));
        Assert.Equal(["2009-10-Q2"], report.Quarters.Select(q => q.Assessment.Period.Code));
    }

    [Fact]
    public void Build_Targets_ByYearWithProfileColumnsInOrder()
    {
        var rules = new IndicatorRules(Polarity.Lower, Frequency.Quarterly, Accumulation.Cumulative, 0);
        var targets = new Dictionary<Period, decimal>
        {
            [Period.Parse("2009-10")] = 1150m,
            [Period.Parse("2009-10-Q2")] = 610m,
            [Period.Parse("2009-10-Q1")] = 300m,
            [Period.Parse("2010-11")] = 1120m,
        };

        var report = IndicatorReport.Build(rules, Tolerances.Default, new IndicatorHistory(new Dictionary<Period, Observation>(), targets));

        Assert.Equal(["2009-10", "2010-11"], report.Targets.Select(t => t.Year.Code));
        Assert.Equal([1150m, 1120m], report.Targets.Select(t => t.Annual));
        Assert.Equal(["Q1", "Q2"], report.ProfileColumns.Select(SeriesChart.ShortName));
        Assert.Equal(610m, report.Targets[0].Profile[Period.Parse("2009-10-Q2")]);
        Assert.Empty(report.Targets[1].Profile);
        Assert.Empty(report.Figures);
        Assert.Empty(report.Quarters);
    }

    [Fact]
    public void Build_QuarterWithoutARowBetweenTwoWithRows_IsStillAssessed()
    {
        var rules = new IndicatorRules(Polarity.Higher, Frequency.Quarterly, Accumulation.Snapshot, 1);
        var history = new IndicatorHistory(
            new Dictionary<Period, Observation>
            {
                [Period.Parse("2008-09-Q4")] = new(50m, 50m),
                [Period.Parse("2009-10-Q2")] = new(51m, 51m),
            },
            new Dictionary<Period, decimal> { [Period.Parse("2009-10")] = 44m });

        var report = IndicatorReport.Build(rules, Tolerances.Default, history);

        Assert.Equal(
            [("2008-09-Q4", Status.NoTarget), ("2009-10-Q1", Status.NoData), ("2009-10-Q2", Status.StrongGreen)],
            report.Quarters.Select(q => (q.Assessment.Period.Code, q.Assessment.Status)));
    }

    [Fact]
    public void Build_YearEndedOnQ4sActual_IsAYearOutturnButAnEarlierQuartersActualIsNot()
    {
        var rules = new IndicatorRules(Polarity.Higher, Frequency.Quarterly, Accumulation.Cumulative, 0);
        var history = new IndicatorHistory(
            new Dictionary<Period, Observation>
            {
                [Period.Parse("2008-09-Q4")] = new(1300m, 1100m),
                [Period.Parse("2009-10-Q2")] = new(700m, 1250m),
            },
            new Dictionary<Period, decimal> { [Period.Parse("2008-09")] = 1200m });

        var report = IndicatorReport.Build(rules, Tolerances.Default, history);

        var year = Assert.Single(report.Years);
        Assert.Equal(("2008-09", 1300m, Status.Green), (year.Assessment.Period.Code, year.Assessment.Actual, year.Assessment.Status));
    }

    [Fact]
    public void IndicatorCodeOrder_ReadsNumbersAsNumbers()
    {
        string[] codes = ["NI 195", "LPI 12", "NI 16", "NI 4", "NI 16a", "LPI 2"];

        Assert.Equal(["LPI 2", "LPI 12", "NI 4", "NI 16", "NI 16a", "NI 195"], codes.Order(IndicatorCodeOrder.Instance));
    }
}
