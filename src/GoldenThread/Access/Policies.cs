using GoldenThread.Domain.Access;
using Microsoft.AspNetCore.Authorization;

namespace GoldenThread.Access;

/// <summary>
/// The named decisions every endpoint makes. The fallback policy (any signed-in person) covers every endpoint
/// that names none, so a new page or operation is closed until it says otherwise; the public pages say
/// <c>[AllowAnonymous]</c>. The authorisation matrix test lists every endpoint with its expected outcome per role.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in person, in the browser or with a token of either scope.</summary>
    public const string SignedIn = "signed-in";

    /// <summary>An administrator, signed in with a second factor, in the browser.</summary>
    public const string Administrator = "administrator";

    /// <summary>An administrator or auditor, in the browser.</summary>
    public const string AuditTrail = "audit-trail";

    /// <summary>The central team (an administrator signed in with a second factor, or a performance officer), in the browser.</summary>
    public const string CentralTeam = "central-team";

    /// <summary>The returns dashboard and review pages, to read: the central team, and auditors, in the browser.</summary>
    public const string ReturnsOverview = "returns-overview";

    /// <summary>A return's review page: read as <see cref="ReturnsOverview"/>; posted to (an action) by the central team only.</summary>
    public const string ReturnsReview = "returns-review";

    /// <summary>A browser session, or a token with submit scope (whose figures are then checked one by one).</summary>
    public const string Submit = "submit";

    public static IServiceCollection AddGoldenThreadPolicies(this IServiceCollection services)
    {
        services.AddScoped<CurrentPerson>();
        services.AddScoped<IAuthorizationHandler, PersonRequirementHandler>();
        services.AddScoped<IAuthorizationHandler, FiguresHandler>();
        services.AddScoped<IAuthorizationHandler, CentralTeamToPostHandler>();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(SignedInPolicy())
            .SetDefaultPolicy(SignedInPolicy())
            .AddPolicy(SignedIn, SignedInPolicy())
            .AddPolicy(Administrator, p => p.RequireAuthenticatedUser().AddRequirements(new PersonRequirement(Administrator, s => s.MayAdminister)))
            .AddPolicy(AuditTrail, p => p.RequireAuthenticatedUser().AddRequirements(new PersonRequirement(AuditTrail, s => s.MayReadAuditTrail)))
            .AddPolicy(CentralTeam, p => p.RequireAuthenticatedUser().AddRequirements(new PersonRequirement(CentralTeam, s => s.IsCentralTeam)))
            .AddPolicy(ReturnsOverview, p => p.RequireAuthenticatedUser().AddRequirements(new PersonRequirement(ReturnsOverview, s => s.MayReadReturnsOverview)))
            .AddPolicy(ReturnsReview, p => p.RequireAuthenticatedUser().AddRequirements(new PersonRequirement(ReturnsReview, s => s.MayReadReturnsOverview), CentralTeamToPostRequirement.Instance))
            .AddPolicy(Submit, p => p.RequireAuthenticatedUser().AddRequirements(new PersonRequirement(Submit, s => s.MayChange)));
        return services;
    }

    private static AuthorizationPolicy SignedInPolicy() =>
        new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new PersonRequirement(SignedIn, _ => true)).Build();
}

/// <summary>A test of the signed-in person, as the database has them now.</summary>
public sealed record PersonRequirement(string Name, Func<SignedInPerson, bool> Test) : IAuthorizationRequirement;

/// <summary>Submitting (creating or correcting) one indicator's figures in one area.</summary>
public sealed record SubmitFiguresRequirement : IAuthorizationRequirement
{
    public static SubmitFiguresRequirement Instance { get; } = new();
}

/// <summary>Reading (GET, HEAD) is left to the other requirements; anything else needs the central team.</summary>
public sealed record CentralTeamToPostRequirement : IAuthorizationRequirement
{
    public static CentralTeamToPostRequirement Instance { get; } = new();
}

internal sealed class CentralTeamToPostHandler(CurrentPerson current, IHttpContextAccessor accessor) : AuthorizationHandler<CentralTeamToPostRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, CentralTeamToPostRequirement requirement)
    {
        var method = accessor.HttpContext?.Request.Method;
        if (HttpMethods.IsGet(method ?? "") || HttpMethods.IsHead(method ?? ""))
        {
            context.Succeed(requirement);
            return;
        }

        if (await current.GetAsync() is { IsCentralTeam: true })
        {
            context.Succeed(requirement);
        }
    }
}

internal sealed class PersonRequirementHandler(CurrentPerson current) : AuthorizationHandler<PersonRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PersonRequirement requirement)
    {
        var person = await current.GetAsync();
        if (person is not null && requirement.Test(person))
        {
            context.Succeed(requirement);
        }
    }
}

/// <summary>The resource-based rule: <see cref="AccessRules.MaySubmit"/> for the figures, and a token that may submit.</summary>
internal sealed class FiguresHandler(CurrentPerson current) : AuthorizationHandler<SubmitFiguresRequirement, Figures>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, SubmitFiguresRequirement requirement, Figures resource)
    {
        var person = await current.GetAsync();
        if (person is not null && person.MayChange && AccessRules.MaySubmit(person.Actor, resource))
        {
            context.Succeed(requirement);
        }
    }
}
