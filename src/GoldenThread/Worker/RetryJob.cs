using GoldenThread.Administration;
using GoldenThread.Audit;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Worker;

/// <summary>
/// An administrator puts a failed job (by identifier) back on the queue, due now, with its attempts counted from
/// nought again; its last error stays on it until the next run replaces it.
/// </summary>
public sealed class RetryJob(GoldenThreadDb db, AuditLog audit, TimeProvider clock) : AdminUseCase<long>(db, audit)
{
    protected override async Task<AdminChange> HandleAsync(AuditActor actor, long request, CancellationToken cancellationToken)
    {
        var job = await Db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == request, cancellationToken);
        if (job is null)
        {
            return AdminChange.Refused("failed", "That job no longer exists");
        }

        if (job.State != JobState.Failed)
        {
            return AdminChange.Refused($"job-{job.Id}", $"Job {job.Id} ({job.Kind}) has not failed, so it cannot be retried");
        }

        var now = clock.GetUtcNow();

        // Only while it is still failed: another administrator may have retried or discarded it since the page was shown.
        var changed = await Db.Jobs.Where(j => j.Id == job.Id && j.State == JobState.Failed)
            .ExecuteUpdateAsync(
                s => s.SetProperty(j => j.State, JobState.Queued).SetProperty(j => j.DueAt, now).SetProperty(j => j.Attempts, 0).SetProperty(j => j.FinishedAt, (DateTimeOffset?)null),
                cancellationToken);
        if (changed == 0)
        {
            return AdminChange.Refused($"job-{job.Id}", $"Job {job.Id} ({job.Kind}) has not failed, so it cannot be retried");
        }

        Audit.Add(actor, AuditActions.JobRetried, $"Queued job {job.Id} ({job.Kind}) to run again, after {job.Attempts} failed attempts. Its last error: {job.LastError}", subjectName: $"Job {job.Id}");
        await Db.SaveChangesAsync(cancellationToken);
        return AdminChange.Success($"Job {job.Id} ({job.Kind}) is queued to run again.");
    }
}

/// <summary>An administrator deletes a failed job (by identifier) that should not run again; the audit trail keeps what it was and why it failed.</summary>
public sealed class DiscardJob(GoldenThreadDb db, AuditLog audit) : AdminUseCase<long>(db, audit)
{
    protected override async Task<AdminChange> HandleAsync(AuditActor actor, long request, CancellationToken cancellationToken)
    {
        var job = await Db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == request, cancellationToken);
        if (job is null)
        {
            return AdminChange.Refused("failed", "That job no longer exists");
        }

        var deleted = job.State == JobState.Failed
            ? await Db.Jobs.Where(j => j.Id == job.Id && j.State == JobState.Failed).ExecuteDeleteAsync(cancellationToken)
            : 0;
        if (deleted == 0)
        {
            return AdminChange.Refused($"job-{job.Id}", $"Job {job.Id} ({job.Kind}) has not failed, so it cannot be discarded");
        }

        Audit.Add(actor, AuditActions.JobDiscarded, $"Discarded job {job.Id} ({job.Kind}) with its payload {job.Payload}, after {job.Attempts} failed attempts. Its last error: {job.LastError}", subjectName: $"Job {job.Id}");
        await Db.SaveChangesAsync(cancellationToken);
        return AdminChange.Success($"Job {job.Id} ({job.Kind}) is discarded.");
    }
}
