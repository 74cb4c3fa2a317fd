using GoldenThread.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Worker;

/// <summary>
/// How a worker behaves: how long its lease on a job lasts, how often it looks for work when idle, and how long
/// succeeded jobs are kept (<c>GoldenThread:Worker:KeepSucceededDays</c>, environment variable
/// <c>GoldenThread__Worker__KeepSucceededDays</c>).
/// </summary>
public sealed record WorkerSettings
{
    public const string Section = "GoldenThread:Worker";

    public const int DefaultKeepSucceededDays = 30;

    /// <summary>
    /// How long a claimed job is this worker's without a renewal; the worker renews it every third of this while
    /// the job runs, so only a worker that stopped (or lost the database for that long) loses it to another.
    /// </summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How often a running job's lease is renewed: a third of <see cref="Lease"/>, so two renewals may fail before it runs out.</summary>
    public TimeSpan LeaseRenewal => Lease / 3;

    /// <summary>How long a succeeded job stays in the table (for the jobs page) before the daily clean-up deletes it; failed jobs stay until an administrator retries or discards them.</summary>
    public TimeSpan KeepSucceeded { get; init; } = TimeSpan.FromDays(DefaultKeepSucceededDays);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait before the first retry; each further retry waits twice as long, up to <see cref="LongestRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan LongestRetryDelay { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The wait before the next attempt after <paramref name="attempts"/> attempts have failed.</summary>
    public TimeSpan RetryDelay(int attempts)
    {
        var doublings = Math.Clamp(attempts - 1, 0, 30);
        var delay = FirstRetryDelay * Math.Pow(2, doublings);
        return delay < LongestRetryDelay ? delay : LongestRetryDelay;
    }

    /// <summary>The settings in configuration; a retention that is not a whole number of days above zero stops the start with a message naming it.</summary>
    public static WorkerSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        return new WorkerSettings { KeepSucceeded = TimeSpan.FromDays(Web.Settings.PositiveWholeNumber(section, "KeepSucceededDays", DefaultKeepSucceededDays)) };
    }
}

/// <summary>
/// The worker: claims a due job with a lease, runs its handler in a scope of its own, and records how it went
/// (succeeded; queued again later with exponential back-off; or failed, with the error kept, after its last
/// attempt). Two workers never run the same job at once: on PostgreSQL the claim locks the row with
/// <c>FOR UPDATE SKIP LOCKED</c>, so each worker takes a different job; on SQLite the claim is a single writer
/// (<c>BEGIN IMMEDIATE</c>). While a job runs its lease is renewed on a timer; a job whose worker died is taken
/// over when its lease runs out, and a worker that finds its lease taken tells the handler to stop (through its
/// cancellation token) and records nothing. Time comes from
/// <see cref="TimeProvider"/> only, so tests drive the worker one step at a time with <see cref="RunDueAsync"/>.
/// </summary>
public sealed class JobRunner(
    IServiceScopeFactory scopes, TimeProvider clock, WorkerSettings settings, IEnumerable<RecurringJob> recurring, ILogger<JobRunner> log)
{
    private readonly List<RecurringJob> _recurring = [.. recurring];

    /// <summary>This worker's name on the jobs it holds: machine, process and a random part, so two in one process differ.</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Queues the recurring jobs' next runs, then runs every job that is due until none is left; returns how many ran.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken = default)
    {
        await ScheduleRecurringAsync(cancellationToken);
        var ran = 0;
        while (await ClaimNextAsync(cancellationToken) is { } job)
        {
            await RunAsync(job, cancellationToken);
            ran++;
        }

        return ran;
    }

    /// <summary>Runs what is due, then waits for the poll interval when there was nothing, until stopped.</summary>
    public async Task RunUntilStoppedAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var ran = 0;
            try
            {
                ran = await RunDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database being away for a moment must not stop the worker for good: log it and look again later.
                log.LogError(e, "The worker could not look for jobs; it tries again in {Interval}.", settings.PollInterval);
            }

            if (ran == 0)
            {
                try
                {
                    await Task.Delay(settings.PollInterval, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Claims the next due job (or one whose lease has run out) for this worker, or null when none is due.</summary>
    public async Task<Job?> ClaimNextAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GoldenThreadDb>();
        var now = clock.GetUtcNow();
        return db.Provider == DatabaseProvider.Postgres
            ? await ClaimOnPostgresAsync(db, now, cancellationToken)
            : await ClaimOnSqliteAsync(db, now, cancellationToken);
    }

    /// <summary>
    /// Told after each renewal of a running job's lease whether this worker still held it (for tests, which step
    /// the clock and wait for the renewal to have happened).
    /// </summary>
    internal event Action<long, bool>? LeaseChecked;

    /// <summary>
    /// Runs a job this worker has claimed, renewing its lease while it runs, and records the outcome; returns the
    /// state it was left in (<see cref="JobState.Running"/> when another worker took the job over meanwhile).
    /// </summary>
    public async Task<JobState> RunAsync(Job job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Attempts > job.MaxAttempts)
        {
            // Its last attempt's worker stopped before recording anything: do not start it once more than allowed.
            return await FinishAsync(job, job.LastError ?? "Its worker stopped while running it, on every attempt.", cancellationToken);
        }

        using var leaseLost = new CancellationTokenSource();
        using var handlerStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, leaseLost.Token);
        using var doneRunning = new CancellationTokenSource();
        var renewing = KeepLeaseAsync(job, leaseLost, doneRunning.Token);
        string? error;
        try
        {
            error = await TryHandleAsync(job, handlerStop.Token, cancellationToken);
        }
        finally
        {
            await doneRunning.CancelAsync();
            await renewing;
        }

        if (leaseLost.IsCancellationRequested)
        {
            log.LogWarning("Job {Id} ({Kind}) was taken over by another worker while this one ran it; this worker stopped it and records nothing.", job.Id, job.Kind);
            return JobState.Running;
        }

        return await FinishAsync(job, error, cancellationToken);
    }

    /// <summary>
    /// Extends this worker's lease on a running job by <see cref="WorkerSettings.Lease"/> from now; false when the
    /// job is no longer this worker's (its lease ran out and another worker claimed it).
    /// </summary>
    public async Task<bool> RenewLeaseAsync(Job job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GoldenThreadDb>();
        var until = clock.GetUtcNow() + settings.Lease;
        var renewed = await db.Jobs.Where(j => j.Id == job.Id && j.State == JobState.Running && j.LeaseOwner == Owner)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseUntil, until), cancellationToken);
        if (renewed == 1)
        {
            job.LeaseUntil = until;
        }

        return renewed == 1;
    }

    /// <summary>
    /// Renews the lease every <see cref="WorkerSettings.LeaseRenewal"/> until the job is done; when the job turns
    /// out to be another worker's, cancels <paramref name="leaseLost"/> so the handler stops.
    /// </summary>
    private async Task KeepLeaseAsync(Job job, CancellationTokenSource leaseLost, CancellationToken done)
    {
        var every = settings.LeaseRenewal;
        using var timer = new PeriodicTimer(every, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(done))
            {
                bool held;
                try
                {
                    held = await RenewLeaseAsync(job, done);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The database away for a moment: the lease still has time; try again at the next tick.
                    log.LogWarning(e, "Could not renew the lease on job {Id} ({Kind}); trying again in {Interval}.", job.Id, job.Kind, every);
                    continue;
                }

                LeaseChecked?.Invoke(job.Id, held);
                if (!held)
                {
                    await leaseLost.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (done.IsCancellationRequested)
        {
            // The job finished (or the worker is stopping): no more renewals.
        }
    }

    private async Task<string?> TryHandleAsync(Job job, CancellationToken handlerStop, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetKeyedService<IJobHandler>(job.Kind)
                ?? throw new InvalidOperationException($"No handler runs jobs of kind '{job.Kind}'.");
            await handler.RunAsync(job, handlerStop);
            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the job keeps its lease, which runs out, and another worker (or this one, restarted) takes it.
            throw;
        }
        catch (OperationCanceledException) when (handlerStop.IsCancellationRequested)
        {
            // Its lease was lost: the caller records nothing.
            return null;
        }
#pragma warning disable CA1031 // Any failure of a job's own code is recorded on the job and retried, not allowed to stop the worker.
        catch (Exception e)
#pragma warning restore CA1031
        {
            log.LogWarning(e, "Job {Id} ({Kind}) failed on attempt {Attempt} of {Max}.", job.Id, job.Kind, job.Attempts, job.MaxAttempts);
            return $"{e.GetType().Name}: {e.Message}";
        }
    }

    private async Task<JobState> FinishAsync(Job job, string? error, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GoldenThreadDb>();
        var now = clock.GetUtcNow();

        // Only while this worker still holds the lease: a worker that lost it (it ran too long) changes nothing.
        var mine = db.Jobs.Where(j => j.Id == job.Id && j.State == JobState.Running && j.LeaseOwner == Owner);
        JobState state;
        int updated;
        if (error is null)
        {
            state = JobState.Succeeded;
            updated = await mine.ExecuteUpdateAsync(
                s => s.SetProperty(j => j.State, state).SetProperty(j => j.FinishedAt, now).SetProperty(j => j.LeaseOwner, (string?)null).SetProperty(j => j.LeaseUntil, (DateTimeOffset?)null),
                cancellationToken);
        }
        else
        {
            var message = error.Length <= Job.ErrorLength ? error : error[..(Job.ErrorLength - 1)] + "…";
            var retry = job.Attempts < job.MaxAttempts;
            state = retry ? JobState.Queued : JobState.Failed;
            var due = retry ? now + settings.RetryDelay(job.Attempts) : job.DueAt;
            DateTimeOffset? finished = retry ? null : now;
            updated = await mine.ExecuteUpdateAsync(
                s => s.SetProperty(j => j.State, state).SetProperty(j => j.DueAt, due).SetProperty(j => j.FinishedAt, finished)
                    .SetProperty(j => j.LastError, message).SetProperty(j => j.LeaseOwner, (string?)null).SetProperty(j => j.LeaseUntil, (DateTimeOffset?)null),
                cancellationToken);
        }

        if (updated == 0)
        {
            log.LogWarning("Job {Id} ({Kind}) finished after its lease had run out and another worker took it; its outcome here is not recorded.", job.Id, job.Kind);
            return JobState.Running;
        }

        if (state != JobState.Queued && _recurring.Find(r => r.Kind == job.Kind) is { } schedule)
        {
            await scope.ServiceProvider.GetRequiredService<JobQueue>().ScheduleNextAsync(schedule, now, cancellationToken);
        }

        return state;
    }

    private async Task ScheduleRecurringAsync(CancellationToken cancellationToken)
    {
        if (_recurring.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<JobQueue>();
        var now = clock.GetUtcNow();
        foreach (var job in _recurring)
        {
            await queue.ScheduleNextAsync(job, now, cancellationToken);
        }
    }

    private void Lease(Job job, DateTimeOffset now)
    {
        job.State = JobState.Running;
        job.Attempts++;
        job.LeaseOwner = Owner;
        job.LeaseUntil = now + settings.Lease;
    }

    /// <summary>
    /// PostgreSQL: the row is locked for this transaction and rows other workers hold are skipped, so each
    /// worker claims a different job at once rather than queueing behind one another.
    /// </summary>
    private async Task<Job?> ClaimOnPostgresAsync(GoldenThreadDb db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var queued = JobConfiguration.Word(JobState.Queued);
        var running = JobConfiguration.Word(JobState.Running);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var found = await db.Jobs
            .FromSql($"""
                SELECT * FROM jobs
                WHERE (state = {queued} AND due_at <= {now}) OR (state = {running} AND lease_until < {now})
                ORDER BY due_at, id
                LIMIT 1
                FOR UPDATE SKIP LOCKED
                """)
            .AsTracking()
            .ToListAsync(cancellationToken);
        var job = found.SingleOrDefault();
        if (job is not null)
        {
            Lease(job, now);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return job;
    }

    /// <summary>
    /// SQLite: one writer at a time. <c>BEGIN IMMEDIATE</c> takes the write lock before reading, so a second
    /// worker waits (SQLite's busy timeout) until the first has claimed its job and committed.
    /// </summary>
    private async Task<Job?> ClaimOnSqliteAsync(GoldenThreadDb db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var immediate = ((SqliteConnection)db.Database.GetDbConnection()).BeginTransaction(deferred: false);
        await db.Database.UseTransactionAsync(immediate, cancellationToken);
        var job = await db.Jobs.AsTracking()
            .Where(j => (j.State == JobState.Queued && j.DueAt <= now) || (j.State == JobState.Running && j.LeaseUntil < now))
            .OrderBy(j => j.DueAt).ThenBy(j => j.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (job is not null)
        {
            Lease(job, now);
            await db.SaveChangesAsync(cancellationToken);
        }

        await immediate.CommitAsync(cancellationToken);
        return job;
    }
}
