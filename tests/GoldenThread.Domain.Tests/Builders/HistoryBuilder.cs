using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Periods;

namespace GoldenThread.Domain.Tests;

/// <summary>
/// Builds one indicator's history in one area the way the spec writes it:
/// <c>.Value("2008-09-Q1", actual: 20, projected: 22).Target("2008-09", 95)</c>.
/// A value with neither figure is a row whose cells are all empty (N/A), which is not the same as no row.
/// </summary>
internal sealed class HistoryBuilder
{
    private readonly Dictionary<Period, Observation> _values = [];
    private readonly Dictionary<Period, decimal> _targets = [];

    public HistoryBuilder Value(string period, decimal? actual = null, decimal? projected = null)
    {
        _values[Period.Parse(period)] = new Observation(actual, projected);
        return this;
    }

    /// <summary>Actuals for consecutive periods of one kind, starting at <paramref name="first"/>; a null is an empty row.</summary>
    public HistoryBuilder Actuals(string first, params decimal?[] actuals)
    {
        var period = Period.Parse(first);
        foreach (var actual in actuals)
        {
            _values[period] = new Observation(actual, null);
            period = Next(period);
        }

        return this;
    }

    /// <summary>Projected outturns for consecutive periods of one kind, starting at <paramref name="first"/>.</summary>
    public HistoryBuilder Projections(string first, params decimal?[] projections)
    {
        var period = Period.Parse(first);
        foreach (var projected in projections)
        {
            _values[period] = new Observation(null, projected);
            period = Next(period);
        }

        return this;
    }

    /// <summary>A target row: on a year code the annual (current) target, on a shorter code a profiled interim target.</summary>
    public HistoryBuilder Target(string period, decimal target)
    {
        _targets[Period.Parse(period)] = target;
        return this;
    }

    public IndicatorHistory Build() =>
        new(new Dictionary<Period, Observation>(_values), new Dictionary<Period, decimal>(_targets));

    public Assessor AssessorFor(IndicatorBuilder? indicator = null, Tolerances? system = null) =>
        new((indicator ?? new IndicatorBuilder()).Build(), system ?? Tolerances.Default, Build());

    public Assessment.Assessment AssessAt(string period, IndicatorBuilder? indicator = null, int manualStage = 0, Tolerances? system = null) =>
        AssessorFor(indicator, system).Assess(Period.Parse(period), manualStage);

    /// <summary>The period of the same kind just after <paramref name="period"/>, across financial years.</summary>
    public static Period Next(Period period) =>
        period.Index < Period.PeriodsPerYear(period.Kind)
            ? Period.Create(period.Year, period.Kind, period.Index + 1)
            : Period.Create(period.Year + 1, period.Kind, 1);
}
