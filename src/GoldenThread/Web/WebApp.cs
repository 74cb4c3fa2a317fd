using GoldenThread.Api;
using GoldenThread.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace GoldenThread.Web;

/// <summary>What the web site needs to start: where the data is, where to listen, and how it runs.</summary>
public sealed record WebAppOptions(Database Database, IReadOnlyList<string> Urls, string EnvironmentName = "Production", bool DemoMode = false);

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
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(options.Database);
        builder.Services.AddScoped(_ => options.Database.Open());
        builder.Services.AddRazorPages();
        builder.Services.AddHealthChecks().AddDbContextCheck<GoldenThreadDb>("database");
        builder.Services.AddGoldenThreadApi();
        configure?.Invoke(builder);

        var app = builder.Build();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
        }

        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.MapStaticAssets();
        app.MapRazorPages();
        app.MapGoldenThreadApi();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync });
        return app;
    }
}
