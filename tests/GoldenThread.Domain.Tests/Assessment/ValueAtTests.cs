using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Periods;

namespace GoldenThread.Domain.Tests;

/// <summary>"The value of an indicator at a period P": its own row, else the latest reporting period inside it with a row.</summary>
public class ValueAtTests
{
    [Fact]
    public void ValueAt_OwnRow_IsThatRow()
    {
        var assessor = new HistoryBuilder()
            .Value("2008-09-Q2", actual: 20m, projected: 22m)
            .AssessorFor();

        var value = assessor.ValueAt(Period.Parse("2008-09-Q2"));

        Assert.Equal((Period.Parse("2008-09-Q2"), new Observation(20m, 22m)), value);
    }

    [Fact]
    public void ValueAt_OwnRowWithEmptyCells_IsStillThatRowNotAMonthInside()
    {
        var assessor = new HistoryBuilder()
            .Value("2008-09-Q2")
            .Value("2008-09-M05", actual: 20m, projected: 22m)
            .AssessorFor(new IndicatorBuilder().Monthly());

        var value = assessor.ValueAt(Period.Parse("2008-09-Q2"));

        Assert.Equal((Period.Parse("2008-09-Q2"), new Observation(null, null)), value);
    }

    [Fact]
    public void ValueAt_MonthlyAtAQuarter_IsTheLatestMonthInsideWithARow()
    {
        var assessor = new HistoryBuilder()
            .Value("2008-09-M04", actual: 10m, projected: 11m)
            .Value("2008-09-M05", actual: 20m, projected: 22m)
            .Value("2008-09-M07", actual: 30m, projected: 33m)
            .AssessorFor(new IndicatorBuilder().Monthly());

        var value = assessor.ValueAt(Period.Parse("2008-09-Q2"));

        Assert.Equal((Period.Parse("2008-09-M05"), new Observation(20m, 22m)), value);
    }

    [Fact]
    public void ValueAt_MonthlyAtAQuarterLatestMonthRowEmpty_IsThatEmptyRow()
    {
        var assessor = new HistoryBuilder()
            .Value("2008-09-M05", actual: 20m, projected: 22m)
            .Value("2008-09-M06")
            .AssessorFor(new IndicatorBuilder().Monthly());

        var value = assessor.ValueAt(Period.Parse("2008-09-Q2"));

        Assert.Equal((Period.Parse("2008-09-M06"), new Observation(null, null)), value);
    }

    [Fact]
    public void ValueAt_MonthlyAtAQuarterWithNoMonthInside_IsNothing()
    {
        var assessor = new HistoryBuilder()
            .Value("2008-09-M03", actual: 10m)
            .Value("2008-09-M07", actual: 30m)
            .AssessorFor(new IndicatorBuilder().Monthly());

        var value = assessor.ValueAt(Period.Parse("2008-09-Q2"));

        Assert.Null(value);
    }

    [Fact]
    public void ValueAt_QuarterlyAtAYear_IsTheLatestQuarterWithARow()
    {
        var assessor = new HistoryBuilder()
            .Value("2008-09-Q1", actual: 10m)
            .Value("2008-09-Q3", actual: 30m)
            .Value("2009-10-Q1", actual: 40m)
            .AssessorFor();

        var value = assessor.ValueAt(Period.Parse("2008-09"));

        Assert.Equal(Period.Parse("2008-09-Q3"), value?.Supplier);
    }

    [Fact]
    public void ValueAt_HalfYearlyAtAYear_IsTheSecondHalf()
    {
        var assessor = new HistoryBuilder()
            .Value("2008-09-H1", actual: 10m)
            .Value("2008-09-H2", actual: 20m)
            .AssessorFor(new IndicatorBuilder().HalfYearly());

        var value = assessor.ValueAt(Period.Parse("2008-09"));

        Assert.Equal(Period.Parse("2008-09-H2"), value?.Supplier);
    }

    [Fact]
    public void ValueAt_QuarterlyAtAHalfYear_IsTheLatestQuarterOfThatHalf()
    {
        var assessor = new HistoryBuilder()
            .Value("2008-09-Q2", actual: 20m)
            .Value("2008-09-Q3", actual: 30m)
            .AssessorFor();

        var first = assessor.ValueAt(Period.Parse("2008-09-H1"));
        var second = assessor.ValueAt(Period.Parse("2008-09-H2"));

        Assert.Equal(Period.Parse("2008-09-Q2"), first?.Supplier);
        Assert.Equal(Period.Parse("2008-09-Q3"), second?.Supplier);
    }

    [Fact]
    public void ValueAt_AnnualAtAQuarterWithItsRow_IsOnlyThatQuartersRow()
    {
        var assessor = new HistoryBuilder()
            .Value("2008-09", actual: 70m)
            .Value("2008-09-Q2", projected: 72m)
            .AssessorFor(new IndicatorBuilder().Annual());

        var value = assessor.ValueAt(Period.Parse("2008-09-Q2"));

        Assert.Equal((Period.Parse("2008-09-Q2"), new Observation(null, 72m)), value);
    }

    [Fact]
    public void ValueAt_AnnualAtAQuarterWithoutItsRow_IsNothingNotTheYear()
    {
        var assessor = new HistoryBuilder()
            .Value("2008-09", actual: 70m, projected: 72m)
            .AssessorFor(new IndicatorBuilder().Annual());

        var value = assessor.ValueAt(Period.Parse("2008-09-Q2"));

        Assert.Null(value);
    }

    [Fact]
    public void ValueAt_PeriodShorterThanTheFrequencyWithoutARow_IsNothing()
    {
        var assessor = new HistoryBuilder()
            .Value("2008-09-Q1", actual: 10m)
            .AssessorFor();

        var value = assessor.ValueAt(Period.Parse("2008-09-M01"));

        Assert.Null(value);
    }

    [Fact]
    public void Assess_MonthlyAtAQuarter_ReportsAndRatesTheLatestMonthsRow()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Value("2008-09-M04", actual: 80m, projected: 110m)
            .Value("2008-09-M05", actual: 81m, projected: 94m);

        var assessment = history.AssessAt("2008-09-Q2", new IndicatorBuilder().Monthly());

        Assert.Equal(81m, assessment.Actual);
        Assert.Equal(94m, assessment.ProjectedOutturn);
        Assert.Equal(Status.Amber, assessment.Status);
    }

    [Fact]
    public void Assess_AnnualAtAQuarter_HasAProjectionAndNoActual()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Value("2007-08", actual: 90m)
            .Value("2008-09-Q2", projected: 96m);

        var assessment = history.AssessAt("2008-09-Q2", new IndicatorBuilder().Annual());

        Assert.Null(assessment.Actual);
        Assert.Equal(96m, assessment.ProjectedOutturn);
        Assert.Equal(Status.Green, assessment.Status);
    }

    [Fact]
    public void Assess_AnnualAtAQuarterWithoutItsRow_IsNoData()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 95m)
            .Value("2008-09-Q1", projected: 96m);

        var assessment = history.AssessAt("2008-09-Q2", new IndicatorBuilder().Annual());

        Assert.Equal(Status.NoData, assessment.Status);
    }
}
