using GoldenThread.Domain.Assessment;

namespace GoldenThread.Scorecard;

/// <summary>One line of a scorecard: an indicator in an area, assessed at the scorecard's period.</summary>
public sealed record ScorecardEntry(string Indicator, string Area, Assessment Assessment)
{
    /// <summary>
    /// Whether the figures the entry rests on are signed off: the values row that stood for the period (its own, or
    /// the shorter period's that supplied it) has a sign-off. False while provisional, and when there is no row.
    /// </summary>
    public bool Final { get; init; }
}

/// <summary>The assessment of every indicator and area pair for one period, ordered by indicator then area code.</summary>
public sealed record ScorecardResult(Domain.Periods.Period Period, IReadOnlyList<ScorecardEntry> Entries)
{
    /// <summary>True when a quarter the period covers has a cycle that is not closed (<see cref="CycleProgress"/>): the table says so.</summary>
    public bool InProgress { get; init; }
}
