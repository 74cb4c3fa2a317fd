using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Worker;

/// <summary>
/// The daily job that deletes succeeded jobs finished longer ago than <see cref="WorkerSettings.KeepSucceeded"/>,
/// so that the table (and the jobs page) does not grow for ever. Failed jobs are kept until an administrator
/// retries or discards them; queued and running jobs are never touched.
/// </summary>
public sealed class JobCleanup(GoldenThreadDb db, WorkerSettings settings, TimeProvider clock, ILogger<JobCleanup> log) : IJobHandler
{
    public const string Kind = "jobs.clean-up";

    public static RecurringJob Daily { get; } = new(Kind, Schedule.DailyAt(new TimeOnly(2, 45)));

    public async Task RunAsync(Job job, CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - settings.KeepSucceeded;
        var deleted = await db.Jobs
            .Where(j => j.State == JobState.Succeeded && j.FinishedAt < cutoff)
            .ExecuteDeleteAsync(cancellationToken);
        if (log.IsEnabled(LogLevel.Information))
        {
            log.LogInformation("Deleted {Count} succeeded jobs that finished before {Cutoff}.", deleted, cutoff);
        }
    }
}
