using GoldenThread.Storage;
using GoldenThread.Timetable;
using GoldenThread.Tokens;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GoldenThread.Worker;

/// <summary>The worker's services: the queue, the runner, the job handlers and the recurring jobs; and the hosted loop for <c>serve</c>.</summary>
public static class WorkerSetup
{
    /// <summary>The setting that runs the worker inside <c>serve</c> (also <c>serve --worker</c>).</summary>
    public const string EnabledSetting = "GoldenThread:Worker:Enabled";

    /// <summary>
    /// Adds the worker's services, with its settings from <paramref name="configuration"/> (the defaults without);
    /// with <paramref name="hosted"/>, the worker also runs in the background of the host.
    /// </summary>
    public static IServiceCollection AddGoldenThreadWorker(this IServiceCollection services, bool hosted = false, IConfiguration? configuration = null)
    {
        services.TryAddSingleton(configuration is null ? new WorkerSettings() : WorkerSettings.From(configuration));
        services.AddSingleton<JobRunner>();
        services.AddScoped<JobQueue>();
        services.AddScoped<JobQueries>();
        services.AddScoped<RetryJob>();
        services.AddScoped<DiscardJob>();

        services.AddJobHandler<TokenCleanup>(TokenCleanup.Kind);
        services.AddSingleton(TokenCleanup.Daily);
        services.AddJobHandler<JobCleanup>(JobCleanup.Kind);
        services.AddSingleton(JobCleanup.Daily);
        services.AddGoldenThreadTimetable();

        if (hosted)
        {
            services.AddHostedService<WorkerService>();
        }

        return services;
    }

    /// <summary>Registers the handler that runs jobs of <paramref name="kind"/>.</summary>
    public static IServiceCollection AddJobHandler<THandler>(this IServiceCollection services, string kind)
        where THandler : class, IJobHandler =>
        services.AddKeyedScoped<IJobHandler, THandler>(kind);

    /// <summary>The worker's services outside the web site (the <c>worker</c> command, and tests with their own clock).</summary>
    public static ServiceProvider CreateServices(Database database, TimeProvider clock, Action<IServiceCollection>? configure = null, WorkerSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        var services = new ServiceCollection();
        if (settings is not null)
        {
            services.AddSingleton(settings);
        }

        services.AddLogging();
        services.AddSingleton(database);
        services.AddSingleton(clock);
        services.AddScoped(_ => database.Open(tracking: true));
        services.AddScoped<Audit.AuditLog>();
        services.AddScoped<History.FigureLedger>();
        services.TryAddSingleton(new Timetable.ReportingClock(clock));
        services.TryAddSingleton(Domain.Indicators.FigureLimits.Default);
        services.AddGoldenThreadWorker();
        Returns.ReturnsSetup.AddGoldenThreadReturns(services);
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}

/// <summary>The worker inside the web site's host: runs until the site stops.</summary>
public sealed class WorkerService(JobRunner runner) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => runner.RunUntilStoppedAsync(stoppingToken);
}
