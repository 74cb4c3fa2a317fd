namespace GoldenThread.Domain.Indicators;

/// <summary>
/// The bounds every figure keeps whatever its indicator: a sane magnitude, so that a slipped decimal point or a
/// decimal's maximum cannot reach the charts and sums that read figures back.
/// </summary>
public sealed record FigureLimits
{
    /// <summary>A trillion either side of zero: far beyond any council's figures, far inside what charts and sums survive.</summary>
    public const decimal DefaultMaximumMagnitude = 1_000_000_000_000m;

    public FigureLimits(decimal maximumMagnitude = DefaultMaximumMagnitude)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maximumMagnitude);
        MaximumMagnitude = maximumMagnitude;
    }

    /// <summary>The limits when nothing is configured.</summary>
    public static FigureLimits Default { get; } = new();

    /// <summary>The largest absolute value a figure (an actual, a projected outturn or a target) may have.</summary>
    public decimal MaximumMagnitude { get; }
}
