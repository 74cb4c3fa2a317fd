using System.Text.Json;
using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Intervention;
using GoldenThread.Domain.Periods;
using GoldenThread.Indicators;
using GoldenThread.Scorecard;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Intervention;

/// <summary>The manual trigger behind a stage shown by hand: which, who raised it and why.</summary>
public sealed record TriggerSummary(int Id, int Stage, string FromPeriod, string RaisedBy, DateTimeOffset RaisedAt, string Reason);

/// <summary>One indicator in one area on the ladder at a period: the stage shown, the computed and manual stages behind it, and why.</summary>
public sealed record LadderEntry(
    string Indicator,
    string Area,
    int IndicatorId,
    int AreaId,
    Assessment Assessment,
    int ManualStage,
    TriggerSummary? Trigger,
    string Reason)
{
    public LadderStanding Standing => new(Assessment.ComputedLadderStage, ManualStage);

    /// <summary>The stage shown: the higher of computed and manual (the scorecard's <see cref="Assessment.LadderStage"/>).</summary>
    public int Stage => Assessment.LadderStage;
}

/// <summary>Who is at which stage of the ladder at a period, and why: one entry per scorecard pair, in the scorecard's order.</summary>
public sealed record LadderReport(Period Period, IReadOnlyList<LadderEntry> Entries);

/// <summary>
/// The ladder of intervention for a period, read through <see cref="ScorecardQuery"/> (so the stage is exactly the
/// scorecard's: the engine's computed stage combined with the manual triggers in force) with the triggers' details and
/// the reason in words. The <c>ladder</c> command, <c>GET /api/v1/ladder</c> and the <c>/ladder</c> page all read it.
/// </summary>
public static class LadderQuery
{
    public static async Task<LadderReport> RunAsync(GoldenThreadDb db, ScorecardFilter filter, Tolerances tolerances, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var scorecard = await ScorecardQuery.RunAsync(db, filter, tolerances, cancellationToken);
        var indicators = await db.Indicators.AsNoTracking().Select(i => new { i.Id, i.Code }).ToDictionaryAsync(i => i.Code, i => i.Id, StringComparer.Ordinal, cancellationToken);
        var areas = await db.Areas.AsNoTracking().Select(a => new { a.Id, a.Code }).ToDictionaryAsync(a => a.Code, a => a.Id, StringComparer.Ordinal, cancellationToken);
        var triggers = (await db.LadderTriggers.AsNoTracking().ToListAsync(cancellationToken))
            .Where(t => ManualStages.HoldsAt(t, filter.Period))
            .GroupBy(t => (t.IndicatorId, t.AreaId))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.Stage).ThenBy(t => t.Id).First());
        var entries = new List<LadderEntry>(scorecard.Entries.Count);
        foreach (var entry in scorecard.Entries)
        {
            var indicatorId = indicators[entry.Indicator];
            var areaId = areas[entry.Area];
            var trigger = triggers.GetValueOrDefault((indicatorId, areaId));
            var summary = trigger is null ? null : new TriggerSummary(trigger.Id, trigger.Stage, trigger.FromPeriod, trigger.RaisedBy, trigger.RaisedAt, trigger.Reason);
            entries.Add(new LadderEntry(entry.Indicator, entry.Area, indicatorId, areaId, entry.Assessment, trigger?.Stage ?? 0, summary, ReasonFor(entry.Assessment, summary)));
        }

        return new LadderReport(scorecard.Period, entries);
    }

    /// <summary>Why the stage shown is what it is, in words.</summary>
    public static string ReasonFor(Assessment assessment, TriggerSummary? trigger)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        var computed = assessment.ComputedLadderStage;
        var rule = computed == 0
            ? $"{assessment.Status.Name()} at {assessment.Period.DisplayName}: the rules give Stage 0, no intervention."
            : $"{assessment.Status.Name()} at {assessment.Period.DisplayName}, {RunWords(computed)} off trajectory in a row: the rules give Stage {computed} — {LadderHistory.StageMeaning(computed)}.";
        if (trigger is { } t && t.Stage > computed)
        {
            return $"Stage {t.Stage} set by hand by the executive board ({t.RaisedBy}, from {PeriodName(t.FromPeriod)}): {t.Reason} {rule}";
        }

        return rule;
    }

    /// <summary>The highest stage of <paramref name="triggers"/> (one pair's) in force at a period, 0 for none: what the indicator and area pages combine with the engine's.</summary>
    public static Func<Period, int> ManualStageAt(IReadOnlyList<LadderTrigger> triggers)
    {
        ArgumentNullException.ThrowIfNull(triggers);
        return period => triggers.Where(t => ManualStages.HoldsAt(t, period)).Select(t => t.Stage).DefaultIfEmpty(0).Max();
    }

    /// <summary>"1 quarter", "2 quarters", "3 or more quarters": the run a computed stage stands for.</summary>
    public static string RunWords(int stage) => stage switch
    {
        1 => "1 quarter",
        >= Ladder.TopStage => $"{Ladder.TopStage} or more quarters",
        _ => $"{stage} quarters",
    };

    internal static string PeriodName(string code) => Period.TryParse(code, out var p) ? p.DisplayName : code;

    /// <summary>
    /// Writes the report as the command line's <c>ladder --format json</c> and the API's <c>GET /api/v1/ladder</c> do:
    /// <c>{"period": P, "entries": [{"indicator", "area", "stage", "computed_stage", "manual_stage", "reason", ...}]}</c>.
    /// </summary>
    public static async Task WriteJsonAsync(LadderReport report, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("period", report.Period.Code);
        json.WriteStartArray("entries");
        foreach (var entry in report.Entries)
        {
            json.WriteStartObject();
            json.WriteString("indicator", entry.Indicator);
            json.WriteString("area", entry.Area);
            json.WriteNumber("stage", entry.Stage);
            json.WriteNumber("computed_stage", entry.Assessment.ComputedLadderStage);
            json.WriteNumber("manual_stage", entry.ManualStage);
            json.WriteString("status", entry.Assessment.Status.Code());
            json.WriteBoolean("off_trajectory", entry.Assessment.OffTrajectory);
            json.WriteString("reason", entry.Reason);
            if (entry.Trigger is { } trigger)
            {
                json.WriteStartObject("trigger");
                json.WriteNumber("id", trigger.Id);
                json.WriteNumber("stage", trigger.Stage);
                json.WriteString("from_period", trigger.FromPeriod);
                json.WriteString("raised_by", trigger.RaisedBy);
                json.WriteString("raised_at", trigger.RaisedAt);
                json.WriteString("reason", trigger.Reason);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("trigger");
            }

            json.WriteEndObject();
            if (json.BytesPending > 64 * 1024)
            {
                await json.FlushAsync(cancellationToken);
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }
}
