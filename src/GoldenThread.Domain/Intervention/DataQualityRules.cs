using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Periods;

namespace GoldenThread.Domain.Intervention;

/// <summary>
/// What the quarterly cycle recorded about one indicator's data in one area at one quarter: the facts the
/// data-quality rules read (issue 11, item 4).
/// </summary>
/// <param name="Quarter">The quarter of the return.</param>
/// <param name="Late">The pair's return was first submitted after the quarter's return deadline, or was still not in after it.</param>
/// <param name="Queried">The central team queried the pair's return at least once.</param>
/// <param name="AmendedAfterSignOff">A figure of the pair was changed after it had been signed off (a record with a reason).</param>
public sealed record DataQualityFacts(Period Quarter, bool Late = false, bool Queried = false, bool AmendedAfterSignOff = false);

/// <summary>
/// The data-quality rules (issue 11, item 4, and decision record "exceptions data quality"): a persistent problem with an
/// indicator's data in an area raises a data-quality exception at a quarter, and consecutive quarters with one climb the
/// same ladder as performance (<see cref="Ladder.StageFor"/>). Each rule looks at the quarter itself and the three before
/// it, so a problem counts only while it goes on:
/// <list type="bullet">
/// <item>late two quarters running: late at the quarter and at the quarter before;</item>
/// <item>queried repeatedly: queried at the quarter and at least once in the three quarters before;</item>
/// <item>amended after sign-off repeatedly: amended at the quarter and at least once in the three quarters before;</item>
/// <item>no active owner: the indicator has no active owner at the quarter (said by the caller, which knows the people).</item>
/// </list>
/// </summary>
public static class DataQualityRules
{
    /// <summary>How many quarters, the quarter itself included, the "repeatedly" rules look back over.</summary>
    public const int Window = 4;

    /// <summary>How many quarters in the window must show the problem for it to count as repeated.</summary>
    public const int Repeats = 2;

    /// <summary>
    /// The causes that hold at <paramref name="quarter"/>, in the order of <see cref="DataQualityCause"/>, from the pair's
    /// facts (any quarters, any order; a quarter with no facts had no problem) and whether the indicator lacks an active owner.
    /// </summary>
    public static IReadOnlyList<DataQualityCause> CausesAt(Period quarter, IEnumerable<DataQualityFacts> facts, bool noActiveOwner = false)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (quarter.Kind != PeriodKind.Quarter)
        {
            throw new ArgumentException($"Data quality is judged by quarter; {quarter.Code} is not one.", nameof(quarter));
        }

        var byQuarter = new Dictionary<Period, DataQualityFacts>();
        foreach (var fact in facts)
        {
            byQuarter[fact.Quarter] = fact;
        }

        var window = new List<DataQualityFacts>(Window);
        var at = quarter;
        for (var i = 0; i < Window; i++)
        {
            window.Add(byQuarter.GetValueOrDefault(at) ?? new DataQualityFacts(at));
            at = at.Previous();
        }

        var causes = new List<DataQualityCause>();
        if (window[0].Late && window[1].Late)
        {
            causes.Add(DataQualityCause.LateTwiceRunning);
        }

        if (window[0].Queried && window.Count(f => f.Queried) >= Repeats)
        {
            causes.Add(DataQualityCause.QueriedRepeatedly);
        }

        if (window[0].AmendedAfterSignOff && window.Count(f => f.AmendedAfterSignOff) >= Repeats)
        {
            causes.Add(DataQualityCause.AmendedRepeatedly);
        }

        if (noActiveOwner)
        {
            causes.Add(DataQualityCause.NoActiveOwner);
        }

        return causes;
    }

    /// <summary>
    /// The ladder stage of data quality at <paramref name="quarter"/>: the run of consecutive quarters up to it with a
    /// data-quality exception gives the stage, by the same rule as performance (one quarter stage 1, two stage 2, three or
    /// more stage 3); none at the quarter, stage 0.
    /// </summary>
    public static int StageAt(Period quarter, IReadOnlySet<Period> quartersWithException)
    {
        ArgumentNullException.ThrowIfNull(quartersWithException);
        var run = 0;
        var at = quarter;
        while (run < Ladder.TopStage && quartersWithException.Contains(at))
        {
            run++;
            at = at.Previous();
        }

        return Ladder.StageFor(run);
    }

    /// <summary>What a cause means, in words: "the return was late two quarters running".</summary>
    public static string Describe(DataQualityCause cause) => cause switch
    {
        DataQualityCause.LateTwiceRunning => "the return was late two quarters running",
        DataQualityCause.QueriedRepeatedly => $"the figures were queried in {Repeats} or more of the last {Window} quarters",
        DataQualityCause.AmendedRepeatedly => $"the figures were amended after sign-off in {Repeats} or more of the last {Window} quarters",
        DataQualityCause.NoActiveOwner => "the indicator has no active owner",
        _ => throw new ArgumentOutOfRangeException(nameof(cause), cause, null),
    };

    /// <summary>A cause's short name: "Late two quarters running".</summary>
    public static string Name(DataQualityCause cause) => cause switch
    {
        DataQualityCause.LateTwiceRunning => "Late two quarters running",
        DataQualityCause.QueriedRepeatedly => "Queried repeatedly",
        DataQualityCause.AmendedRepeatedly => "Amended after sign-off repeatedly",
        DataQualityCause.NoActiveOwner => "No active owner",
        _ => throw new ArgumentOutOfRangeException(nameof(cause), cause, null),
    };
}
