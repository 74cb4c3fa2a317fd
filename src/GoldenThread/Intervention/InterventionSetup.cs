using GoldenThread.Accounts;
using GoldenThread.Notices;

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
        Exceptions.ExceptionsSetup.AddGoldenThreadExceptions(services);
        return services;
    }
}
