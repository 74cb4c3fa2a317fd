namespace GoldenThread.Domain.Access;

/// <summary>
/// Who may do what. Every signed-in person may read the framework and its figures; the rules below decide
/// the rest. Figures belong to their indicator's lead organisation: a police indicator lead submits the
/// police's figures and not the council's, even if a role were granted by mistake across organisations.
/// </summary>
public static class AccessRules
{
    /// <summary>Organisations, people, their roles, and the framework itself.</summary>
    public static bool MayAdminister(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Holds(Role.Administrator);
    }

    /// <summary>The audit trail: the central support team, and auditors.</summary>
    public static bool MayReadAuditTrail(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Holds(Role.Administrator) || actor.Holds(Role.Auditor);
    }

    /// <summary>
    /// Whether the person may submit (create or correct) one indicator's figures in one area: the central
    /// support team anywhere; otherwise only figures that belong to their own organisation (or to no
    /// organisation in particular), as a performance officer, the indicator's owner or deputy, or its
    /// delivery lead in that area. Target sponsors, body members and auditors change no figures.
    /// </summary>
    public static bool MaySubmit(Actor actor, Figures figures)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(figures);
        if (actor.Holds(Role.Administrator))
        {
            return true;
        }

        if (figures.LeadOrganisationId is { } owner && owner != actor.OrganisationId)
        {
            return false;
        }

        return actor.Grants.Any(g => g.Role switch
        {
            Role.PerformanceOfficer => figures.LeadOrganisationId is not null,
            Role.IndicatorOwner or Role.IndicatorDeputy => g.IndicatorId == figures.IndicatorId,
            Role.DeliveryLead => g.IndicatorId == figures.IndicatorId && g.AreaId == figures.AreaId,
            _ => false,
        });
    }

    /// <summary>Whether the person may submit any figures at all (to offer the way to do it).</summary>
    public static bool MaySubmitAny(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Grants.Any(g => g.Role is Role.Administrator or Role.PerformanceOfficer or Role.IndicatorOwner or Role.IndicatorDeputy or Role.DeliveryLead);
    }

    /// <summary>
    /// Whether the person may open a return and change its figures: its assignee; anyone who may submit the figures of
    /// one of its lines (<see cref="MaySubmit"/>); the central team (administrators anywhere, performance officers of the
    /// return's organisation). Which lines they may then change is <see cref="MaySubmit"/>'s, line by line, unless
    /// they are the assignee or the central team.
    /// </summary>
    public static bool MayEnterReturn(int personId, Actor actor, ReturnAccess access)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(access);
        return access.AssigneeId == personId
            || IsCentralTeamFor(actor, access)
            || access.Lines.Any(line => MaySubmit(actor, line));
    }

    /// <summary>Whether the person may read a return: whoever may enter it, and auditors, who read every return.</summary>
    public static bool MayReadReturn(int personId, Actor actor, ReturnAccess access)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Holds(Role.Auditor) || MayEnterReturn(personId, actor, access);
    }

    /// <summary>
    /// Whether the person enters the return as the central team (an administrator, or a performance officer of its
    /// organisation), who may change every line of it, on the assignee's behalf when they are not the assignee.
    /// </summary>
    public static bool IsCentralTeamFor(Actor actor, ReturnAccess access)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(access);
        return actor.Holds(Role.Administrator)
            || (actor.Holds(Role.PerformanceOfficer) && access.OrganisationId is { } organisation && organisation == actor.OrganisationId);
    }
}

/// <summary>What the rules need to know of a return: whose it is, the organisation it comes from, and the figures of its lines.</summary>
public sealed record ReturnAccess(int? AssigneeId, int? OrganisationId, IReadOnlyList<Figures> Lines);
