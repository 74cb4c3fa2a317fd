using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Worker;

/// <summary>One job as the jobs page lists it.</summary>
public sealed record JobRow(
    long Id, string Kind, JobState State, DateTimeOffset DueAt, int Attempts, int MaxAttempts, string? LeaseOwner, DateTimeOffset? LeaseUntil, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt);

/// <summary>The jobs page's view of the queue: what waits, what runs (and which worker holds it), what failed, and what succeeded lately.</summary>
public sealed record JobsOverview(
    IReadOnlyList<JobRow> Queued, int QueuedCount, IReadOnlyList<JobRow> Running, IReadOnlyList<JobRow> Failed, IReadOnlyList<JobRow> Succeeded, int SucceededCount);

/// <summary>Reads the jobs table for the administrators' jobs page.</summary>
public sealed class JobQueries(GoldenThreadDb db)
{
    /// <summary>At most this many queued and succeeded jobs are listed (the counts say how many there are).</summary>
    public const int Listed = 50;

    public async Task<JobsOverview> OverviewAsync(CancellationToken cancellationToken = default)
    {
        var jobs = db.Jobs.AsNoTracking();
        var queued = await Rows(jobs.Where(j => j.State == JobState.Queued).OrderBy(j => j.DueAt).ThenBy(j => j.Id).Take(Listed)).ToListAsync(cancellationToken);
        var queuedCount = await jobs.CountAsync(j => j.State == JobState.Queued, cancellationToken);
        var running = await Rows(jobs.Where(j => j.State == JobState.Running).OrderBy(j => j.Id)).ToListAsync(cancellationToken);
        var failed = await Rows(jobs.Where(j => j.State == JobState.Failed).OrderByDescending(j => j.FinishedAt).ThenByDescending(j => j.Id)).ToListAsync(cancellationToken);
        var succeeded = await Rows(jobs.Where(j => j.State == JobState.Succeeded).OrderByDescending(j => j.FinishedAt).ThenByDescending(j => j.Id).Take(Listed)).ToListAsync(cancellationToken);
        var succeededCount = await jobs.CountAsync(j => j.State == JobState.Succeeded, cancellationToken);
        return new JobsOverview(queued, queuedCount, running, failed, succeeded, succeededCount);
    }

    private static IQueryable<JobRow> Rows(IQueryable<Job> jobs) =>
        jobs.Select(j => new JobRow(j.Id, j.Kind, j.State, j.DueAt, j.Attempts, j.MaxAttempts, j.LeaseOwner, j.LeaseUntil, j.LastError, j.CreatedAt, j.FinishedAt));
}
