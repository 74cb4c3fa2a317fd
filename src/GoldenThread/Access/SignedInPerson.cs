using GoldenThread.Domain.Access;
using GoldenThread.Tokens;

namespace GoldenThread.Access;

/// <summary>
/// The person behind a request, read from the database on each request (so a role removed, or a person
/// deactivated, counts at once), with how they proved who they are.
/// </summary>
public sealed record SignedInPerson(
    int Id,
    string Email,
    string FullName,
    int OrganisationId,
    string OrganisationName,
    Actor Actor,
    bool TwoFactorEnabled,
    bool UsedTwoFactor,
    TokenScope? TokenScope)
{
    public bool ByToken => TokenScope is not null;

    /// <summary>Administration needs an administrator who signed in with a second factor, in the browser.</summary>
    public bool MayAdminister => AccessRules.MayAdminister(Actor) && UsedTwoFactor && !ByToken;

    /// <summary>An administrator who has not proved a second factor in this session: sent to set one up or use it.</summary>
    public bool IsAdministratorWithoutSecondFactor => AccessRules.MayAdminister(Actor) && !UsedTwoFactor && !ByToken;

    public bool MayReadAuditTrail => AccessRules.MayReadAuditTrail(Actor)
        && (!Actor.Holds(Role.Administrator) || UsedTwoFactor || Actor.Holds(Role.Auditor))
        && !ByToken;

    /// <summary>The central team, who set what holds across the system (the tolerances): administrators with a second factor and performance officers, in the browser.</summary>
    public bool IsCentralTeam => !ByToken && (MayAdminister || Actor.Holds(Role.PerformanceOfficer));

    /// <summary>The returns dashboard and review pages: the central team, and auditors, who read every return.</summary>
    public bool MayReadReturnsOverview => IsCentralTeam || (!ByToken && Actor.Holds(Role.Auditor));

    /// <summary>Whether this request may change figures at all: a browser session, or a token with submit scope.</summary>
    public bool MayChange => TokenScope is null or Tokens.TokenScope.Submit;
}
