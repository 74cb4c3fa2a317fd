using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Periods;
using GoldenThread.Scorecard;

namespace GoldenThread.Indicators;

/// <summary>
/// One period on the ladder of intervention: whether it was off trajectory, the stage shown (the higher of the computed
/// and the manual), and why, in words.
/// </summary>
public sealed record LadderStep(Period Period, bool OffTrajectory, bool Skipped, int Run, int Stage, string Why)
{
    /// <summary>The stage the rule gives.</summary>
    public int Computed { get; init; } = Stage;

    /// <summary>The stage the executive board set by hand (0 for none).</summary>
    public int Manual { get; init; }
}

/// <summary>
/// The ladder of intervention period by period, with the reason for each stage (assessment.md, "Ladder of
/// intervention"): what put a period off trajectory or kept it on, and how long the run of off-trajectory periods is.
/// </summary>
public static class LadderHistory
{
    /// <summary>
    /// Explains consecutive assessments of one indicator in one area, oldest first, all of one kind of period
    /// (quarters). The first must be no later than the first period with figures: nothing before it can be off trajectory.
    /// </summary>
    public static IReadOnlyList<LadderStep> Build(IndicatorRules rules, IReadOnlyList<Assessment> assessments, Func<Period, int>? manualStage = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(assessments);

        // The engine's rule decides each period and counts the run (Ladder.Walk); this only puts it into words.
        var readings = Ladder.Walk(assessments);
        var steps = new List<LadderStep>(assessments.Count);
        for (var i = 0; i < assessments.Count; i++)
        {
            var assessment = assessments[i];
            var (_, rule, run, stage) = readings[i];
            var skipped = rule == LadderRule.Skipped;
            var reason = rule switch
            {
                LadderRule.Skipped => $"Skipped: there is no data and no actual for {assessment.Period.DisplayName}, so it neither counts nor breaks the run.",
                LadderRule.Counted => OffReason(rules, assessment),
                _ => OnReason(rules, assessment),
            };

            var why = $"{reason} {StageSentence(run, stage, assessment.Period.Kind, skipped)}";
            var manual = manualStage?.Invoke(assessment.Period) ?? (assessment.LadderStage > stage ? assessment.LadderStage : 0);
            if (manual > stage)
            {
                why += $" The executive board set Stage {manual} by hand, so Stage {manual} is shown.";
            }
            else if (manual > 0)
            {
                why += $" The executive board's Stage {manual}, set by hand, is not above it.";
            }

            steps.Add(new LadderStep(assessment.Period, assessment.OffTrajectory, skipped, run, Math.Max(stage, manual), why) { Computed = stage, Manual = manual });
        }

        return steps;
    }

    /// <summary>What a stage asks of people, from the partnership framework.</summary>
    public static string StageMeaning(int stage) => stage switch
    {
        0 => "no intervention",
        1 => "the delivery lead takes action with the thematic partnership and reports progress to it and through it to the executive board",
        2 => "the delivery lead agrees a detailed action plan with the partners to tackle the under-performance",
        3 => "the executive board asks for a detailed report on the causes and the options for bringing performance back to target",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "The ladder has stages 0 to 3."),
    };

    private static string StageSentence(int run, int stage, PeriodKind kind, bool skipped)
    {
        if (skipped)
        {
            return stage == 0
                ? "The stage stays at Stage 0: no intervention."
                : $"The stage stays at Stage {stage} — {StageMeaning(stage)}.";
        }

        if (run == 0)
        {
            return "Stage 0: no intervention.";
        }

        return $"Off trajectory for {run} {PeriodNoun(kind, run)} in a row: Stage {stage} — {StageMeaning(stage)}.";
    }

    private static string OffReason(IndicatorRules rules, Assessment assessment)
    {
        if (Profile(assessment) is var (actual, profile))
        {
            var forecast = assessment.Status is Status.Green or Status.StrongGreen
                ? $", although the forecast is {assessment.Status.Name()}"
                : string.Empty;
            return $"Off trajectory: the actual {Explanation.Show(actual, rules)} missed the profiled target of {Explanation.Show(profile, rules)}{forecast}.";
        }

        return $"Off trajectory: the status is {assessment.Status.Name()}.";
    }

    private static string OnReason(IndicatorRules rules, Assessment assessment)
    {
        if (rules.Polarity == Polarity.None)
        {
            return "Data only: a data-only indicator is never off trajectory.";
        }

        if (Profile(assessment) is var (actual, profile))
        {
            var cleared = assessment.Status is Status.Red or Status.Amber
                ? $", which clears the {assessment.Status.Name()} forecast"
                : string.Empty;
            return $"On trajectory: the actual {Explanation.Show(actual, rules)} met the profiled target of {Explanation.Show(profile, rules)}{cleared}.";
        }

        return assessment.Status switch
        {
            Status.NoData => $"Not skipped: an actual of {Explanation.Show(assessment.Actual ?? 0m, rules)} was given without a projected outturn, so the period is not off trajectory and ends any run.",
            Status.NoTarget => "Not rated (no annual target), so not off trajectory.",
            _ => $"On trajectory: the status is {assessment.Status.Name()}.",
        };
    }

    /// <summary>The actual and the profiled target it was judged against, when the period has both (a year's target is not a profile).</summary>
    private static (decimal Actual, decimal Profile)? Profile(Assessment assessment) =>
        assessment.Period.Kind != PeriodKind.Year && assessment.PeriodTarget is { } profile && assessment.Actual is { } actual
            ? (actual, profile)
            : null;

    private static string PeriodNoun(PeriodKind kind, int count) => (kind, count == 1) switch
    {
        (PeriodKind.Month, true) => "month",
        (PeriodKind.Month, false) => "months",
        (PeriodKind.Quarter, true) => "quarter",
        (PeriodKind.Quarter, false) => "quarters",
        (PeriodKind.HalfYear, true) => "half year",
        (PeriodKind.HalfYear, false) => "half years",
        (_, true) => "year",
        _ => "years",
    };
}
