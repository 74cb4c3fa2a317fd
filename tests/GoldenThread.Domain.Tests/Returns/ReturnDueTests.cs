using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Periods;
using GoldenThread.Domain.Returns;

namespace GoldenThread.Domain.Tests.Returns;

public class ReturnDueTests
{
    private static string Show(IReadOnlyList<DueRow> rows) =>
        string.Join(" ", rows.Select(r => r.Period.Code + (r.ActualDue ? "+A" : string.Empty) + (r.ProjectedOutturnDue ? "+P" : string.Empty)));

    [Theory]
    [InlineData(Frequency.Monthly, "2009-10-Q3", "2009-10-M07+A 2009-10-M08+A 2009-10-M09+A+P")]
    [InlineData(Frequency.Quarterly, "2009-10-Q3", "2009-10-Q3+A+P")]
    [InlineData(Frequency.HalfYearly, "2009-10-Q1", "2009-10-Q1+P")]
    [InlineData(Frequency.HalfYearly, "2009-10-Q2", "2009-10-H1+A 2009-10-Q2+P")]
    [InlineData(Frequency.HalfYearly, "2009-10-Q4", "2009-10-H2+A 2009-10-Q4+P")]
    [InlineData(Frequency.Annual, "2009-10-Q1", "2009-10-Q1+P")]
    [InlineData(Frequency.Annual, "2009-10-Q3", "2009-10-Q3+P")]
    [InlineData(Frequency.Annual, "2009-10-Q4", "2009-10+A 2009-10-Q4+P")]
    public void For_RatedIndicator_AsksWhatTheAssessmentReads(Frequency frequency, string quarter, string expected)
    {
        Assert.Equal(expected, Show(ReturnDue.For(frequency, Polarity.Higher, Period.Parse(quarter))));
    }

    [Theory]
    [InlineData(Frequency.Monthly, "2009-10-Q3", "2009-10-M07+A 2009-10-M08+A 2009-10-M09+A")]
    [InlineData(Frequency.Quarterly, "2009-10-Q3", "2009-10-Q3+A")]
    [InlineData(Frequency.HalfYearly, "2009-10-Q1", "")]
    [InlineData(Frequency.HalfYearly, "2009-10-Q2", "2009-10-H1+A")]
    [InlineData(Frequency.Annual, "2009-10-Q3", "")]
    [InlineData(Frequency.Annual, "2009-10-Q4", "2009-10+A")]
    public void For_DataOnlyIndicator_AsksNoProjectedOutturn(Frequency frequency, string quarter, string expected)
    {
        Assert.Equal(expected, Show(ReturnDue.For(frequency, Polarity.None, Period.Parse(quarter))));
    }

    [Fact]
    public void For_AnnualIndicator_AsksAProjectedOutturnEveryQuarterAndAnActualOnceAYear()
    {
        var rows = Period.Parse("2009-10").PeriodsOfYear(PeriodKind.Quarter).SelectMany(q => ReturnDue.For(Frequency.Annual, Polarity.Lower, q)).ToList();

        Assert.Equal(4, rows.Count(r => r.ProjectedOutturnDue));
        Assert.Equal("2009-10", Assert.Single(rows, r => r.ActualDue).Period.Code);
    }

    [Fact]
    public void For_NotAQuarter_Throws()
    {
        Assert.Throws<ArgumentException>(() => ReturnDue.For(Frequency.Quarterly, Polarity.Higher, Period.Parse("2009-10-M01")));
    }

    [Fact]
    public void For_EveryRow_KeepsTheFigureRules()
    {
        foreach (var frequency in Enum.GetValues<Frequency>())
        {
            foreach (var polarity in Enum.GetValues<Polarity>())
            {
                foreach (var quarter in Period.Parse("2009-10").PeriodsOfYear(PeriodKind.Quarter))
                {
                    foreach (var row in ReturnDue.For(frequency, polarity, quarter))
                    {
                        var problems = new List<FieldProblem>();
                        FigureRules.CheckValuePeriod("PI", frequency, row.Period, row.ActualDue, row.ProjectedOutturnDue, problems);
                        Assert.True(problems.Count == 0, $"{frequency} {polarity} {quarter}: {row} breaks {string.Join("; ", problems)}");
                        Assert.True(quarter.Contains(row.Period) || row.Period.Contains(quarter), $"{row.Period} is not about {quarter}");
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(Frequency.Monthly, "2009-10-M09")]
    [InlineData(Frequency.Quarterly, "2009-10-Q3")]
    [InlineData(Frequency.HalfYearly, "2009-10-Q3")]
    [InlineData(Frequency.Annual, "2009-10-Q3")]
    public void AssessedRow_IsTheRowTheAssessorReadsAtTheQuarter(Frequency frequency, string expected)
    {
        var quarter = Period.Parse("2009-10-Q3");
        var row = ReturnDue.AssessedRow(frequency, quarter);
        var history = new IndicatorHistory(new Dictionary<Period, Observation> { [row] = new(1m, 2m) }, new Dictionary<Period, decimal>());
        var assessor = new Assessor(new IndicatorRules(Polarity.Higher, frequency, Accumulation.Snapshot, 0, null, null), Tolerances.Default, history);

        Assert.Equal(expected, row.Code);
        Assert.Equal(row, assessor.ValueAt(quarter)?.Supplier);
    }
}
