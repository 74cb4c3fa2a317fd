using GoldenThread.Domain.Assessment;

namespace GoldenThread.Scorecard;

/// <summary>One line of a scorecard: an indicator in an area, assessed at the scorecard's period.</summary>
public sealed record ScorecardEntry(string Indicator, string Area, Assessment Assessment);

/// <summary>The assessment of every indicator and area pair for one period, ordered by indicator then area code.</summary>
public sealed record ScorecardResult(Domain.Periods.Period Period, IReadOnlyList<ScorecardEntry> Entries);
