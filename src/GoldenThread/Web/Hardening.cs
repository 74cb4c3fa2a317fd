using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using GoldenThread.Api;
using GoldenThread.Tokens;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.RateLimiting;

namespace GoldenThread.Web;

/// <summary>How many requests one client may make; see <see cref="Hardening"/>.</summary>
/// <param name="SignInPerMinute">Sign-in and two-factor attempts (posts) per client address per minute.</param>
/// <param name="PasswordResetPerHour">Password reset requests per client address per hour.</param>
/// <param name="ApiPerMinute">API requests per token (once it is checked), or per client address without one, per minute.</param>
/// <param name="RefusedTokensPerMinute">API requests whose token is refused (unknown, expired, revoked or malformed), per client address per minute.</param>
/// <param name="ConcurrentRequests">Requests the site works on at once; the rest wait their turn in memory, first come first served.</param>
/// <param name="QueuedRequests">Requests that may wait for a turn; beyond them the site answers 503 with <c>Retry-After</c>.</param>
public sealed record RateLimits(int SignInPerMinute = 20, int PasswordResetPerHour = 10, int ApiPerMinute = 600, int RefusedTokensPerMinute = 20, int ConcurrentRequests = 32, int QueuedRequests = 4000)
{
    public const string Section = "GoldenThread:RateLimits";

    /// <summary>The limits from configuration (<c>GoldenThread__RateLimits__ApiPerMinute</c> and so on), the defaults where unset.</summary>
    public static RateLimits From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var defaults = new RateLimits();
        return new RateLimits(
            Web.Settings.PositiveWholeNumber(section, nameof(SignInPerMinute), defaults.SignInPerMinute),
            Web.Settings.PositiveWholeNumber(section, nameof(PasswordResetPerHour), defaults.PasswordResetPerHour),
            Web.Settings.PositiveWholeNumber(section, nameof(ApiPerMinute), defaults.ApiPerMinute),
            Web.Settings.PositiveWholeNumber(section, nameof(RefusedTokensPerMinute), defaults.RefusedTokensPerMinute),
            Web.Settings.PositiveWholeNumber(section, nameof(ConcurrentRequests), defaults.ConcurrentRequests),
            Web.Settings.PositiveWholeNumber(section, nameof(QueuedRequests), defaults.QueuedRequests));
    }
}

/// <summary>
/// What protects the site on the open internet: HTTPS with HSTS (outside development and the demonstration),
/// a content security policy that allows no inline script or style and no other origin, the other security
/// headers, no caching of private answers, small request bodies, rate limits on sign-in, password reset and the
/// API, forwarded headers believed only from the proxies the operator names, and the host names the site answers to.
/// </summary>
public static class Hardening
{
    public const string SignInLimit = "sign-in";
    public const string PasswordResetLimit = "password-reset";
    public const string ApiLimit = "api";

    /// <summary>The largest request body the site reads: pages post small forms and the API one figure; imports run at the command line.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>The largest single form value (a note has at most 4000 characters).</summary>
    public const int MaxFormValueBytes = 64 * 1024;

    public static IServiceCollection AddGoldenThreadHardening(this IServiceCollection services, WebAppOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Limits ?? new RateLimits();
        var proxies = options.TrustedProxies ?? [];
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // Only the proxies the operator names are believed (GoldenThread:Proxies:Trusted); none by default, not even
            // loopback, so no other process or client can choose the address that the audit records and the limits count.
            // With both lists empty the middleware would believe everyone, so without a named proxy it reads nothing.
            o.ForwardedHeaders = proxies.Count == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                o.KnownIPNetworks.Add(TrustedProxies.ParseNetwork(proxy));
            }
        });
        services.Configure<Microsoft.AspNetCore.HostFiltering.HostFilteringOptions>(o =>
        {
            o.AllowedHosts = [.. options.AllowedHosts ?? ["*"]];
            o.AllowEmptyHosts = false;
        });
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        services.Configure<FormOptions>(o =>
        {
            o.MultipartBodyLengthLimit = MaxRequestBodyBytes;
            o.ValueLengthLimit = MaxFormValueBytes;
            o.KeyLengthLimit = 1024;
        });
        services.Configure<MvcOptions>(o => o.Filters.Add(new PageMethodFilter()));

        // Refused tokens and access denials go into the audit trail, at most once a minute per address and reason.
        services.AddSingleton<Audit.AuditThrottle>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, Audit.AuditingAuthorizationResultHandler>();
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
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? (int)Math.Ceiling(retry.TotalSeconds) : 60;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                if (IsApi(context.HttpContext.Request.Path))
                {
                    // The API's errors are all problem details, this one too.
                    return new ValueTask(ApiProblems.TooManyRequests(seconds).ExecuteAsync(context.HttpContext));
                }

                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                return new ValueTask(context.HttpContext.Response.WriteAsync("Too many requests. Please wait a moment and try again.", context.HttpContext.RequestAborted));
            };
            o.AddPolicy(SignInLimit, context => PostsPerClient(context, limits.SignInPerMinute, TimeSpan.FromMinutes(1)));
            o.AddPolicy(PasswordResetLimit, context => PostsPerClient(context, limits.PasswordResetPerHour, TimeSpan.FromHours(1)));
            o.AddPolicy(ApiLimit, context =>
            {
                var (partition, limit) = ApiPartition(context, limits);
                return RateLimitPartition.GetFixedWindowLimiter(
                    partition,
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
        });
        return services;
    }

    /// <summary>The first middleware: addresses and scheme from a trusted proxy, then HTTPS, then the headers on every response.</summary>
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
        app.Use(NoStoreForPrivateAnswers);
        app.Use(RefuseLargeBodies);
        return app;
    }

    /// <summary>
    /// The rate limits, after authentication: the API's allowance is per checked token (its id), so a made-up token is
    /// never a fresh allowance; refused tokens count against their address.
    /// </summary>
    public static WebApplication UseGoldenThreadRateLimits(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRateLimiter();
        return app;
    }

    /// <summary>
    /// At most <see cref="RateLimits.ConcurrentRequests"/> requests are worked on at once; the others wait in memory, oldest
    /// first, rather than all competing for the processors and the database's connections and locks (a quarter-end rush:
    /// hundreds of partners at the same moment would otherwise empty PostgreSQL's connection pool and keep SQLite's
    /// writers waiting past their timeout). Beyond <see cref="RateLimits.QueuedRequests"/> waiting, 503 with
    /// <c>Retry-After</c>. Static files are not counted. Placed before authentication, whose session check reads the
    /// database; a request run again for the error page keeps its turn rather than queueing behind itself.
    /// </summary>
    public static WebApplication UseGoldenThreadConcurrencyLimit(this WebApplication app, WebAppOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Limits ?? new RateLimits();
        var limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = limits.ConcurrentRequests,
            QueueLimit = limits.QueuedRequests,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        app.Lifetime.ApplicationStopped.Register(limiter.Dispose);
        var turn = new object();
        app.Use(async (context, next) =>
        {
            if (context.Items.ContainsKey(turn)
                || context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is not null)
            {
                await next(context);
                return;
            }

            using var lease = await limiter.AcquireAsync(1, context.RequestAborted);
            if (!lease.IsAcquired)
            {
                context.Response.Headers.RetryAfter = QueueFullRetrySeconds.ToString(CultureInfo.InvariantCulture);
                if (IsApi(context.Request.Path))
                {
                    await TypedResults.Problem(
                        detail: $"The service has more requests waiting than it queues. Nothing was changed; try again in {QueueFullRetrySeconds} seconds (the Retry-After header).",
                        statusCode: StatusCodes.Status503ServiceUnavailable,
                        title: "The service is busy").ExecuteAsync(context);
                }
                else
                {
                    // The status code pages show the friendly "busy" page (Pages/Error.cshtml).
                    context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                }

                return;
            }

            context.Items[turn] = true;
            await next(context);
        });
        return app;
    }

    /// <summary>The <c>Retry-After</c> when even the queue of waiting requests is full.</summary>
    public const int QueueFullRetrySeconds = 5;

    /// <summary>
    /// The answer for an exception no handler caught: a request body over the limit is 413 (and any other bad request its
    /// own status), a database busy with another writer is 503 with <c>Retry-After</c>, anything else 500.
    /// </summary>
    public static int StatusFor(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        _ when DatabaseBusy.Is(exception) => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>The exception handler's options: the friendly error page, with the status <see cref="StatusFor"/> gives.</summary>
    public static ExceptionHandlerOptions ErrorPage() => new()
    {
        ExceptionHandlingPath = "/error",
        StatusCodeSelector = StatusFor,
    };

    internal static bool IsApi(PathString path) =>
        path.StartsWithSegments(GoldenThreadApi.BasePath, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Private answers are never kept by a browser or proxy: the API's, the downloads' and every page for a signed-in
    /// person, unless the page said otherwise (the static files say how long they may be kept).
    /// </summary>
    private static Task NoStoreForPrivateAnswers(HttpContext context, RequestDelegate next)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            var isPrivate = IsApi(context.Request.Path) || context.User.Identity?.IsAuthenticated == true;
            if (isPrivate && !headers.CacheControl.ToString().Contains("no-store", StringComparison.OrdinalIgnoreCase))
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }

            if (context.Response.StatusCode == StatusCodes.Status503ServiceUnavailable && !headers.ContainsKey("Retry-After"))
            {
                headers.RetryAfter = DatabaseBusy.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            }

            return Task.CompletedTask;
        });
        return next(context);
    }

    /// <summary>
    /// A body that says it is over the limit is refused with 413 before anything reads it (reading it would fail inside the
    /// anti-forgery check, which would call it a bad token). Kestrel's own limit stops a body that does not say its length.
    /// </summary>
    private static Task RefuseLargeBodies(HttpContext context, RequestDelegate next)
    {
        if (context.Request.ContentLength is not > MaxRequestBodyBytes)
        {
            return next(context);
        }

        return IsApi(context.Request.Path)
            ? ApiProblems.BadRequest(new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge)).ExecuteAsync(context)
            : WriteStatusAsync(context, StatusCodes.Status413PayloadTooLarge);

        static Task WriteStatusAsync(HttpContext context, int status)
        {
            // The status code pages show the friendly page for it (Pages/Error.cshtml).
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
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

    /// <summary>
    /// One allowance per checked token (by its id); requests whose token was refused share a smaller allowance per client
    /// address; requests without a token (a signed-in browser reading) one per address.
    /// </summary>
    private static (string Partition, int Limit) ApiPartition(HttpContext context, RateLimits limits)
    {
        if (context.User.FindFirst(TokenAuthenticationHandler.TokenIdClaim)?.Value is { } tokenId)
        {
            return ("token:" + tokenId, limits.ApiPerMinute);
        }

        return TokenAuthenticationHandler.HasBearer(context.Request)
            ? ("refused:" + ClientAddress(context), limits.RefusedTokensPerMinute)
            : ("address:" + ClientAddress(context), limits.ApiPerMinute);
    }

    private static string ClientAddress(HttpContext context) =>
        (context.Connection.RemoteIpAddress ?? IPAddress.None).ToString();
}

/// <summary>
/// A page asked with a method it has no handler for (a POST to a page that only shows) answers 405 with <c>Allow</c>,
/// rather than rendering the page without having run its handler.
/// </summary>
internal sealed class PageMethodFilter : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var method = context.HttpContext.Request.Method;
        if (context.HandlerMethod is not null || HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || IsErrorPage(context.HttpContext))
        {
            return;
        }

        var allowed = context.ActionDescriptor.HandlerMethods.Select(h => h.HttpMethod.ToUpperInvariant())
            .Append("GET").Append("HEAD").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        context.HttpContext.Response.Headers.Allow = string.Join(", ", allowed);
        context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }

    /// <summary>
    /// The error page run again for a failed request (an exception, or a status without a body): it answers whatever the
    /// request's method was (a PUT that failed included), with the failure's status, never 405.
    /// </summary>
    private static bool IsErrorPage(HttpContext http) =>
        http.Features.Get<IExceptionHandlerFeature>() is not null || http.Features.Get<IStatusCodeReExecuteFeature>() is not null;
}

/// <summary>The reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed.</summary>
public static class TrustedProxies
{
    public const string Section = "GoldenThread:Proxies:Trusted";

    /// <summary>
    /// Addresses or networks from configuration: <c>GoldenThread__Proxies__Trusted=10.0.0.5,10.1.0.0/16</c>, or a list
    /// (<c>GoldenThread__Proxies__Trusted__0</c>, ...). None when unset.
    /// </summary>
    public static IReadOnlyList<string> From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var texts = section.GetChildren().Select(c => c.Value).Append(section.Value)
            .Where(v => !string.IsNullOrWhiteSpace(v))
            .SelectMany(v => v!.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
        foreach (var text in texts)
        {
            _ = ParseNetwork(text);
        }

        return texts;
    }

    /// <summary>An address (one host) or a network in CIDR form; a clear error naming the setting otherwise.</summary>
    public static System.Net.IPNetwork ParseNetwork(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (System.Net.IPNetwork.TryParse(text, out var network))
        {
            return network;
        }

        if (IPAddress.TryParse(text, out var address))
        {
            return new System.Net.IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32);
        }

        throw new UserFacingException($"{Section}: '{text}' is not an address (such as 10.0.0.5) or a network (such as 10.0.0.0/24).");
    }
}

/// <summary>The host names the site answers to (the <c>Host</c> header), from <c>AllowedHosts</c>.</summary>
public static class AllowedHosts
{
    public const string Setting = "AllowedHosts";

    /// <summary>
    /// From configuration (<c>AllowedHosts=performance.council.gov.uk;*.council.gov.uk</c>). Unset: in development and the
    /// demonstration any host; otherwise this machine's own names (localhost and the loopback addresses), the hosts of the
    /// addresses the site listens on and the host of the mail's site address, so that a forged Host header is refused
    /// rather than copied into a redirect.
    /// </summary>
    public static IReadOnlyList<string> From(IConfiguration configuration, WebAppOptions options, Uri? siteAddress)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        var configured = (configuration[Setting] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (configured.Length > 0)
        {
            return configured;
        }

        if (options.DemoMode || options.EnvironmentName == Environments.Development)
        {
            return ["*"];
        }

        var hosts = new List<string> { "localhost", "127.0.0.1", "[::1]" };
        foreach (var url in options.Urls)
        {
            var host = url.Split("://", 2) is [_, var rest] ? rest.Split('/')[0] : url;
            host = host.StartsWith('[') ? host[..(host.IndexOf(']', StringComparison.Ordinal) + 1)] : host.Split(':')[0];
            if (host is not ("" or "*" or "+" or "0.0.0.0" or "[::]"))
            {
                hosts.Add(host);
            }
        }

        if (siteAddress is not null)
        {
            hosts.Add(siteAddress.Host);
        }
        else if (Uri.TryCreate(configuration["GoldenThread:Mail:SiteAddress"], UriKind.Absolute, out var configuredSite))
        {
            hosts.Add(configuredSite.Host);
        }

        return [.. hosts.Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}
