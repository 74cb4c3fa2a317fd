using GoldenThread.Domain.Indicators;

namespace GoldenThread.Domain.Tests;

/// <summary>
/// Builds the rules of an indicator for a test. The defaults are the most common indicator in the seeds:
/// higher is better, collected quarterly, a snapshot figure shown to 2 decimals, the system's tolerances.
/// </summary>
internal sealed class IndicatorBuilder
{
    private Polarity _polarity = Polarity.Higher;
    private Frequency _frequency = Frequency.Quarterly;
    private Accumulation _accumulation = Accumulation.Snapshot;
    private int _decimals = 2;
    private decimal? _amberTolerance;
    private decimal? _strongGreenThreshold;

    public IndicatorBuilder Higher() => With(Polarity.Higher);

    public IndicatorBuilder Lower() => With(Polarity.Lower);

    /// <summary>Polarity <c>none</c>: monitored, never rated.</summary>
    public IndicatorBuilder DataOnly() => With(Polarity.None);

    public IndicatorBuilder With(Polarity polarity)
    {
        _polarity = polarity;
        return this;
    }

    public IndicatorBuilder Monthly() => With(Frequency.Monthly);

    public IndicatorBuilder Quarterly() => With(Frequency.Quarterly);

    public IndicatorBuilder HalfYearly() => With(Frequency.HalfYearly);

    public IndicatorBuilder Annual() => With(Frequency.Annual);

    public IndicatorBuilder With(Frequency frequency)
    {
        _frequency = frequency;
        return this;
    }

    public IndicatorBuilder Snapshot() => With(Accumulation.Snapshot);

    public IndicatorBuilder Cumulative() => With(Accumulation.Cumulative);

    public IndicatorBuilder With(Accumulation accumulation)
    {
        _accumulation = accumulation;
        return this;
    }

    public IndicatorBuilder Decimals(int decimals)
    {
        _decimals = decimals;
        return this;
    }

    /// <summary>This indicator's own tolerances; a null leaves the system's in force.</summary>
    public IndicatorBuilder Tolerances(decimal? amber = null, decimal? strongGreen = null)
    {
        _amberTolerance = amber;
        _strongGreenThreshold = strongGreen;
        return this;
    }

    public IndicatorRules Build() =>
        new(_polarity, _frequency, _accumulation, _decimals, _amberTolerance, _strongGreenThreshold);
}
