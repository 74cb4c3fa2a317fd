using System.Security.Claims;
using GoldenThread.Web;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace GoldenThread.Accounts;

/// <summary>
/// OpenID Connect sign-in (Microsoft Entra ID and the like), on when <c>GoldenThread:SingleSignOn:Authority</c>
/// is set, e.g. by the environment variables <c>GoldenThread__SingleSignOn__Authority</c>,
/// <c>__ClientId</c>, <c>__ClientSecret</c> and <c>__DisplayName</c>. The secret never goes in the repository.
/// </summary>
public sealed record SingleSignOnSettings(string Authority, string ClientId, string? ClientSecret, string DisplayName)
{
    public const string Section = "GoldenThread:SingleSignOn";
    public const string Scheme = "sso";

    /// <summary>Plain HTTP to the provider, for a provider on this machine in tests only.</summary>
    public bool AllowHttpMetadata { get; init; }

    public static SingleSignOnSettings? From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var authority = section["Authority"];
        if (string.IsNullOrWhiteSpace(authority))
        {
            return null;
        }

        var clientId = section["ClientId"];
        if (string.IsNullOrWhiteSpace(clientId))
        {
            throw new InvalidOperationException($"Single sign-on has an authority but no client: set {Section}:ClientId.");
        }

        return new SingleSignOnSettings(authority.Trim(), clientId.Trim(), section["ClientSecret"], section["DisplayName"] ?? "your organisation's account");
    }
}

/// <summary>Registers the OpenID Connect handler when single sign-on is configured.</summary>
public static class SingleSignOnSetup
{
    public static IServiceCollection AddGoldenThreadSingleSignOn(this IServiceCollection services, WebAppOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.SingleSignOn is not { } sso)
        {
            return services;
        }

        services.AddAuthentication().AddOpenIdConnect(SingleSignOnSettings.Scheme, sso.DisplayName, o =>
        {
            o.Authority = sso.Authority;
            o.ClientId = sso.ClientId;
            o.ClientSecret = sso.ClientSecret;
            o.ResponseType = "code";

            // The provider sends the code back in the address, not in a self-submitting form: no JavaScript needed.
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.UsePkce = true;
            o.RequireHttpsMetadata = !sso.AllowHttpMetadata;
            o.MapInboundClaims = false;
            o.SaveTokens = false;
            o.GetClaimsFromUserInfoEndpoint = false;
            o.Scope.Clear();
            o.Scope.Add("openid");
            o.Scope.Add("profile");
            o.Scope.Add("email");
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.CallbackPath = "/signin-oidc";
            o.TokenValidationParameters.NameClaimType = "name";

            // The provider redirects back with a GET, which carries Lax cookies; None would need HTTPS everywhere.
            var secure = options.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = secure;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SecurePolicy = secure;

            // Identity finds the external login by the name identifier; the provider's own word for it is "sub".
            o.Events.OnTokenValidated = context =>
            {
                if (context.Principal?.Identity is ClaimsIdentity identity
                    && !identity.HasClaim(c => c.Type == ClaimTypes.NameIdentifier)
                    && identity.FindFirst("sub") is { } subject)
                {
                    identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, subject.Value, subject.ValueType, subject.Issuer));
                }

                return Task.CompletedTask;
            };

            // A refusal or error at the provider comes back as a page that says so, not as a server error.
            o.Events.OnRemoteFailure = context =>
            {
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SingleSignOnSetup))
                    .LogWarning(context.Failure, "Single sign-on did not complete.");
                context.Response.Redirect("/account/external-callback?failed=true");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
        return services;
    }
}
