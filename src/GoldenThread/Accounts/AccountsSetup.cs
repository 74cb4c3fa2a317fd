using GoldenThread.Access;
using GoldenThread.People;
using GoldenThread.Storage;
using GoldenThread.Tokens;
using GoldenThread.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace GoldenThread.Accounts;

/// <summary>
/// People's accounts: ASP.NET Core Identity over the project's own database, the browser's cookie, API
/// tokens, and the rules for passwords and lockout.
/// </summary>
public static class AccountsSetup
{
    /// <summary>Chooses the token handler for requests that carry a bearer token, the cookie for the rest.</summary>
    public const string SmartScheme = "GoldenThread";

    public const string SignInPath = "/account/sign-in";
    public const string SignOutPath = "/account/sign-out";
    public const string AccessDeniedPath = "/account/access-denied";

    /// <summary>The rules every account follows, also used by the command line's <c>users</c> commands.</summary>
    public static IdentityBuilder AddGoldenThreadIdentity(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        return services.AddIdentityCore<Person>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;

                // NCSC: length and a check against guessable passwords; no composition rules, no expiry.
                o.Password.RequiredLength = PasswordRules.MinimumLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;

                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = PasswordRules.AttemptsBeforeLockout;
                o.Lockout.DefaultLockoutTimeSpan = PasswordRules.LockoutDuration;
            })
            .AddPasswordValidator<GuessablePasswordValidator>()
            .AddPasswordValidator<LongestPasswordValidator>()
            .AddEntityFrameworkStores<GoldenThreadDb>()
            .AddDefaultTokenProviders()
            .AddSecondFactorProtection();
    }

    /// <summary>Accounts for the web site: Identity with sign-in, the cookies, the API's tokens, and the keys that protect them.</summary>
    public static IServiceCollection AddGoldenThreadAccounts(this IServiceCollection services, WebAppOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddHttpContextAccessor();
        services.AddGoldenThreadIdentity().AddSignInManager();
        if (options.EphemeralKeys)
        {
            services.AddDataProtection().SetApplicationName(KeyRing.ApplicationName).UseEphemeralDataProtectionProvider();
        }
        else
        {
            services.AddGoldenThreadKeyRing(options.KeyCertificate ?? throw new InvalidOperationException("The site's keys need a certificate (WebAppOptions.KeyCertificate)."));
            services.AddHostedService<StoredSecretsUpgrade>();
        }

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddPolicyScheme(SmartScheme, "Cookie or API token", o =>
                // Tokens are for the API only: a page asked for with a bearer token is treated as not signed in.
                o.ForwardDefaultSelector = context =>
                    TokenAuthenticationHandler.HasBearer(context.Request) && IsApi(context.Request.Path)
                        ? TokenAuthenticationHandler.SchemeName
                        : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();

        var secure = options.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "goldenthread";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = secure;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.LoginPath = SignInPath;
            o.LogoutPath = SignOutPath;
            o.AccessDeniedPath = AccessDeniedPath;
            o.ReturnUrlParameter = "returnUrl";
            o.Events.OnRedirectToLogin = context => ApiAnswersWithStatus(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => ApiAnswersWithStatus(context, StatusCodes.Status403Forbidden);
        });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.ExternalScheme, o => o.Cookie.SecurePolicy = secure);
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o => o.Cookie.SecurePolicy = secure);
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, o => o.Cookie.SecurePolicy = secure);

        // A person whose roles change, or who is deactivated, is re-checked within a minute in every open session.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            o.OnRefreshingPrincipal = KeepHowThePersonSignedIn;
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "goldenthread.antiforgery";
            o.Cookie.SecurePolicy = secure;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });

        // A password reset link works for a short while, and only once (a new password changes the security stamp).
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = PasswordRules.ResetLinkLifetime);
        services.AddGoldenThreadMail(options);

        services.AddGoldenThreadPolicies();
        services.AddScoped<Audit.AuditLog>();
        services.AddScoped<History.FigureLedger>();
        services.AddScoped<TokenIssuer>();
        return services;
    }

    /// <summary>
    /// Identity rebuilds the session's principal from the database when it re-checks the security stamp, which
    /// would drop the record of a second factor (<c>amr</c>) and turn an administrator away a minute after
    /// signing in. The way the person signed in is carried over to the new principal, and so is the session it
    /// belongs to (Sessions/SessionCookie.cs).
    /// </summary>
    internal static Task KeepHowThePersonSignedIn(SecurityStampRefreshingPrincipalContext context)
    {
        var identity = context.NewPrincipal?.Identities.FirstOrDefault();
        if (identity is null || context.CurrentPrincipal is null)
        {
            return Task.CompletedTask;
        }

        foreach (var method in context.CurrentPrincipal.FindAll(c => c.Type is CurrentPerson.AuthenticationMethodClaim or Sessions.SessionStore.SessionClaim))
        {
            if (!identity.HasClaim(method.Type, method.Value))
            {
                identity.AddClaim(new System.Security.Claims.Claim(method.Type, method.Value));
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The API's operations and its OpenAPI document; not the reference page at <c>/api</c>.</summary>
    private static bool IsApi(PathString path) =>
        path.StartsWithSegments(Api.GoldenThreadApi.BasePath, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/api/openapi", StringComparison.OrdinalIgnoreCase);

    /// <summary>The API answers 401 or 403; the site's pages redirect to sign in or to the access-denied page.</summary>
    private static Task ApiAnswersWithStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments(Api.GoldenThreadApi.BasePath, StringComparison.OrdinalIgnoreCase))
        {
            if (status == StatusCodes.Status401Unauthorized)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer realm=\"GoldenThread\"";
                return Api.ApiProblems.Unauthorized(null).ExecuteAsync(context.HttpContext);
            }

            return Api.ApiProblems.Forbidden("Your roles do not allow this.").ExecuteAsync(context.HttpContext);
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
