using System.Text.Json;
using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Intervention;
using GoldenThread.Domain.Periods;
using GoldenThread.Notices;
using GoldenThread.Pages.Indicators;
using GoldenThread.Scorecard;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using GoldenThread.Worker;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Intervention;

/// <summary>
/// Records how each indicator's stage in each area moved at a quarter (<c>ladder_changes</c>): the stage shown then
/// (through <see cref="LadderQuery"/>, so computed and manual combined as everywhere else) against the quarter before,
/// with the reason in words. A pair that moved gets its row; a pair whose row exists but no longer moved (a trigger set
/// and cleared in the same quarter) has it updated to unchanged. Running it again changes nothing: it is idempotent. A
/// stage that changed raises <see cref="NoticeKind.StageChanged"/> notices to the pair's delivery leads, target sponsors
/// and the accountable body's secretary. Adds and updates rows in the caller's unit of work; does not save.
/// </summary>
public sealed class LadderRecorder(GoldenThreadDb db, NoticeBoard notices, TimeProvider time)
{
    /// <summary>
    /// Records <paramref name="quarter"/>; with <paramref name="only"/>, only that indicator in that area. With
    /// <paramref name="tell"/>, a stage that moved raises notices (a manual trigger tells the people itself). Returns the rows added or changed.
    /// </summary>
    public async Task<int> RecordAsync(Period quarter, (int IndicatorId, int AreaId)? only, bool tell, CancellationToken cancellationToken)
    {
        if (quarter.Kind != PeriodKind.Quarter)
        {
            throw new ArgumentException($"The ladder moves quarter by quarter; {quarter.Code} is not a quarter.", nameof(quarter));
        }

        string? areaCode = null;
        if (only is { } pair)
        {
            areaCode = await db.Areas.AsNoTracking().Where(a => a.Id == pair.AreaId).Select(a => a.Code).SingleAsync(cancellationToken);
        }

        var tolerances = await ToleranceSetting.CurrentAsync(db, cancellationToken);
        var previousQuarter = quarter.Previous();
        var now = (await LadderQuery.RunAsync(db, new ScorecardFilter(quarter, areaCode), tolerances, cancellationToken)).Entries
            .Where(e => only is null || (e.IndicatorId, e.AreaId) == only);
        var before = (await LadderQuery.RunAsync(db, new ScorecardFilter(previousQuarter, areaCode), tolerances, cancellationToken)).Entries
            .ToDictionary(e => (e.IndicatorId, e.AreaId));
        var rows = await db.LadderChanges.AsTracking().Where(c => c.Period == quarter.Code).ToListAsync(cancellationToken);
        var existing = rows.Where(r => only is null || (r.IndicatorId, r.AreaId) == only).ToDictionary(r => (r.IndicatorId, r.AreaId));
        var triggers = await db.LadderTriggers.AsNoTracking().ToListAsync(cancellationToken);
        var changed = 0;
        foreach (var entry in now)
        {
            var key = (entry.IndicatorId, entry.AreaId);
            var previous = before.GetValueOrDefault(key);
            var from = previous?.Stage ?? 0;
            var to = entry.Stage;
            var movement = to > from ? LadderMovement.Escalated : to < from ? LadderMovement.DeEscalated : LadderMovement.Unchanged;
            var row = existing.GetValueOrDefault(key);
            if (row is null && movement == LadderMovement.Unchanged)
            {
                continue;
            }

            var reason = Reason(entry, previous, from, to, movement, triggers, quarter);
            if (row is null)
            {
                row = new LadderChange { IndicatorId = entry.IndicatorId, AreaId = entry.AreaId, Period = quarter.Code, Reason = reason };
                db.LadderChanges.Add(row);
            }
            else if (row.FromStage == from && row.ToStage == to && row.ComputedStage == entry.Assessment.ComputedLadderStage
                && row.ManualStage == entry.ManualStage && row.Movement == movement && row.Reason == reason)
            {
                continue;
            }

            var stageMoved = row.Id == 0 || row.ToStage != to;
            row.FromStage = from;
            row.ToStage = to;
            row.ComputedStage = entry.Assessment.ComputedLadderStage;
            row.ManualStage = entry.ManualStage;
            row.Movement = movement;
            row.Reason = Cut(reason);
            row.RecordedAt = time.GetUtcNow();
            changed++;
            if (tell && stageMoved && movement != LadderMovement.Unchanged)
            {
                await TellAsync(entry, quarter, from, to, row.Reason, cancellationToken);
            }
        }

        return changed;
    }

    /// <summary>Why the stage moved (or did not), in words: "Green at 2009-10 Q3 after 2 quarters off trajectory: Stage 2 to Stage 0."</summary>
    public static string Reason(LadderEntry entry, LadderEntry? previous, int from, int to, LadderMovement movement, IReadOnlyList<LadderTrigger> triggers, Period quarter)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(triggers);
        var a = entry.Assessment;
        var move = $"Stage {from} to Stage {to}.";
        var previousComputed = previous?.Assessment.ComputedLadderStage ?? 0;
        var previousManual = previous?.ManualStage ?? 0;
        switch (movement)
        {
            case LadderMovement.Escalated when entry.ManualStage == to && entry.ManualStage > a.ComputedLadderStage && entry.Trigger is { } t:
                return $"Stage {t.Stage} set by hand by the executive board ({t.RaisedBy}): {t.Reason} {move}";
            case LadderMovement.Escalated:
                return $"{a.Status.Name()} at {a.Period.DisplayName}, {LadderQuery.RunWords(a.ComputedLadderStage)} off trajectory in a row: {move}";
            case LadderMovement.DeEscalated when previousManual > previousComputed && previousManual == from && entry.ManualStage < previousManual:
                var cleared = triggers.Where(t => t.IndicatorId == entry.IndicatorId && t.AreaId == entry.AreaId && t.ClearedInPeriod == quarter.Code)
                    .OrderByDescending(t => t.Stage).FirstOrDefault();
                var why = cleared is null ? "" : $" by {cleared.ClearedBy}: {cleared.ClearReason}";
                var rule = a.ComputedLadderStage == 0 ? "the rules give Stage 0" : $"the rules give Stage {a.ComputedLadderStage}";
                return $"The executive board's Stage {previousManual}, set by hand, was cleared{why} ({a.Status.Name()} at {a.Period.DisplayName}; {rule}): {move}";
            case LadderMovement.DeEscalated:
                return previousComputed > 0
                    ? $"{a.Status.Name()} at {a.Period.DisplayName} after {LadderQuery.RunWords(previousComputed)} off trajectory: {move}"
                    : $"{a.Status.Name()} at {a.Period.DisplayName}: {move}";
            default:
                return $"Stage {to} at {a.Period.DisplayName}, as at {quarter.Previous().DisplayName}.";
        }
    }

    private async Task TellAsync(LadderEntry entry, Period quarter, int from, int to, string reason, CancellationToken cancellationToken)
    {
        var concerned = await ConcernedPeople.ForPairAsync(db, entry.IndicatorId, entry.AreaId, cancellationToken);
        var people = concerned.Leads.ToList();
        if (concerned.SecretaryId is { } secretary)
        {
            people.Add(secretary);
        }

        var direction = to > from ? "up" : "down";
        var subject = $"Ladder stage {direction} to Stage {to}: {entry.Indicator} in {entry.Area}, {quarter.DisplayName}";
        var link = IndicatorLinks.Indicator(entry.Indicator, entry.Area);
        await notices.RaiseAsync(
            people.Distinct().Select(person => new NoticeRequest(
                person,
                NoticeKind.StageChanged,
                subject,
                reason,
                link,
                $"stage:{entry.IndicatorId}:{entry.AreaId}:{quarter.Code}:{to}:{person}")),
            cancellationToken);
    }

    private static string Cut(string text) => text.Length <= LadderChange.ReasonLength ? text : text[..(LadderChange.ReasonLength - 1)] + "…";
}

/// <summary>
/// The <c>ladder.record</c> job: records the ladder's movements at a quarter (payload <c>{"period":"2009-10-Q3"}</c>;
/// the current period when none is given) in one transaction. Queued when a cycle closes, when a return is signed off
/// (<see cref="Queue"/>: its figures are final, so its quarter's stages and their notices come at once), and daily.
/// </summary>
public sealed class LadderRecordJob(GoldenThreadDb db, LadderRecorder recorder, ReportingClock clock, Audit.AuditLog audit) : IJobHandler
{
    public const string Kind = "ladder.record";

    public static RecurringJob Daily { get; } = new(Kind, Schedule.DailyAt(new TimeOnly(6, 30)));

    /// <summary>The once-only key of the run queued when a quarter's cycle closes.</summary>
    public static string ClosedKey(Period quarter) => $"{Kind}:closed:{quarter.Code}";

    /// <summary>
    /// Adds a run for <paramref name="quarter"/> due now to the caller's unit of work (a sign-off, so that the change and the
    /// record it calls for are kept together), keyed once per <paramref name="occasion"/>. Does not save.
    /// </summary>
    public static void Queue(GoldenThreadDb db, DateTimeOffset now, Period quarter, string occasion)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.Jobs.Add(new Job
        {
            Kind = Kind,
            Payload = JsonSerializer.Serialize(new Payload(quarter.Code), JsonSerializerOptions.Web),
            State = JobState.Queued,
            DueAt = now,
            MaxAttempts = JobQueue.DefaultMaxAttempts,
            UniqueKey = $"{Kind}:{occasion}",
            CreatedAt = now,
        });
    }

    public async Task RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var code = JsonSerializer.Deserialize<Payload>(job.Payload, JsonSerializerOptions.Web)?.Period;
        Period quarter;
        if (code is null)
        {
            quarter = await clock.CurrentPeriodAsync(db, cancellationToken);
        }
        else if (!Period.TryParse(code, out quarter) || quarter.Kind != PeriodKind.Quarter)
        {
            throw new InvalidOperationException($"The {Kind} job's period '{code}' is not a quarter, such as 2009-10-Q3.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await recorder.RecordAsync(quarter, null, tell: true, cancellationToken);
        if (changed > 0)
        {
            audit.Add(Audit.AuditActor.Worker, Audit.AuditActions.LadderRecorded, $"Recorded {changed} change{(changed == 1 ? "" : "s")} of ladder stage at {quarter.DisplayName}.", subjectName: quarter.Code);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The job's payload.</summary>
    public sealed record Payload(string? Period);
}
