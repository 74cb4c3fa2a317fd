namespace GoldenThread.Domain.Assessment;

/// <summary>One values row: the actual and the projected outturn for a period, either of which may be N/A.</summary>
public readonly record struct Observation(decimal? Actual, decimal? ProjectedOutturn);
