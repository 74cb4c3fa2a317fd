namespace GoldenThread.Domain.Indicators;

/// <summary>What an indicator's figures measure; the unit says how to read them (no % sign in the figures).</summary>
public enum Unit
{
    Percent,
    PercentChange,
    Number,
    Rate,
    Currency,
    Days,
    Score,
    Ratio,
}
