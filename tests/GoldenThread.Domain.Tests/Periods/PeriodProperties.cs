using CsCheck;
using GoldenThread.Domain.Periods;

namespace GoldenThread.Domain.Tests;

/// <summary>Properties that hold for every period code.</summary>
public class PeriodProperties
{
    private const int Iterations = 500;

    [Fact]
    public void Parse_CodeOfAnyPeriod_RoundTrips()
    {
        Generate.AnyPeriod.Sample(period =>
        {
            Assert.True(Period.TryParse(period.Code, out var parsed));
            Assert.Equal(period, parsed);
            Assert.Equal(period, Period.Parse(period.ToString()));
        }, iter: Iterations);
    }

    [Fact]
    public void Previous_ThenTheNextPeriod_GivesBackTheSamePeriod()
    {
        Generate.PeriodIn(Period.MinYear + 1, Period.MaxYear - 1).Sample(period =>
        {
            var previous = period.Previous();

            Assert.Equal(period, HistoryBuilder.Next(previous));
            Assert.Equal(period, HistoryBuilder.Next(period).Previous());
            Assert.Equal(period.Kind, previous.Kind);
            Assert.True(previous < period);
            Assert.Equal(period.StartDate(), previous.EndDate().AddDays(1));
        }, iter: Iterations);
    }

    [Fact]
    public void YearEarlier_AnyPeriod_IsPreviousTakenOncePerPeriodOfTheYear()
    {
        Generate.PeriodIn(Period.MinYear + 1, Period.MaxYear).Sample(period =>
        {
            var stepped = period;
            for (var i = 0; i < Period.PeriodsPerYear(period.Kind); i++)
            {
                stepped = stepped.Previous();
            }

            Assert.Equal(stepped, period.YearEarlier());
        }, iter: Iterations);
    }

    [Fact]
    public void Contains_AnyTwoPeriods_AgreesWithTheirDatesForAnyStartMonth()
    {
        Gen.Select(Generate.PeriodIn(2007, 2009), Generate.PeriodIn(2007, 2009), Gen.Int[1, 12]).Sample((outer, inner, startMonth) =>
        {
            var byDates = outer.StartDate(startMonth) <= inner.StartDate(startMonth) && inner.EndDate(startMonth) <= outer.EndDate(startMonth);

            Assert.Equal(byDates, outer.Contains(inner));
        }, iter: Iterations);
    }

    [Fact]
    public void CompareTo_AnyTwoPeriods_OrdersByStartDateThenLongestFirst()
    {
        Gen.Select(Generate.PeriodIn(2007, 2009), Generate.PeriodIn(2007, 2009), Gen.Int[1, 12]).Sample((a, b, startMonth) =>
        {
            var expected = a.StartDate(startMonth) != b.StartDate(startMonth)
                ? a.StartDate(startMonth).CompareTo(b.StartDate(startMonth))
                : b.EndDate(startMonth).CompareTo(a.EndDate(startMonth));

            Assert.Equal(Math.Sign(expected), Math.Sign(a.CompareTo(b)));
            Assert.Equal(-Math.Sign(a.CompareTo(b)), Math.Sign(b.CompareTo(a)));
            Assert.Equal(a == b, a.CompareTo(b) == 0);
        }, iter: Iterations);
    }

    [Fact]
    public void FinancialYear_AnyPeriod_ContainsIt()
    {
        Generate.AnyPeriod.Sample(period =>
        {
            Assert.True(period.FinancialYear.Contains(period));
            Assert.Equal(period.Year, period.FinancialYear.Year);
        }, iter: Iterations);
    }
}
