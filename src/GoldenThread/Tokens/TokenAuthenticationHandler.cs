using System.Security.Claims;
using System.Text.Encodings.Web;
using GoldenThread.Access;
using GoldenThread.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace GoldenThread.Tokens;

/// <summary>
/// Accepts <c>Authorization: Bearer gt_...</c> on the API: the token's hash must be stored, unexpired and
/// unrevoked, and its person active. A refused token answers 401 with the reason in the
/// <c>WWW-Authenticate</c> header, never which part of the secret was wrong.
/// </summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    GoldenThreadDb db,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Token";
    private const string FailureKey = "goldenthread.token-failure";

    /// <summary>The claim holding the checked token's id (the API's rate limit is kept per token).</summary>
    public const string TokenIdClaim = "token_id";

    /// <summary>Whether the request carries a bearer token (and so is for this handler, not the cookie).</summary>
    public static bool HasBearer(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!HasBearer(Request))
        {
            return AuthenticateResult.NoResult();
        }

        var secret = Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
        if (!TokenSecrets.LooksLikeSecret(secret))
        {
            return await FailAsync("The bearer token is not a GoldenThread API token.");
        }

        var hash = TokenSecrets.Hash(secret);
        var now = clock.GetUtcNow();
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Hash == hash, Context.RequestAborted);
        if (token is null)
        {
            return await FailAsync("The API token is not known.");
        }

        if (token.RevokedAt is not null)
        {
            return await FailAsync("The API token has been revoked.", token.PersonId);
        }

        if (token.ExpiresAt <= now)
        {
            return await FailAsync("The API token has expired.", token.PersonId);
        }

        var person = await db.People.AsNoTracking().Where(p => p.Id == token.PersonId)
            .Select(p => new { p.Id, p.Email, p.FullName, p.SecurityStamp, p.DeactivatedAt })
            .SingleOrDefaultAsync(Context.RequestAborted);

        // Not the lockout, which stops password sign-in only: anyone who knows a person's email address can cause one.
        if (person is null || person.DeactivatedAt is not null)
        {
            return await FailAsync("The API token's person may not sign in.", token.PersonId);
        }

        // Recorded at most once an hour, so that reading a token's last use costs no write per request.
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromHours(1))
        {
            try
            {
                await db.ApiTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
            }
            catch (Exception e) when (Web.DatabaseBusy.Is(e))
            {
                // Bookkeeping only: a database busy with an import must not refuse the token; the next request records it.
            }
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, person.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, person.Email ?? person.FullName),
                new Claim(CurrentPerson.ScopeClaim, token.Scope == TokenScope.Submit ? "submit" : "read"),
                new Claim(TokenIdClaim, token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ],
            SchemeName,
            ClaimTypes.Name,
            ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var reason = Context.Items[FailureKey] as string;
        Response.Headers.Append(HeaderNames.WWWAuthenticate, reason is null
            ? "Bearer realm=\"GoldenThread\""
            : $"Bearer realm=\"GoldenThread\", error=\"invalid_token\", error_description=\"{reason}\"");
        return Api.ApiProblems.Unauthorized(reason).ExecuteAsync(Context);
    }

    // A refused token's 403 is recorded by the authorisation result handler (Audit/AccessAudit.cs).
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Api.ApiProblems.Forbidden("This token may not do that: its scope, or its person's roles, do not allow it.").ExecuteAsync(Context);

    /// <summary>Refuses the token, and records the refusal in the audit trail (at most once a minute per address and reason).</summary>
    private async Task<AuthenticateResult> FailAsync(string reason, int? personId = null)
    {
        Context.Items[FailureKey] = reason;
        await Audit.AccessAudit.TokenRefusedAsync(Context, reason, personId);
        return AuthenticateResult.Fail(reason);
    }
}
