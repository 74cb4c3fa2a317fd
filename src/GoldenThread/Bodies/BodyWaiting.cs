using System.Globalization;
using GoldenThread.Actions;
using GoldenThread.Domain.Intervention;
using GoldenThread.Domain.Partnership;
using GoldenThread.Notices;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Bodies;

/// <summary>
/// What waits on a body (issue 11, items 1 and 6), in numbers for its page: exception reports to consider and still to
/// be written or answered, its stage 2 indicators without an agreed action plan, its stage 3 reports not yet answered or
/// not yet considered, and the escalations standing at it for a decision.
/// </summary>
public sealed record BodyWaitingCounts(
    int ExceptionsToConsider,
    int ExceptionsToWrite,
    int StageTwoWithoutPlan,
    int ReportsNotAnswered,
    int ReportsToConsider,
    int Escalations)
{
    public bool Nothing => ExceptionsToConsider + ExceptionsToWrite + StageTwoWithoutPlan + ReportsNotAnswered + ReportsToConsider + Escalations == 0;
}

/// <summary>
/// A body's waiting business, and the reader's own open notices about it: an exception reported to the body, a stage,
/// trigger, action plan or report request of an indicator the body is accountable for, an escalation standing at the body
/// or about one of its indicators, and (for an executive board) every stage 3 report, which the board requests and
/// considers. Reads the workflow's tables only; the stages are the scorecard's (through <see cref="BodyView"/> and
/// <see cref="ActionPlanFlags"/>).
/// </summary>
public static class BodyWaiting
{
    public static async Task<BodyWaitingCounts> CountsAsync(GoldenThreadDb db, BodyView view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(view);
        var body = view.Body;
        var codes = view.Indicators.Select(i => i.Code).ToHashSet(StringComparer.Ordinal);
        var toConsider = view.Exceptions.Count(e => e.State == ExceptionState.Submitted);
        var toWrite = view.Exceptions.Count(e => e.State is ExceptionState.Required or ExceptionState.Drafted or ExceptionState.Challenged);
        var withoutPlan = codes.Count == 0 ? 0 : (await ActionPlanFlags.MissingAsync(db, view.Period, cancellationToken)).Count(m => codes.Contains(m.IndicatorCode));
        var requests = await db.ReportRequests.AsNoTracking()
            .Where(r => r.State != ReportRequestState.Considered)
            .Where(r => body.Kind == BodyKind.ExecutiveBoard || db.Indicators.Any(i => i.Id == r.IndicatorId && i.BodyId == body.Id))
            .Select(r => r.State)
            .ToListAsync(cancellationToken);
        var escalations = await db.Escalations.AsNoTracking().CountAsync(e => e.State == EscalationState.Open && e.BodyId == body.Id, cancellationToken);
        return new BodyWaitingCounts(
            toConsider,
            toWrite,
            withoutPlan,
            requests.Count(s => s == ReportRequestState.Requested),
            requests.Count(s => s == ReportRequestState.Answered),
            escalations);
    }

    /// <summary>The person's open notices about the body's business, newest first.</summary>
    public static async Task<IReadOnlyList<OpenNotice>> NoticesAsync(GoldenThreadDb db, int personId, int bodyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var open = await db.Notices.AsNoTracking()
            .Where(n => n.PersonId == personId && n.DoneAt == null)
            .Select(n => new { Notice = new OpenNotice(n.Id, n.Kind, n.Subject, n.Text, n.Link, n.CreatedAt, n.MailedAt != null), n.Key })
            .ToListAsync(cancellationToken);
        if (open.Count == 0)
        {
            return [];
        }

        var keys = open.Select(n => Parse(n.Key)).ToList();
        int[] Ids(string kind) => [.. keys.Where(k => k.Kind == kind).Select(k => k.Id).Distinct()];
        var exceptionIds = Ids("exception");
        var triggerIds = Ids("trigger");
        var reportIds = Ids("report");
        var escalationIds = Ids("escalation");
        var exceptions = await db.ExceptionReports.AsNoTracking().Where(e => exceptionIds.Contains(e.Id))
            .Select(e => new { e.Id, e.BodyId, IndicatorBodyId = db.Indicators.Where(i => i.Id == e.IndicatorId).Select(i => i.BodyId).FirstOrDefault() })
            .ToDictionaryAsync(e => e.Id, e => new[] { e.BodyId, e.IndicatorBodyId }, cancellationToken);
        var triggers = await db.LadderTriggers.AsNoTracking().Where(t => triggerIds.Contains(t.Id))
            .ToDictionaryAsync(t => t.Id, t => t.IndicatorId, cancellationToken);
        var reports = await db.ReportRequests.AsNoTracking().Where(r => reportIds.Contains(r.Id))
            .ToDictionaryAsync(r => r.Id, r => r.IndicatorId, cancellationToken);
        var escalations = await db.Escalations.AsNoTracking().Where(e => escalationIds.Contains(e.Id))
            .ToDictionaryAsync(e => e.Id, e => (e.IndicatorId, e.BodyId), cancellationToken);
        var indicatorBodies = await db.Indicators.AsNoTracking().Where(i => i.BodyId != null).ToDictionaryAsync(i => i.Id, i => i.BodyId, cancellationToken);
        var executiveBoard = await db.Bodies.AsNoTracking().AnyAsync(b => b.Id == bodyId && b.Kind == BodyKind.ExecutiveBoard, cancellationToken);
        int? BodyOf(int indicatorId) => indicatorBodies.GetValueOrDefault(indicatorId);

        bool Concerns((string Kind, int Id) key) => key.Kind switch
        {
            "exception" => exceptions.TryGetValue(key.Id, out var bodies) && bodies.Contains(bodyId),
            "stage" or "plan-needed" => BodyOf(key.Id) == bodyId,
            "trigger" => triggers.TryGetValue(key.Id, out var indicator) && BodyOf(indicator) == bodyId,
            "report" => reports.TryGetValue(key.Id, out var indicator) && (executiveBoard || BodyOf(indicator) == bodyId),
            "escalation" => escalations.TryGetValue(key.Id, out var e) && (e.BodyId == bodyId || BodyOf(e.IndicatorId) == bodyId),
            _ => false,
        };

        return
        [
            .. open.Where(n => Concerns(Parse(n.Key)))
                .Select(n => n.Notice)
                .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
                .Take(NoticeTasks.Shown),
        ];
    }

    /// <summary>
    /// What a notice's once-only key says it is about: its first part and the number after it (an exception, trigger,
    /// report or escalation id, or for a stage or a plan needed the indicator's id); ("", 0) for any other key.
    /// </summary>
    public static (string Kind, int Id) Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parts = key.Split(':');
        return parts.Length >= 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? (parts[0], id) : ("", 0);
    }
}
