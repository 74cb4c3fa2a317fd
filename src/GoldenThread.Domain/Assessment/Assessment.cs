using GoldenThread.Domain.Periods;

namespace GoldenThread.Domain.Assessment;

/// <summary>The judgement on one indicator in one area at one period: the scorecard entry, less its codes.</summary>
public sealed record Assessment(
    Period Period,
    decimal? Actual,
    decimal? PeriodTarget,
    decimal? CurrentTarget,
    decimal? ProjectedOutturn,
    decimal? Pvt,
    Status Status,
    Direction Trend,
    int TrendPeriods,
    Direction DirectionOfTravel,
    bool OffTrajectory,
    int LadderStage)
{
    /// <summary>The status that calls for an exception report, or null when none is needed.</summary>
    public Status? ExceptionRequired => Status.RequiresException() ? Status : null;

    /// <summary>The ladder stage the rules computed, before any manual trigger by the executive board.</summary>
    public int ComputedLadderStage { get; init; } = LadderStage;

    /// <summary>
    /// True when the period is a year and the actual at it is the year's outturn (the actual on the year's own row
    /// or on its last reporting period's row), which stands in for the projected outturn wherever one is used.
    /// </summary>
    public bool OutturnStoodIn { get; init; }

    /// <summary>Which rule of the ladder this period fell under (skipped, counted in the run, or ending it).</summary>
    public LadderRule LadderRule { get; init; } = Ladder.RuleFor(Status, Actual, OffTrajectory);
}
