using GoldenThread.Web;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;

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
        });
        return services;
    }
}
