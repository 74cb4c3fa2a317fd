using GoldenThread.Administration;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Intervention;
using GoldenThread.Domain.Partnership;
using GoldenThread.Notices;
using GoldenThread.Pages.Indicators;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using GoldenThread.Web.Forms;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Intervention;

/// <summary>Raising an indicator in an area to a stage by hand: the fields are <c>indicator</c>, <c>area</c>, <c>stage</c>, <c>reason</c> and <c>evidence</c>.</summary>
public sealed record TriggerRaise(Actor Actor, string? Indicator, string? Area, int? Stage, string? Reason, string? Evidence);

/// <summary>Clearing a manual stage: the trigger and the <c>reason</c>.</summary>
public sealed record TriggerClearance(Actor Actor, int TriggerId, string? Reason);

/// <summary>What the manual-trigger use cases share: who may act, and telling the pair's people.</summary>
public static class TriggerRules
{
    public static async Task<bool> MayActAsync(GoldenThreadDb db, Actor actor, CancellationToken cancellationToken)
    {
        var boards = await db.Bodies.AsNoTracking().Where(b => b.Kind == BodyKind.ExecutiveBoard).Select(b => b.Id).ToListAsync(cancellationToken);
        return InterventionAccess.MayActForExecutiveBoard(actor, boards);
    }

    public const string Refusal = "Only the executive board's members and administrators may set or clear a stage by hand";

    internal static async Task TellAsync(GoldenThreadDb db, NoticeBoard notices, LadderTrigger trigger, string what, string subject, string text, CancellationToken cancellationToken)
    {
        var concerned = await ConcernedPeople.ForPairAsync(db, trigger.IndicatorId, trigger.AreaId, cancellationToken);
        var people = concerned.Leads.ToList();
        if (concerned.SecretaryId is { } secretary)
        {
            people.Add(secretary);
        }

        var pair = await PairCodesAsync(db, trigger.IndicatorId, trigger.AreaId, cancellationToken);
        await notices.RaiseAsync(
            people.Distinct().Select(p => new NoticeRequest(p, NoticeKind.StageChanged, subject, text, IndicatorLinks.Indicator(pair.Indicator, pair.Area), $"trigger:{trigger.Id}:{what}:{p}")),
            cancellationToken);
    }

    public static async Task<(string Indicator, string Area)> PairCodesAsync(GoldenThreadDb db, int indicatorId, int areaId, CancellationToken cancellationToken)
    {
        var indicator = await db.Indicators.AsNoTracking().Where(i => i.Id == indicatorId).Select(i => i.Code).SingleAsync(cancellationToken);
        var area = await db.Areas.AsNoTracking().Where(a => a.Id == areaId).Select(a => a.Code).SingleAsync(cancellationToken);
        return (indicator, area);
    }

    /// <summary>The name the record shows for whoever acted: the person's full name, else the audit trail's name (the command line, the worker).</summary>
    public static async Task<string> NameOfAsync(GoldenThreadDb db, AuditActor actor, int length, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var name = actor.Id is { } id ? await db.People.AsNoTracking().Where(p => p.Id == id).Select(p => p.FullName).SingleOrDefaultAsync(cancellationToken) : null;
        name ??= actor.Name;
        return name.Length <= length ? name : name[..length];
    }

    public static string? Check(string? text, string what, int length) =>
        string.IsNullOrWhiteSpace(text) ? $"Enter {what}"
        : text.Trim().Length > length ? $"{char.ToUpperInvariant(what[0])}{what[1..]} must be {length} characters or fewer"
        : null;
}

/// <summary>
/// The executive board raises an indicator in an area to a stage by hand, with the reason and the evidence, from the
/// current period (assessment.md: the stage shown is then the higher of computed and manual). Audited; the pair's
/// people are told; the current quarter's ladder change is recorded at once.
/// </summary>
public sealed class RaiseLadderTrigger(GoldenThreadDb db, AuditLog audit, ReportingClock clock, LadderRecorder recorder, NoticeBoard notices, TimeProvider time)
    : AdminUseCase<TriggerRaise>(db, audit)
{
    protected override async Task<AdminChange> HandleAsync(AuditActor actor, TriggerRaise request, CancellationToken cancellationToken)
    {
        if (!await TriggerRules.MayActAsync(Db, request.Actor, cancellationToken))
        {
            return AdminChange.Refused("stage", TriggerRules.Refusal);
        }

        var errors = new List<FieldError>();
        var indicator = string.IsNullOrWhiteSpace(request.Indicator) ? null
            : await Db.Indicators.AsNoTracking().Where(i => i.Code == request.Indicator.Trim()).Select(i => new { i.Id, i.Code }).SingleOrDefaultAsync(cancellationToken);
        if (indicator is null)
        {
            errors.Add(new FieldError("indicator", string.IsNullOrWhiteSpace(request.Indicator) ? "Enter the indicator's code" : $"There is no indicator with the code {request.Indicator.Trim()}"));
        }

        var area = string.IsNullOrWhiteSpace(request.Area) ? null
            : await Db.Areas.AsNoTracking().Where(a => a.Code == request.Area.Trim()).Select(a => new { a.Id, a.Code, a.Name }).SingleOrDefaultAsync(cancellationToken);
        if (area is null)
        {
            errors.Add(new FieldError("area", string.IsNullOrWhiteSpace(request.Area) ? "Enter the area's code" : $"There is no area with the code {request.Area.Trim()}"));
        }

        if (request.Stage is not (>= 1 and <= 3))
        {
            errors.Add(new FieldError("stage", "Choose Stage 1, 2 or 3"));
        }

        if (TriggerRules.Check(request.Reason, "the reason", LadderTrigger.TextLength) is { } reasonProblem)
        {
            errors.Add(new FieldError("reason", reasonProblem));
        }

        if (TriggerRules.Check(request.Evidence, "the evidence of under-performance", LadderTrigger.TextLength) is { } evidenceProblem)
        {
            errors.Add(new FieldError("evidence", evidenceProblem));
        }

        if (errors.Count > 0)
        {
            return AdminChange.Refused(errors);
        }

        if (!await Db.Values.AnyAsync(v => v.IndicatorId == indicator!.Id && v.AreaId == area!.Id, cancellationToken))
        {
            return AdminChange.Refused("area", $"{indicator!.Code} has no figures in {area!.Name}: there is nothing on the ladder to raise");
        }

        var open = await Db.LadderTriggers.AsNoTracking()
            .Where(t => t.IndicatorId == indicator!.Id && t.AreaId == area!.Id && t.ClearedInPeriod == null)
            .Select(t => new { t.Id, t.Stage })
            .FirstOrDefaultAsync(cancellationToken);
        if (open is not null)
        {
            return AdminChange.Refused("stage", $"Stage {open.Stage} is already set by hand for {indicator!.Code} in {area!.Name}: clear it before setting another");
        }

        var period = await clock.CurrentPeriodAsync(Db, cancellationToken);
        var trigger = new LadderTrigger
        {
            IndicatorId = indicator!.Id,
            AreaId = area!.Id,
            Stage = request.Stage!.Value,
            FromPeriod = period.Code,
            Reason = request.Reason!.Trim(),
            Evidence = request.Evidence!.Trim(),
            RaisedAt = time.GetUtcNow(),
            RaisedById = actor.Id,
            RaisedBy = await TriggerRules.NameOfAsync(Db, actor, LadderTrigger.NameLength, cancellationToken),
        };
        Db.LadderTriggers.Add(trigger);
        await Db.SaveChangesAsync(cancellationToken);
        var words = $"Set Stage {trigger.Stage} by hand for {indicator.Code} in {area.Name} from {period.DisplayName}: {trigger.Reason} Evidence: {trigger.Evidence}";
        Audit.Add(actor, AuditActions.LadderTriggerRaised, words, trigger.Id, $"{indicator.Code} in {area.Code}");
        await recorder.RecordAsync(period, (trigger.IndicatorId, trigger.AreaId), tell: false, cancellationToken);
        await TriggerRules.TellAsync(
            Db, notices, trigger, "raised", $"Stage {trigger.Stage} set by hand: {indicator.Code} in {area.Name}, from {period.DisplayName}", $"The executive board set Stage {trigger.Stage} by hand. Reason: {trigger.Reason}", cancellationToken);
        await Db.SaveChangesAsync(cancellationToken);
        return AdminChange.Success($"{indicator.Code} in {area.Name} is at Stage {trigger.Stage} by hand from {period.DisplayName}.", trigger.Id);
    }
}

/// <summary>
/// The executive board clears a manual stage, with the reason: it holds no more from the current period (the quarters
/// before keep it, so the record stays true). Audited; the pair's people are told; the current quarter's ladder change
/// is recorded at once (the stage comes down to the computed one, and the record says why).
/// </summary>
public sealed class ClearLadderTrigger(GoldenThreadDb db, AuditLog audit, ReportingClock clock, LadderRecorder recorder, NoticeBoard notices, TimeProvider time)
    : AdminUseCase<TriggerClearance>(db, audit)
{
    protected override async Task<AdminChange> HandleAsync(AuditActor actor, TriggerClearance request, CancellationToken cancellationToken)
    {
        var trigger = await Db.LadderTriggers.AsTracking().SingleOrDefaultAsync(t => t.Id == request.TriggerId, cancellationToken);
        if (trigger is null)
        {
            return AdminChange.Refused("trigger", "There is no such manual stage");
        }

        if (!await TriggerRules.MayActAsync(Db, request.Actor, cancellationToken))
        {
            return AdminChange.Refused("reason", TriggerRules.Refusal);
        }

        if (trigger.ClearedInPeriod is not null)
        {
            return AdminChange.Refused("reason", $"This manual stage was already cleared by {trigger.ClearedBy}");
        }

        if (TriggerRules.Check(request.Reason, "the reason for clearing it", LadderTrigger.TextLength) is { } problem)
        {
            return AdminChange.Refused("reason", problem);
        }

        var period = await clock.CurrentPeriodAsync(Db, cancellationToken);
        trigger.ClearedInPeriod = period.Code;
        trigger.ClearedAt = time.GetUtcNow();
        trigger.ClearedById = actor.Id;
        trigger.ClearedBy = await TriggerRules.NameOfAsync(Db, actor, LadderTrigger.NameLength, cancellationToken);
        trigger.ClearReason = request.Reason!.Trim();
        await Db.SaveChangesAsync(cancellationToken);
        var (indicator, area) = await TriggerRules.PairCodesAsync(Db, trigger.IndicatorId, trigger.AreaId, cancellationToken);
        Audit.Add(actor, AuditActions.LadderTriggerCleared, $"Cleared the Stage {trigger.Stage} set by hand for {indicator} in {area}, from {period.DisplayName}: {trigger.ClearReason}", trigger.Id, $"{indicator} in {area}");
        await recorder.RecordAsync(period, (trigger.IndicatorId, trigger.AreaId), tell: false, cancellationToken);
        await TriggerRules.TellAsync(
            Db, notices, trigger, "cleared", $"Stage {trigger.Stage} set by hand cleared: {indicator} in {area}, from {period.DisplayName}", $"The executive board cleared the manual Stage {trigger.Stage}. Reason: {trigger.ClearReason}", cancellationToken);
        await Db.SaveChangesAsync(cancellationToken);
        return AdminChange.Success($"The manual Stage {trigger.Stage} for {indicator} in {area} is cleared from {period.DisplayName}.", trigger.Id);
    }
}
