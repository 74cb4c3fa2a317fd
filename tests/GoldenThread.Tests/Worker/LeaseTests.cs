using System.Threading.Channels;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Worker;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace GoldenThread.Tests.Worker;

/// <summary>
/// A job that runs longer than the lease: its worker renews the lease while it runs, so no other worker takes it
/// over; and a worker whose lease was taken all the same (it could not renew in time) stops the handler and
/// records nothing, on each database.
/// </summary>
public sealed class LeaseTests
{
    private const string Slow = "test.slow";
    private static readonly DateTimeOffset Start = new(2026, 5, 4, 1, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Theory, BothDatabases]
    public async Task JobLongerThanTheLease_KeepsItsLeaseWhileItRuns_SoNoOtherWorkerTakesItOver(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(Start);
        var gate = new Gate();
        await using var first = Services(database, clock, gate);
        await using var second = Services(database, clock, gate);
        var running = first.GetRequiredService<JobRunner>();
        var other = second.GetRequiredService<JobRunner>();
        var renewals = Watch(running);
        var id = await EnqueueAsync(first);

        var job = await running.ClaimNextAsync();
        var run = running.RunAsync(job!);
        await gate.Started.Task.WaitAsync(Wait);
        var settings = new WorkerSettings();
        var seen = new List<(bool Held, DateTimeOffset? Until, int OtherRan)>();
        for (var step = 0; step < 6; step++)
        {
            clock.Advance(settings.LeaseRenewal);
            var held = await renewals.Reader.ReadAsync().AsTask().WaitAsync(Wait);
            seen.Add((held, (await JobAsync(database, id)).LeaseUntil, await other.RunDueAsync()));
        }

        gate.Finish.SetResult();
        var outcome = await run.WaitAsync(Wait);

        Assert.Equal(
            Enumerable.Range(1, 6).Select(step => (true, (DateTimeOffset?)(Start + (settings.LeaseRenewal * step) + settings.Lease), 0)),
            seen);
        Assert.Equal(JobState.Succeeded, outcome);
        Assert.Equal((1, false), (gate.Runs, gate.Cancelled));
        var done = await JobAsync(database, id);
        Assert.Equal((JobState.Succeeded, 1, (string?)null), (done.State, done.Attempts, done.LeaseOwner));
    }

    [Theory, BothDatabases]
    public async Task WorkerWhoseLeaseWasTaken_StopsTheHandler_AndRecordsNothing(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(Start);
        var gate = new Gate();
        await using var first = Services(database, clock, gate);
        await using var second = Services(database, clock, gate);
        var slow = first.GetRequiredService<JobRunner>();
        var taker = second.GetRequiredService<JobRunner>();
        var renewals = Watch(slow);
        var id = await EnqueueAsync(first);

        var job = await slow.ClaimNextAsync();
        var run = slow.RunAsync(job!);
        await gate.Started.Task.WaitAsync(Wait);

        // As if the first worker could not reach the database for longer than its lease: the lease ran out, and another worker took the job.
        await using (var db = database.Open())
        {
            var past = Start.AddSeconds(-1);
            await db.Jobs.Where(j => j.Id == id).ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseUntil, past));
        }

        var taken = await taker.ClaimNextAsync();
        clock.Advance(new WorkerSettings().LeaseRenewal);
        var held = await renewals.Reader.ReadAsync().AsTask().WaitAsync(Wait);
        var outcome = await run.WaitAsync(Wait);
        var afterLoss = await JobAsync(database, id);

        Assert.False(held);
        Assert.Equal(JobState.Running, outcome);
        Assert.True(gate.Cancelled);
        Assert.Equal((JobState.Running, 2, taker.Owner), (afterLoss.State, afterLoss.Attempts, afterLoss.LeaseOwner));
        Assert.Equal(id, taken!.Id);
    }

    private static Channel<bool> Watch(JobRunner runner)
    {
        var renewals = Channel.CreateUnbounded<bool>();
        runner.LeaseChecked += (_, held) => renewals.Writer.TryWrite(held);
        return renewals;
    }

    private static ServiceProvider Services(Database database, TimeProvider clock, Gate gate) =>
        WorkerSetup.CreateServices(database, clock, services =>
        {
            services.RemoveAll<RecurringJob>();
            services.AddSingleton(gate);
            services.AddJobHandler<SlowHandler>(Slow);
        });

    private static async Task<long> EnqueueAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<JobQueue>().EnqueueAsync(Slow, dueAt: Start))!.Id;
    }

    private static async Task<Job> JobAsync(Database database, long id)
    {
        await using var db = database.Open();
        return await db.Jobs.SingleAsync(j => j.Id == id);
    }

    /// <summary>Lets a test hold a job's handler running until it says so, and see whether it was told to stop.</summary>
    private sealed class Gate
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Finish { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Runs { get; set; }

        public bool Cancelled { get; set; }
    }

    private sealed class SlowHandler(Gate gate) : IJobHandler
    {
        public async Task RunAsync(Job job, CancellationToken cancellationToken)
        {
            gate.Runs++;
            gate.Started.TrySetResult();
            try
            {
                await gate.Finish.Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                gate.Cancelled = true;
                throw;
            }
        }
    }
}
