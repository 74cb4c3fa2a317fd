using GoldenThread.Accounts;
using GoldenThread.Actions;
using GoldenThread.Notices;
using GoldenThread.Worker;

namespace GoldenThread.Intervention;

/// <summary>
/// The exceptions and ladder workflow's services (issue 11), for the web's container and the worker's: the notice board,
/// the use cases, the jobs. Each part adds its own lines here.
/// </summary>
public static class InterventionSetup
{
    /// <summary>Adds the workflow's services. Needs the worker's (<c>AddGoldenThreadWorker</c>) and the reminders' (mail) services.</summary>
    public static IServiceCollection AddGoldenThreadIntervention(this IServiceCollection services, IConfiguration configuration, MailSettings? mail = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _ = mail;
        services.AddScoped<NoticeBoard>();
        services.AddJobHandler<NoticeSend>(NoticeSend.Kind);
        services.AddJobHandler<NoticeSweep>(NoticeSweep.Kind);
        services.AddSingleton(NoticeSweep.Daily);
        services.AddScoped<Bodies.NameBodyOfficers>();
        services.AddGoldenThreadActions();
        Exceptions.ExceptionsSetup.AddGoldenThreadExceptions(services);
        services.AddScoped<LadderRecorder>();
        services.AddScoped<RaiseLadderTrigger>();
        services.AddScoped<ClearLadderTrigger>();
        services.AddScoped<RaiseEscalation>();
        services.AddScoped<DecideEscalation>();
        services.AddExecutiveBoardPolicy();
        services.AddJobHandler<LadderRecordJob>(LadderRecordJob.Kind);
        services.AddSingleton(LadderRecordJob.Daily);
        return services;
    }
}
