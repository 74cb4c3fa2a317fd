using System.Globalization;
using GoldenThread.Administration;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Intervention;
using GoldenThread.Domain.Partnership;
using GoldenThread.Notices;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using GoldenThread.Web.Forms;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Intervention;

/// <summary>Raising an issue about an indicator in an area that cannot be resolved where it arose: the fields are <c>indicator</c>, <c>area</c> and <c>issue</c>.</summary>
public sealed record EscalationRaise(Actor Actor, string? Indicator, string? Area, string? Issue);

/// <summary>A decision at the level an escalation stands at: pass it up the chain, or resolve it. The fields are <c>decision</c> and <c>decided_on</c>.</summary>
public sealed record EscalationDecision(Actor Actor, int EscalationId, bool Resolve, string? Decision, DateOnly? DecidedOn);

/// <summary>
/// The governance chain for an indicator (Appendix B of the 2008 Staffordshire framework): the body at each level, from
/// the indicator's accountable body (the thematic partnership) up <see cref="Partnership.Body.EscalatesToId"/> to the
/// executive and strategic boards, falling back on the bodies of those kinds.
/// </summary>
public static class EscalationBodies
{
    /// <summary>The body at <paramref name="level"/> for the indicator; null for the delivery lead and central government.</summary>
    public static async Task<int?> AtAsync(GoldenThreadDb db, int indicatorId, EscalationLevel level, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (level is EscalationLevel.DeliveryLead or EscalationLevel.CentralGovernment)
        {
            return null;
        }

        var accountable = await db.Indicators.AsNoTracking().Where(i => i.Id == indicatorId).Select(i => i.BodyId).SingleOrDefaultAsync(cancellationToken);
        if (level == EscalationLevel.ThematicPartnership)
        {
            return accountable;
        }

        var kind = level == EscalationLevel.ExecutiveBoard ? BodyKind.ExecutiveBoard : BodyKind.StrategicBoard;
        var bodies = await db.Bodies.AsNoTracking().Select(b => new { b.Id, b.Kind, b.EscalatesToId }).ToDictionaryAsync(b => b.Id, cancellationToken);
        var seen = new HashSet<int>();
        for (var at = accountable; at is { } id && bodies.TryGetValue(id, out var body) && seen.Add(id); at = body.EscalatesToId)
        {
            if (body.Kind == kind)
            {
                return id;
            }
        }

        return bodies.Values.Where(b => b.Kind == kind).OrderBy(b => b.Id).Select(b => (int?)b.Id).FirstOrDefault();
    }

    /// <summary>The body whose members act at <paramref name="level"/>: at central government, the strategic board, which deals with it.</summary>
    public static Task<int?> ActingAtAsync(GoldenThreadDb db, int indicatorId, EscalationLevel level, CancellationToken cancellationToken) =>
        AtAsync(db, indicatorId, level == EscalationLevel.CentralGovernment ? EscalationLevel.StrategicBoard : level, cancellationToken);

    /// <summary>Tells the body's secretary (its members when it names none) that an escalation reached it; the pair's delivery leads at their own level.</summary>
    internal static async Task TellAsync(GoldenThreadDb db, NoticeBoard notices, Escalation escalation, int? bodyId, int? exceptPersonId, CancellationToken cancellationToken)
    {
        List<int> people;
        if (bodyId is { } body)
        {
            var secretary = await db.Bodies.AsNoTracking().Where(b => b.Id == body).Select(b => b.SecretaryId).SingleOrDefaultAsync(cancellationToken);
            people = secretary is { } s
                ? [s]
                : await db.RoleAssignments.AsNoTracking().Where(r => r.Role == Role.BodyMember && r.BodyId == body).Select(r => r.PersonId).Distinct().ToListAsync(cancellationToken);
        }
        else if (escalation.Level == EscalationLevel.DeliveryLead)
        {
            people = [.. (await ConcernedPeople.ForPairAsync(db, escalation.IndicatorId, escalation.AreaId, cancellationToken)).DeliveryLeads];
        }
        else
        {
            return;
        }

        var (indicator, area) = await TriggerRules.PairCodesAsync(db, escalation.IndicatorId, escalation.AreaId, cancellationToken);
        var subject = $"Escalation reached the {EscalationChain.Name(escalation.Level).ToLowerInvariant()}: {indicator} in {area}";
        var code = EscalationChain.Code(escalation.Level);
        await notices.RaiseAsync(
            people.Where(p => p != exceptPersonId).Select(p => new NoticeRequest(
                p, NoticeKind.EscalationReached, subject, escalation.Issue, Links.Escalation(escalation.Id), $"escalation:{escalation.Id}:{code}:{p}")),
            cancellationToken);
    }

    /// <summary>The escalation pages' addresses.</summary>
    public static class Links
    {
        public const string List = "/escalations";

        public static string Escalation(int id) => string.Create(CultureInfo.InvariantCulture, $"/escalations/{id}");
    }
}

/// <summary>
/// Raises an escalation for an indicator in an area with the issue, at the delivery lead's level: by the people who
/// write for the pair (<see cref="InterventionAccess.MayWriteFor"/>) or the members of its accountable body. Audited; the
/// delivery leads are told.
/// </summary>
public sealed class RaiseEscalation(GoldenThreadDb db, AuditLog audit, ReportingClock clock, NoticeBoard notices, TimeProvider time) : AdminUseCase<EscalationRaise>(db, audit)
{
    protected override async Task<AdminChange> HandleAsync(AuditActor actor, EscalationRaise request, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var indicator = string.IsNullOrWhiteSpace(request.Indicator) ? null
            : await Db.Indicators.AsNoTracking().Where(i => i.Code == request.Indicator.Trim()).Select(i => new { i.Id, i.Code, i.LeadOrganisationId, i.BodyId }).SingleOrDefaultAsync(cancellationToken);
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

        if (TriggerRules.Check(request.Issue, "the issue that cannot be resolved", Escalation.TextLength) is { } problem)
        {
            errors.Add(new FieldError("issue", problem));
        }

        if (errors.Count > 0)
        {
            return AdminChange.Refused(errors);
        }

        var figures = new Figures(indicator!.Id, indicator.LeadOrganisationId, area!.Id);
        if (!InterventionAccess.MayEscalateFrom(request.Actor, figures, null) && !InterventionAccess.MayConsiderFor(request.Actor, indicator.BodyId))
        {
            return AdminChange.Refused("indicator", $"Only the people accountable for {indicator.Code} in {area.Name}, the members of its partnership and administrators may escalate an issue about it");
        }

        var period = await clock.CurrentPeriodAsync(Db, cancellationToken);
        var escalation = new Escalation
        {
            IndicatorId = indicator.Id,
            AreaId = area.Id,
            Period = period.Code,
            Issue = request.Issue!.Trim(),
            Level = EscalationLevel.DeliveryLead,
            State = EscalationState.Open,
            RaisedAt = time.GetUtcNow(),
            RaisedById = actor.Id,
            RaisedBy = await TriggerRules.NameOfAsync(Db, actor, Escalation.NameLength, cancellationToken),
        };
        Db.Escalations.Add(escalation);
        await Db.SaveChangesAsync(cancellationToken);
        Audit.Add(actor, AuditActions.EscalationRaised, $"Raised an issue about {indicator.Code} in {area.Name} at the delivery lead: {escalation.Issue}", escalation.Id, $"{indicator.Code} in {area.Code}");
        await EscalationBodies.TellAsync(Db, notices, escalation, null, actor.Id, cancellationToken);
        await Db.SaveChangesAsync(cancellationToken);
        return AdminChange.Success($"The issue about {indicator.Code} in {area.Name} is raised at the delivery lead.", escalation.Id);
    }
}

/// <summary>
/// A decision on an open escalation at the level it stands at (<see cref="InterventionAccess.MayEscalateFrom"/>): pass it
/// one step up the chain (<see cref="EscalationChain.Next"/>; the body there is told), or resolve it. Each is a step
/// with the decision and its date, and is audited.
/// </summary>
public sealed class DecideEscalation(GoldenThreadDb db, AuditLog audit, ReportingClock clock, NoticeBoard notices, TimeProvider time) : AdminUseCase<EscalationDecision>(db, audit)
{
    protected override async Task<AdminChange> HandleAsync(AuditActor actor, EscalationDecision request, CancellationToken cancellationToken)
    {
        var escalation = await Db.Escalations.AsTracking().SingleOrDefaultAsync(e => e.Id == request.EscalationId, cancellationToken);
        if (escalation is null)
        {
            return AdminChange.Refused("decision", "There is no such escalation");
        }

        var lead = await Db.Indicators.AsNoTracking().Where(i => i.Id == escalation.IndicatorId).Select(i => i.LeadOrganisationId).SingleAsync(cancellationToken);
        var acting = await EscalationBodies.ActingAtAsync(Db, escalation.IndicatorId, escalation.Level, cancellationToken);
        var levelName = EscalationChain.Name(escalation.Level).ToLowerInvariant();
        if (!InterventionAccess.MayEscalateFrom(request.Actor, new Figures(escalation.IndicatorId, lead, escalation.AreaId), acting))
        {
            return AdminChange.Refused("decision", $"The escalation stands at the {levelName}: only those at that level and administrators may decide on it");
        }

        if (escalation.State == EscalationState.Resolved)
        {
            return AdminChange.Refused("decision", "This escalation is already resolved");
        }

        var next = EscalationChain.Next(escalation.Level);
        if (!request.Resolve && next is null)
        {
            return AdminChange.Refused("decision", "The escalation stands at central government, the top of the chain: it can only be resolved");
        }

        var errors = new List<FieldError>();
        if (TriggerRules.Check(request.Decision, "the decision", Escalation.TextLength) is { } problem)
        {
            errors.Add(new FieldError("decision", problem));
        }

        if (request.DecidedOn is not { } decidedOn)
        {
            errors.Add(new FieldError("decided_on", "Enter the date of the decision"));
        }
        else if (decidedOn > clock.Today)
        {
            errors.Add(new FieldError("decided_on", "The date of the decision must be today or in the past"));
        }

        if (errors.Count > 0)
        {
            return AdminChange.Refused(errors);
        }

        var from = escalation.Level;
        var to = request.Resolve ? from : next!.Value;
        var toBody = request.Resolve ? escalation.BodyId : await EscalationBodies.AtAsync(Db, escalation.IndicatorId, to, cancellationToken);
        var now = time.GetUtcNow();
        var who = await TriggerRules.NameOfAsync(Db, actor, Escalation.NameLength, cancellationToken);
        Db.EscalationSteps.Add(new EscalationStep
        {
            EscalationId = escalation.Id,
            From = from,
            To = to,
            ToBodyId = toBody,
            Resolved = request.Resolve,
            Decision = request.Decision!.Trim(),
            DecidedOn = request.DecidedOn!.Value,
            At = now,
            PersonId = actor.Id,
            Who = who,
        });
        var (indicator, area) = await TriggerRules.PairCodesAsync(Db, escalation.IndicatorId, escalation.AreaId, cancellationToken);
        if (request.Resolve)
        {
            escalation.State = EscalationState.Resolved;
            escalation.ResolvedAt = now;
            Audit.Add(actor, AuditActions.EscalationResolved, $"Resolved the escalation about {indicator} in {area} at the {levelName}: {request.Decision.Trim()}", escalation.Id, $"{indicator} in {area}");
            await NoticesDoneAsync(escalation.Id, cancellationToken);
        }
        else
        {
            escalation.Level = to;
            escalation.BodyId = toBody;
            Audit.Add(actor, AuditActions.EscalationEscalated, $"Escalated the issue about {indicator} in {area} from the {levelName} to the {EscalationChain.Name(to).ToLowerInvariant()}: {request.Decision.Trim()}", escalation.Id, $"{indicator} in {area}");
            await NoticesDoneAsync(escalation.Id, cancellationToken);
            await EscalationBodies.TellAsync(Db, notices, escalation, to == EscalationLevel.CentralGovernment ? acting : toBody, actor.Id, cancellationToken);
        }

        await Db.SaveChangesAsync(cancellationToken);
        return AdminChange.Success(
            request.Resolve
                ? $"The escalation about {indicator} in {area} is resolved."
                : $"The escalation about {indicator} in {area} is passed to the {EscalationChain.Name(to).ToLowerInvariant()}.",
            escalation.Id);
    }

    /// <summary>The notices of the level decided on are dealt with.</summary>
    private Task<int> NoticesDoneAsync(int id, CancellationToken cancellationToken) =>
        notices.DoneAsync(string.Create(CultureInfo.InvariantCulture, $"escalation:{id}:"), cancellationToken);
}
