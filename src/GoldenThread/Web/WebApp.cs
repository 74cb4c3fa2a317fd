using GoldenThread.Accounts;
using GoldenThread.Administration;
using GoldenThread.Api;
using GoldenThread.Intervention;
using GoldenThread.Reminders;
using GoldenThread.Returns;
using GoldenThread.Sessions;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using GoldenThread.Worker;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace GoldenThread.Web;

/// <summary>What the web site needs to start: where the data is, where to listen, and how it runs.</summary>
/// <remarks>
/// <see cref="RequireHttps"/> is on except in development and the demonstration, which run on plain HTTP on
/// this machine. <see cref="DemoAccounts"/> are the demonstration people whose passwords the sign-in page shows.
/// </remarks>
public sealed record WebAppOptions(Database Database, IReadOnlyList<string> Urls, string EnvironmentName = "Production", bool DemoMode = false)
{
    public bool RequireHttps { get; init; } = !(DemoMode || EnvironmentName == Environments.Development);

    public RateLimits? Limits { get; init; }

    /// <summary>The reverse proxies whose forwarded headers are believed: from <c>GoldenThread:Proxies:Trusted</c> unless given; none by default.</summary>
    public IReadOnlyList<string>? TrustedProxies { get; init; }

    /// <summary>The host names the site answers to: from <c>AllowedHosts</c> unless given (see <see cref="Web.AllowedHosts"/>).</summary>
    public IReadOnlyList<string>? AllowedHosts { get; init; }

    /// <summary>Keys for cookies held in memory only, for a site that serves no one (the build's OpenAPI generator).</summary>
    public bool EphemeralKeys { get; init; }

    public IReadOnlyList<Demo.DemoAccount> DemoAccounts { get; init; } = [];

    /// <summary>Runs the background worker inside the site (<c>serve --worker</c>); also on when <c>GoldenThread:Worker:Enabled</c> is true.</summary>
    public bool RunWorker { get; init; }

    /// <summary>
    /// The reporting calendar's fixed "today", for a site that runs on a clock of its own; the demonstration's
    /// own date unless given. Null on a real site, which follows <see cref="TimeProvider"/>.
    /// </summary>
    public DateOnly? ReportingToday { get; init; } = DemoMode ? Demo.DemoBundle.Today : null;

    /// <summary>Single sign-on, when configured: from <c>GoldenThread:SingleSignOn</c> settings unless given here.</summary>
    public Accounts.SingleSignOnSettings? SingleSignOn { get; init; }

    /// <summary>The mail server for password reset links: from <c>GoldenThread:Mail</c> settings unless given here.</summary>
    public Accounts.MailSettings? Mail { get; init; }

    /// <summary>
    /// The certificate that encrypts the key ring in the database: from <c>GoldenThread:Keys:Certificate</c> unless
    /// given here; the demonstration always makes its own for the run. Not needed with <see cref="EphemeralKeys"/>.
    /// </summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? KeyCertificate { get; init; }

    /// <summary>The identity provider's origin, which the content security policy lets forms go to.</summary>
    public string? SingleSignOnOrigin => SingleSignOn?.Authority is { } authority ? new Uri(authority).GetLeftPart(UriPartial.Authority) : null;
}

/// <summary>
/// Builds the web site: server-rendered Razor Pages with the GOV.UK Design System, the versioned API and
/// the health check, over the same storage and assessment engine as the command line.
/// </summary>
public static class WebApp
{
    public static WebApplication Build(WebAppOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(WebApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = options.EnvironmentName,
        });
        builder.WebHost.UseStaticWebAssets();
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        options = options with
        {
            SingleSignOn = options.SingleSignOn ?? SingleSignOnSettings.From(builder.Configuration),
            Limits = options.Limits ?? RateLimits.From(builder.Configuration),
            TrustedProxies = options.TrustedProxies ?? TrustedProxies.From(builder.Configuration),
            KeyCertificate = options.EphemeralKeys ? null
                : options.KeyCertificate ?? (options.DemoMode ? KeyCertificates.ForThisRun : KeyCertificates.FromConfiguration(builder.Configuration)),
        };
        options = options with
        {
            AllowedHosts = options.AllowedHosts ?? Web.AllowedHosts.From(builder.Configuration, options, options.Mail?.SiteAddress),
        };
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(options.Database);
        builder.Services.AddSingleton(sp => new ReportingClock(sp.GetRequiredService<TimeProvider>(), options.ReportingToday));
        builder.Services.AddSingleton(Returns.FigureSettings.From(builder.Configuration));

        // Tracked: Identity's stores change the entities they read. Read-only pages use plain SQL or AsNoTracking.
        // Web requests wait seconds, not SQLite's 30, for another writer (a long import); then they answer 503 (DatabaseBusy).
        var webDatabase = DatabaseBusy.ForWeb(options.Database);
        builder.Services.AddScoped(_ => webDatabase.Open(tracking: true));
        builder.Services.AddGoldenThreadAccounts(options);
        builder.Services.AddGoldenThreadSessions(Sessions.SessionSettings.From(builder.Configuration));
        builder.Services.AddGoldenThreadSingleSignOn(options);
        builder.Services.AddGoldenThreadHardening(options);
        builder.Services.AddRazorPages();
        builder.Services.AddHealthChecks().AddDbContextCheck<GoldenThreadDb>("database");
        builder.Services.AddGoldenThreadApi();
        builder.Services.AddGoldenThreadReturns();
        builder.Services.AddScoped<Returns.Workbook.WorkbookUpload>();
        builder.Services.AddGoldenThreadAdministration();
        Returns.Review.ReviewSetup.AddGoldenThreadReview(builder.Services);
        builder.Services.AddGoldenThreadWorker(hosted: options.RunWorker || builder.Configuration.GetValue<bool>(WorkerSetup.EnabledSetting), builder.Configuration);
        builder.Services.AddGoldenThreadReminders(builder.Configuration, options.Mail);
        builder.Services.AddGoldenThreadIntervention(builder.Configuration, options.Mail);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseGoldenThreadHardening(options);
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler(Hardening.ErrorPage());
        }

        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseGoldenThreadApiProblems();
        app.UseGoldenThreadConcurrencyLimit(options);
        app.UseAuthentication();
        app.UseGoldenThreadSessionChecks();
        app.UseGoldenThreadRateLimits();
        app.UseAuthorization();

        // Every endpoint needs a signed-in person unless it says otherwise (Access/Policies.cs): these say so.
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorPages();
        app.MapGoldenThreadApi();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync }).AllowAnonymous();
        return app;
    }
}
