namespace GoldenThread.Domain.Access;

/// <summary>
/// Who may do what in the exceptions and ladder workflow (issue 11). A body's business is its members': the body-member
/// role held for that body. The executive board's members, with administrators, set and clear manual stages and request
/// stage 3 reports. The people accountable for an indicator in an area write its exceptions and actions.
/// </summary>
public static class InterventionAccess
{
    /// <summary>Whether the person sits on the body (holds the body-member role for it).</summary>
    public static bool IsMemberOf(Actor actor, int bodyId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Grants.Any(g => g.Role == Role.BodyMember && g.BodyId == bodyId);
    }

    /// <summary>
    /// Raising an indicator to a stage by hand, clearing it, requesting a stage 3 report and considering it: the
    /// executive board's members (<paramref name="executiveBoardIds"/>: every body of that kind) and administrators.
    /// </summary>
    public static bool MayActForExecutiveBoard(Actor actor, IReadOnlyCollection<int> executiveBoardIds)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(executiveBoardIds);
        return actor.Holds(Role.Administrator) || executiveBoardIds.Any(id => IsMemberOf(actor, id));
    }

    /// <summary>
    /// Considering an exception (note, challenge, accept) and agreeing what comes before the body: the members of the
    /// body accountable for the indicator, and administrators. A member of one partnership cannot consider another's.
    /// </summary>
    public static bool MayConsiderFor(Actor actor, int? accountableBodyId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Holds(Role.Administrator) || (accountableBodyId is { } body && IsMemberOf(actor, body));
    }

    /// <summary>
    /// Writing an indicator's exception report, answering a challenge, recording stage 1 action and the action plan,
    /// answering a report request: the indicator's delivery lead and target sponsor in that area, its owner and deputy,
    /// and the central team (administrators; performance officers for their own organisation's indicators).
    /// </summary>
    public static bool MayWriteFor(Actor actor, Figures figures)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(figures);
        return actor.Holds(Role.Administrator)
            || actor.Grants.Any(g => g.Role switch
            {
                Role.PerformanceOfficer => figures.LeadOrganisationId is { } lead && lead == actor.OrganisationId,
                Role.IndicatorOwner or Role.IndicatorDeputy => g.IndicatorId == figures.IndicatorId,
                Role.DeliveryLead or Role.TargetSponsor => g.IndicatorId == figures.IndicatorId && g.AreaId == figures.AreaId,
                _ => false,
            });
    }

    /// <summary>
    /// Escalating an issue one step along the chain, with a decision: whoever is at the level it stands at. The delivery
    /// lead's level is <see cref="MayWriteFor"/>'s people; a body's level is its members; and administrators at any level.
    /// </summary>
    public static bool MayEscalateFrom(Actor actor, Figures figures, int? bodyAtLevelId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return bodyAtLevelId is { } body ? MayConsiderFor(actor, body) : MayWriteFor(actor, figures);
    }
}
