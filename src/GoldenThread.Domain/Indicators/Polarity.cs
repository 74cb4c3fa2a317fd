namespace GoldenThread.Domain.Indicators;

/// <summary>Which direction of an indicator's value is good; <see cref="None"/> marks a data-only indicator.</summary>
public enum Polarity
{
    Higher,
    Lower,
    None,
}

/// <summary>Whether a value stands alone (a rate) or is a year-to-date total that grows through the year.</summary>
public enum Accumulation
{
    Snapshot,
    Cumulative,
}
