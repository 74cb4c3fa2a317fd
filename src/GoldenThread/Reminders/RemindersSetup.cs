using GoldenThread.Accounts;
using GoldenThread.Timetable;
using GoldenThread.Worker;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GoldenThread.Reminders;

/// <summary>The reminders' services, for the web's container and the worker's: settings, the mail, the queue, the two jobs.</summary>
public static class RemindersSetup
{
    /// <summary>
    /// Adds reminders, reading <c>GoldenThread:Reminders</c> and (unless <paramref name="mail"/> is given) <c>GoldenThread:Mail</c>
    /// from <paramref name="configuration"/>. Needs the worker's services (<see cref="WorkerSetup.AddGoldenThreadWorker"/>).
    /// </summary>
    public static IServiceCollection AddGoldenThreadReminders(this IServiceCollection services, IConfiguration configuration, MailSettings? mail = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(ReminderSettings.From(configuration));
        services.AddSingleton(_ => new ReminderMail(mail ?? MailSettings.FromConfiguration(configuration)));
        services.TryAddSingleton(provider => new ReportingClock(provider.GetRequiredService<TimeProvider>()));
        services.AddScoped<ReminderQueue>();
        services.AddJobHandler<ReminderPlan>(ReminderPlan.Kind);
        services.AddJobHandler<ReminderSend>(ReminderQueue.SendKind);
        services.AddSingleton(ReminderPlan.Daily);
        return services;
    }
}
