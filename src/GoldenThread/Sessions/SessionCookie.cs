using System.Security.Claims;
using GoldenThread.Access;
using GoldenThread.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace GoldenThread.Sessions;

/// <summary>
/// Ties the browser's cookie to a recorded session (docs/decisions/0012-session-check-in-the-cookie.md). Signing in
/// records a session and puts its secret in the cookie; every request's cookie is checked against the record before
/// Identity's security-stamp check, and a cookie whose session has ended is refused and removed, so the request is
/// anonymous from then on.
/// </summary>
public static class SessionCookie
{
    /// <summary>
    /// The pages where a person signs in afresh: a sign-in there always starts a new session. Anywhere else a
    /// sign-in re-issues the cookie of a session already open (after a password change, say) and keeps it.
    /// </summary>
    private static readonly string[] SignInPaths = ["/account/sign-in", "/account/two-factor", RecoveryCodePath, "/account/external-callback"];

    private const string RecoveryCodePath = "/account/recovery-code";

    public static IServiceCollection AddGoldenThreadSessions(this IServiceCollection services, SessionSettings settings)
    {
        services.AddSingleton(settings);
        services.AddScoped<SessionStore>();
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o =>
        {
            var signingIn = o.Events.OnSigningIn;
            var validate = o.Events.OnValidatePrincipal;
            o.Events.OnSigningIn = async context =>
            {
                await SigningInAsync(context);
                await signingIn(context);
            };
            o.Events.OnValidatePrincipal = async context =>
            {
                try
                {
                    if (await ValidateAsync(context))
                    {
                        await validate(context);
                    }
                }
                catch (Exception e) when (Web.DatabaseBusy.Is(e))
                {
                    // The request is answered 503 (UseGoldenThreadSessionChecks throws this again after authentication).
                    // The cookie's result is kept for the request, so the error page run again for it must not find the
                    // exception here a second time, which turned the 503 into a 500: it is shown to nobody in particular,
                    // without asking the busy database again. The cookie itself is kept.
                    context.RejectPrincipal();
                    context.HttpContext.Items[BusyKey] = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
                }
            };
        });
        return services;
    }

    /// <summary>
    /// After authentication: a session check that found the database busy fails the request there, as 503 (the exception
    /// handler's status for it), once; the error page run again for the request is not failed again.
    /// </summary>
    public static WebApplication UseGoldenThreadSessionChecks(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use((context, next) =>
        {
            if (context.Items.Remove(BusyKey, out var busy) && busy is System.Runtime.ExceptionServices.ExceptionDispatchInfo exception)
            {
                exception.Throw();
            }

            return next(context);
        });
        return app;
    }

    private static readonly object BusyKey = new();

    /// <summary>Whether the cookie's session is live; if not, the cookie is refused and removed.</summary>
    internal static async Task<bool> ValidateAsync(CookieValidatePrincipalContext context)
    {
        var http = context.HttpContext;

        // Static files are public: they need no query, and they do not count as using the session.
        if (http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is not null)
        {
            return true;
        }

        var store = http.RequestServices.GetRequiredService<SessionStore>();
        if (int.TryParse(context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var personId)
            && SessionStore.IdOf(context.Principal) is { } id
            && await store.CheckAsync(id, personId, http, http.RequestAborted))
        {
            return true;
        }

        context.RejectPrincipal();
        await http.SignOutAsync(context.Scheme.Name);
        return false;
    }

    /// <summary>Records a new session for a fresh sign-in, or keeps the open one when the cookie is only re-issued.</summary>
    internal static async Task SigningInAsync(CookieSigningInContext context)
    {
        var http = context.HttpContext;
        var identity = context.Principal?.Identities.FirstOrDefault();
        if (identity is null || !int.TryParse(identity.FindFirst(ClaimTypes.NameIdentifier)?.Value, out var personId))
        {
            return;
        }

        var store = http.RequestServices.GetRequiredService<SessionStore>();
        var current = http.User;
        var currentSecret = current.Identity?.IsAuthenticated == true ? current.FindFirstValue(SessionStore.SessionClaim) : null;
        var samePerson = current.FindFirstValue(ClaimTypes.NameIdentifier) == identity.FindFirst(ClaimTypes.NameIdentifier)!.Value;
        var fresh = SignInPaths.Any(p => http.Request.Path.Equals(p, StringComparison.OrdinalIgnoreCase));
        string secret;
        if (currentSecret is not null && samePerson && !fresh)
        {
            secret = currentSecret;
            if (identity.HasClaim(CurrentPerson.AuthenticationMethodClaim, CurrentPerson.MultiFactorMethod))
            {
                await store.RecordSecondFactorAsync(SessionStore.IdOf(currentSecret), http.RequestAborted);
            }
        }
        else
        {
            if (currentSecret is not null)
            {
                // This browser's cookie is about to be replaced: its old session cannot be used here again.
                var by = new AuditActor(null, "GoldenThread", http.Connection.RemoteIpAddress?.ToString());
                await store.EndAsync(SessionStore.IdOf(currentSecret), SessionEnd.Replaced, by, "The same browser signed in again.", http.RequestAborted);
            }

            secret = await store.StartAsync(personId, MethodOf(identity, http.Request.Path), http, http.RequestAborted);
        }

        foreach (var old in identity.FindAll(SessionStore.SessionClaim).ToList())
        {
            identity.RemoveClaim(old);
        }

        identity.AddClaim(new Claim(SessionStore.SessionClaim, secret));
    }

    private static SignInMethod MethodOf(ClaimsIdentity identity, PathString path)
    {
        if (path.Equals(RecoveryCodePath, StringComparison.OrdinalIgnoreCase))
        {
            return SignInMethod.RecoveryCode;
        }

        // Identity marks a second factor with amr=mfa, and a provider's sign-in with the provider's name.
        var secondFactor = identity.HasClaim(CurrentPerson.AuthenticationMethodClaim, CurrentPerson.MultiFactorMethod);
        var provider = identity.FindFirst(ClaimTypes.AuthenticationMethod) is not null;
        return (provider, secondFactor) switch
        {
            (true, true) => SignInMethod.SingleSignOnAndSecondFactor,
            (true, false) => SignInMethod.SingleSignOn,
            (false, true) => SignInMethod.PasswordAndAuthenticator,
            _ => SignInMethod.Password,
        };
    }
}
