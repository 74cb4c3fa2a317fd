using GoldenThread.Domain.Periods;

namespace GoldenThread.Domain.Assessment;

/// <summary>Which rule of the ladder of intervention decided a period's place on it (assessment.md, "Ladder of intervention").</summary>
public enum LadderRule
{
    /// <summary>No data and no actual: the period neither counts nor breaks the run.</summary>
    Skipped,

    /// <summary>Off trajectory: the period adds one to the run.</summary>
    Counted,

    /// <summary>Rated (or given an actual) and not off trajectory: the run ends here.</summary>
    Ended,
}

/// <summary>One period on the ladder: the rule that fired, the run of off-trajectory periods it ends, and the stage.</summary>
/// <param name="Run">Off-trajectory periods in a row up to this one, skipped periods not counted; it may pass the top stage.</param>
/// <param name="Stage">The stage the run gives, before any stage set by hand.</param>
public readonly record struct LadderReading(Period Period, LadderRule Rule, int Run, int Stage);

/// <summary>The ladder's skip-and-count rule, once, for the engine and for anything that shows the ladder period by period.</summary>
public static class Ladder
{
    /// <summary>The ladder has three stages; nothing is gained by counting further back.</summary>
    public const int TopStage = 3;

    /// <summary>Which rule a period falls under, from what its assessment found.</summary>
    public static LadderRule RuleFor(Status status, decimal? actual, bool offTrajectory) =>
        status == Status.NoData && actual is null ? LadderRule.Skipped
        : offTrajectory ? LadderRule.Counted
        : LadderRule.Ended;

    /// <summary>The stage a run of off-trajectory periods gives.</summary>
    public static int StageFor(int run) => Math.Min(run, TopStage);

    /// <summary>
    /// Walks consecutive assessments of one indicator in one area, oldest first, counting the run forward as the
    /// engine counts it back. The first must be no later than the first period with figures.
    /// </summary>
    public static IReadOnlyList<LadderReading> Walk(IReadOnlyList<Assessment> assessments)
    {
        ArgumentNullException.ThrowIfNull(assessments);
        var readings = new List<LadderReading>(assessments.Count);
        var run = 0;
        foreach (var assessment in assessments)
        {
            run = assessment.LadderRule switch
            {
                LadderRule.Counted => run + 1,
                LadderRule.Ended => 0,
                _ => run,
            };
            readings.Add(new LadderReading(assessment.Period, assessment.LadderRule, run, StageFor(run)));
        }

        return readings;
    }
}
