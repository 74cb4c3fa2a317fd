using GoldenThread.Domain.Periods;

namespace GoldenThread.Domain.Indicators;

/// <summary>The properties of an indicator that the assessment rules read.</summary>
public sealed record IndicatorRules
{
    public const int MaxDecimals = 6;

    public IndicatorRules(
        Polarity polarity,
        Frequency frequency,
        Accumulation accumulation,
        int decimals,
        decimal? amberTolerance = null,
        decimal? strongGreenThreshold = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, MaxDecimals);
        if (amberTolerance < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amberTolerance), amberTolerance, "A tolerance cannot be negative.");
        }

        if (strongGreenThreshold < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(strongGreenThreshold), strongGreenThreshold, "A threshold cannot be negative.");
        }

        Polarity = polarity;
        Frequency = frequency;
        Accumulation = accumulation;
        Decimals = decimals;
        AmberTolerance = amberTolerance;
        StrongGreenThreshold = strongGreenThreshold;
    }

    public Polarity Polarity { get; }

    public Frequency Frequency { get; }

    public Accumulation Accumulation { get; }

    /// <summary>The precision values are shown and compared at (0-6).</summary>
    public int Decimals { get; }

    /// <summary>This indicator's own amber tolerance in percent, or null for the system's.</summary>
    public decimal? AmberTolerance { get; }

    /// <summary>This indicator's own strong green threshold in percent, or null for the system's.</summary>
    public decimal? StrongGreenThreshold { get; }

    public PeriodKind ReportingKind => Frequency.ReportingKind();

    /// <summary>The tolerances in force for this indicator: its overrides, else the system's.</summary>
    public Tolerances TolerancesWithin(Tolerances system) =>
        AmberTolerance is null && StrongGreenThreshold is null
            ? system
            : new Tolerances(AmberTolerance ?? system.Amber, StrongGreenThreshold ?? system.StrongGreen);

    /// <summary>Rounds a value to this indicator's decimals, half away from zero, for comparisons.</summary>
    public decimal Round(decimal value) => Math.Round(value, Decimals, MidpointRounding.AwayFromZero);
}
