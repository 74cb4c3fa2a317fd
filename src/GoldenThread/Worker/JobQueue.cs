using System.Text.Json;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Worker;

/// <summary>Puts jobs on the queue: now, later, or (with a key) once only.</summary>
public sealed class JobQueue(GoldenThreadDb db, TimeProvider clock)
{
    public const int DefaultMaxAttempts = 5;

    /// <summary>
    /// Adds a job due at <paramref name="dueAt"/> (now when not given). With a <paramref name="uniqueKey"/>
    /// already used by another job, nothing is added and the answer is null.
    /// </summary>
    public async Task<Job?> EnqueueAsync(
        string kind, object? payload = null, DateTimeOffset? dueAt = null, int maxAttempts = DefaultMaxAttempts, string? uniqueKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        var now = clock.GetUtcNow();
        var job = new Job
        {
            Kind = kind,
            Payload = payload switch
            {
                null => "{}",
                string json => json,
                _ => JsonSerializer.Serialize(payload, JsonSerializerOptions.Web),
            },
            State = JobState.Queued,
            DueAt = dueAt ?? now,
            MaxAttempts = maxAttempts,
            UniqueKey = uniqueKey,
            CreatedAt = now,
        };
        if (uniqueKey is not null && await db.Jobs.AnyAsync(j => j.UniqueKey == uniqueKey, cancellationToken))
        {
            return null;
        }

        db.Jobs.Add(job);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return job;
        }
        catch (DbUpdateException) when (uniqueKey is not null)
        {
            // Another worker added the same run between the look and the insert: the unique key kept it to one.
            db.Entry(job).State = EntityState.Detached;
            return null;
        }
    }

    /// <summary>
    /// Makes sure the recurring job's next run is queued: when no run of its kind is waiting or running, adds
    /// the one after <paramref name="after"/>, keyed so that two workers doing this at once add it once.
    /// </summary>
    public async Task<Job?> ScheduleNextAsync(RecurringJob recurring, DateTimeOffset after, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recurring);
        var pending = await db.Jobs.AsNoTracking()
            .AnyAsync(j => j.Kind == recurring.Kind && (j.State == JobState.Queued || j.State == JobState.Running), cancellationToken);
        if (pending)
        {
            return null;
        }

        var due = recurring.Schedule.Next(after);
        return await EnqueueAsync(recurring.Kind, recurring.Payload, due, recurring.MaxAttempts, recurring.KeyFor(due), cancellationToken);
    }
}
