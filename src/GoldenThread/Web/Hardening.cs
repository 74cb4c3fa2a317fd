using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using GoldenThread.Tokens;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;

namespace GoldenThread.Web;

/// <summary>How many requests one client may make; see <see cref="Hardening"/>.</summary>
/// <param name="SignInPerMinute">Sign-in and two-factor attempts (posts) per client address per minute.</param>
/// <param name="PasswordResetPerHour">Password reset requests per client address per hour.</param>
/// <param name="ApiPerMinute">API requests per token (or per client address without one) per minute.</param>
public sealed record RateLimits(int SignInPerMinute = 20, int PasswordResetPerHour = 10, int ApiPerMinute = 600)
{
    public const string Section = "GoldenThread:RateLimits";

    /// <summary>The limits from configuration (<c>GoldenThread__RateLimits__ApiPerMinute</c> and so on), the defaults where unset.</summary>
    public static RateLimits From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var defaults = new RateLimits();
        return new RateLimits(
            Positive(section, nameof(SignInPerMinute), defaults.SignInPerMinute),
            Positive(section, nameof(PasswordResetPerHour), defaults.PasswordResetPerHour),
            Positive(section, nameof(ApiPerMinute), defaults.ApiPerMinute));
    }

    private static int Positive(IConfigurationSection section, string key, int fallback)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new InvalidOperationException($"{Section}:{key} must be a whole number above zero, not '{text}'.");
    }
}

/// <summary>
/// What protects the site on the open internet: HTTPS with HSTS (outside development and the demonstration),
/// a content security policy that allows no inline script or style and no other origin, the other security
/// headers, rate limits on sign-in, password reset and the API, and forwarded headers from a reverse proxy on
/// the same machine.
/// </summary>
public static class Hardening
{
    public const string SignInLimit = "sign-in";
    public const string PasswordResetLimit = "password-reset";
    public const string ApiLimit = "api";

    public static IServiceCollection AddGoldenThreadHardening(this IServiceCollection services, WebAppOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Limits ?? new RateLimits();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // Only a proxy on this machine is believed; KnownProxies defaults to the loopback addresses.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        });
        if (options.RequireHttps && !options.Urls.Any(u => u.StartsWith("https:", StringComparison.OrdinalIgnoreCase)))
        {
            // Behind a reverse proxy that ends TLS: plain requests are sent to the standard HTTPS port.
            services.AddHttpsRedirection(o => o.HttpsPort = 443);
        }

        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                return new ValueTask(context.HttpContext.Response.WriteAsync("Too many requests. Please wait a moment and try again.", context.HttpContext.RequestAborted));
            };
            o.AddPolicy(SignInLimit, context => PostsPerClient(context, limits.SignInPerMinute, TimeSpan.FromMinutes(1)));
            o.AddPolicy(PasswordResetLimit, context => PostsPerClient(context, limits.PasswordResetPerHour, TimeSpan.FromHours(1)));
            o.AddPolicy(ApiLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                ApiPartition(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.ApiPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return services;
    }

    /// <summary>The first middleware: addresses and scheme from the proxy, then HTTPS, then the headers on every response.</summary>
    public static WebApplication UseGoldenThreadHardening(this WebApplication app, WebAppOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        app.UseForwardedHeaders();
        if (options.RequireHttps)
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseSecurityHeaders(policies => policies
            .AddFrameOptionsDeny()
            .AddContentTypeOptionsNoSniff()
            .AddReferrerPolicyStrictOriginWhenCrossOrigin()
            .AddCrossOriginOpenerPolicy(b => b.SameOrigin())
            .AddCrossOriginResourcePolicy(b => b.SameOrigin())
            .RemoveServerHeader()
            .AddPermissionsPolicy(b =>
            {
                b.AddCamera().None();
                b.AddMicrophone().None();
                b.AddGeolocation().None();
                b.AddPayment().None();
            })
            .AddContentSecurityPolicy(b =>
            {
                b.AddDefaultSrc().Self();
                b.AddScriptSrc().Self();
                b.AddStyleSrc().Self();
                b.AddImgSrc().Self();
                b.AddFontSrc().Self();
                b.AddConnectSrc().Self();
                b.AddObjectSrc().None();
                b.AddBaseUri().Self();
                b.AddFrameAncestors().None();
                var forms = b.AddFormAction().Self();
                if (options.SingleSignOnOrigin is { } origin)
                {
                    // Signing in elsewhere posts, then redirects, to the identity provider.
                    forms.From(origin);
                }
            }));
        app.UseRateLimiter();
        return app;
    }

    private static RateLimitPartition<string> PostsPerClient(HttpContext context, int limit, TimeSpan window)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("read");
        }

        return RateLimitPartition.GetFixedWindowLimiter(
            ClientAddress(context),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = window, QueueLimit = 0 });
    }

    /// <summary>One allowance per token (by its hash), else per client address.</summary>
    private static string ApiPartition(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return TokenAuthenticationHandler.HasBearer(context.Request) && header.Length > "Bearer ".Length
            ? "token:" + TokenSecrets.Hash(header["Bearer ".Length..].Trim())
            : "address:" + ClientAddress(context);
    }

    private static string ClientAddress(HttpContext context) =>
        (context.Connection.RemoteIpAddress ?? IPAddress.None).ToString();
}
