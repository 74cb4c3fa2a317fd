using System.CommandLine;
using GoldenThread.Cli;
using GoldenThread.Intervention;
using GoldenThread.Reminders;
using GoldenThread.Storage;

namespace GoldenThread.Worker;

/// <summary>
/// <c>worker [--once]</c>: runs queued and scheduled jobs until stopped, or (with <c>--once</c>) runs what is
/// due now and stops, for cron. Any number of workers may run against one database.
/// </summary>
public static class WorkerCommand
{
    public static Command Create(Option<string?> databaseOption, Terminal terminal)
    {
        ArgumentNullException.ThrowIfNull(terminal);
        var once = new Option<bool>("--once") { Description = "Run the jobs that are due now, then stop (for cron)." };
        var command = new Command("worker", "Run background jobs (such as the daily clean-up of old API tokens) until stopped.") { Options = { once } };
        command.SetAction((parseResult, ct) => CommandLine.GuardAsync(terminal, async () =>
        {
            var database = CommandLine.ResolveDatabase(parseResult, databaseOption, terminal);
            await using (var db = database.Open())
            {
                await Schema.EnsureCurrentAsync(db, database, terminal.Error, ct);
            }

            // The same settings as the site's, from appsettings.json beside the program and the environment (the mail
            // server and the reminders' settings).
            var configuration = new ConfigurationBuilder()
                .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
                .AddEnvironmentVariables()
                .Build();
            await using var services = WorkerSetup.CreateServices(
                database, TimeProvider.System, s => s.AddGoldenThreadReminders(configuration).AddGoldenThreadIntervention(configuration), WorkerSettings.From(configuration));
            var runner = services.GetRequiredService<JobRunner>();
            if (parseResult.GetValue(once))
            {
                var ran = await runner.RunDueAsync(ct);
                await terminal.Error.WriteLineAsync(ran == 1 ? "Ran 1 job." : $"Ran {ran} jobs.");
                return 0;
            }

            await terminal.Error.WriteLineAsync($"The worker is running on {database.Describe()}. Press Ctrl+C to stop.");
            await terminal.Error.FlushAsync(ct);
            await runner.RunUntilStoppedAsync(ct);
            return 0;
        }));
        return command;
    }
}
