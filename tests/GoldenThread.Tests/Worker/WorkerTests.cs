using System.Collections.Concurrent;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Worker;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace GoldenThread.Tests.Worker;

/// <summary>
/// The worker on each database, driven one step at a time by a fake clock: jobs run once, failures are
/// retried with back-off and then kept as failed, a dead worker's job is taken over when its lease runs out,
/// two workers share a queue without running a job twice, and recurring jobs are queued once.
/// </summary>
public sealed class WorkerTests
{
    private const string Counted = "test.counted";
    private const string Failing = "test.failing";
    private static readonly DateTimeOffset Start = new(2026, 5, 4, 1, 0, 0, TimeSpan.Zero);

    [Theory, BothDatabases]
    public async Task Job_RunsWhenDue_OnceOnly_AndIsRecordedAsSucceeded(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(Start);
        var runs = new RunLog();
        await using var services = Services(database, clock, runs);
        var runner = services.GetRequiredService<JobRunner>();
        var id = await EnqueueAsync(services, Counted, Start.AddMinutes(5));

        var early = await runner.RunDueAsync();
        clock.Advance(TimeSpan.FromMinutes(5));
        var due = await runner.RunDueAsync();
        var again = await runner.RunDueAsync();

        Assert.Equal((0, 1, 0), (early, due, again));
        Assert.Equal(1, runs.Of(id));
        var job = await JobAsync(database, id);
        Assert.Equal((JobState.Succeeded, 1, Start.AddMinutes(5), (string?)null, (DateTimeOffset?)null), (job.State, job.Attempts, job.FinishedAt, job.LeaseOwner, job.LeaseUntil));
    }

    [Theory, BothDatabases]
    public async Task FailingJob_IsRetriedWithDoublingWaits_ThenFailsWithItsErrorKept(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(Start);
        await using var services = Services(database, clock, new RunLog());
        var runner = services.GetRequiredService<JobRunner>();
        var id = await EnqueueAsync(services, Failing, Start, maxAttempts: 3);

        Assert.Equal(1, await runner.RunDueAsync());
        var afterFirst = await JobAsync(database, id);
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, await runner.RunDueAsync());
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await runner.RunDueAsync());
        var afterSecond = await JobAsync(database, id);
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, await runner.RunDueAsync());
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await runner.RunDueAsync());
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await runner.RunDueAsync());

        Assert.Equal((JobState.Queued, 1, Start.AddSeconds(30)), (afterFirst.State, afterFirst.Attempts, afterFirst.DueAt));
        Assert.Equal("InvalidOperationException: The test job failed.", afterFirst.LastError);
        Assert.Equal((JobState.Queued, 2, Start.AddSeconds(90)), (afterSecond.State, afterSecond.Attempts, afterSecond.DueAt));
        var failed = await JobAsync(database, id);
        Assert.Equal((JobState.Failed, 3, Start.AddSeconds(90)), (failed.State, failed.Attempts, failed.FinishedAt));
        Assert.Equal("InvalidOperationException: The test job failed.", failed.LastError);
    }

    [Theory, BothDatabases]
    public async Task JobOfAWorkerThatDied_IsTakenOverWhenItsLeaseRunsOut(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(Start);
        var runs = new RunLog();
        await using var first = Services(database, clock, runs);
        await using var second = Services(database, clock, runs);
        var dying = first.GetRequiredService<JobRunner>();
        var survivor = second.GetRequiredService<JobRunner>();
        var id = await EnqueueAsync(first, Counted, Start);

        var claimed = await dying.ClaimNextAsync();
        var whileLeased = await survivor.RunDueAsync();
        clock.Advance(new WorkerSettings().Lease);
        var atLeaseEnd = await survivor.RunDueAsync();
        clock.Advance(TimeSpan.FromSeconds(1));
        var afterLease = await survivor.RunDueAsync();
        var job = await JobAsync(database, id);
        var lateOutcome = await dying.RunAsync(claimed!);

        Assert.Equal((id, dying.Owner), (claimed!.Id, claimed.LeaseOwner));
        Assert.Equal((0, 0, 1), (whileLeased, atLeaseEnd, afterLease));
        Assert.Equal((JobState.Succeeded, 2), (job.State, job.Attempts));
        Assert.Equal(JobState.Running, lateOutcome);
        Assert.Equal(JobState.Succeeded, (await JobAsync(database, id)).State);
    }

    [Theory, BothDatabases]
    public async Task TwoWorkers_OnOneDatabase_RunEachOfManyJobsExactlyOnce(DatabaseProvider provider)
    {
        const int Jobs = 200;
        var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(Start);
        var runs = new RunLog();
        await using var first = Services(database, clock, runs);
        await using var second = Services(database, clock, runs);
        await using (var db = database.Open(tracking: true))
        {
            db.Jobs.AddRange(Enumerable.Range(0, Jobs).Select(_ => new Job { Kind = Counted, State = JobState.Queued, DueAt = Start, MaxAttempts = 1, CreatedAt = Start }));
            await db.SaveChangesAsync();
        }

        var ran = await Task.WhenAll(
            Task.Run(() => first.GetRequiredService<JobRunner>().RunDueAsync()),
            Task.Run(() => second.GetRequiredService<JobRunner>().RunDueAsync()));

        Assert.Equal(Jobs, ran.Sum());
        Assert.Equal(Jobs, runs.Count);
        Assert.All(runs.Counts, c => Assert.Equal(1, c));
        await using var check = database.Open();
        Assert.Equal(Jobs, await check.Jobs.CountAsync(j => j.State == JobState.Succeeded && j.Attempts == 1));
    }

    [Theory, BothDatabases]
    public async Task RecurringJob_IsQueuedOnceByTwoWorkers_AndItsNextRunWhenOneFinishes(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(Start);
        var runs = new RunLog();
        var every = new RecurringJob(Counted, Schedule.DailyAt(new TimeOnly(2, 30)));
        await using var first = Services(database, clock, runs, every);
        await using var second = Services(database, clock, runs, every);

        Assert.Equal(0, await first.GetRequiredService<JobRunner>().RunDueAsync());
        Assert.Equal(0, await second.GetRequiredService<JobRunner>().RunDueAsync());
        var queued = await JobsAsync(database);
        clock.Advance(TimeSpan.FromMinutes(90));
        Assert.Equal(1, await second.GetRequiredService<JobRunner>().RunDueAsync());
        Assert.Equal(0, await first.GetRequiredService<JobRunner>().RunDueAsync());

        var dueToday = new DateTimeOffset(2026, 5, 4, 2, 30, 0, TimeSpan.Zero);
        Assert.Equal([(JobState.Queued, dueToday)], queued.Select(j => (j.State, j.DueAt)));
        Assert.Equal(
            [(JobState.Succeeded, dueToday, $"{Counted}@2026-05-04T02:30:00Z"), (JobState.Queued, dueToday.AddDays(1), $"{Counted}@2026-05-05T02:30:00Z")],
            (await JobsAsync(database)).Select(j => (j.State, j.DueAt, j.UniqueKey)));
    }

    [Fact]
    public void Schedules_GiveTheNextRunStrictlyAfter_CountedFromMidnightUtc()
    {
        var daily = Schedule.DailyAt(new TimeOnly(2, 30));
        var quarterHour = Schedule.Every(TimeSpan.FromMinutes(15));

        Assert.Equal(new DateTimeOffset(2026, 5, 4, 2, 30, 0, TimeSpan.Zero), daily.Next(Start));
        Assert.Equal(new DateTimeOffset(2026, 5, 5, 2, 30, 0, TimeSpan.Zero), daily.Next(new DateTimeOffset(2026, 5, 4, 2, 30, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 5, 5, 2, 30, 0, TimeSpan.Zero), daily.Next(new DateTimeOffset(2026, 5, 4, 4, 0, 0, TimeSpan.FromHours(1))));
        Assert.Equal(Start.AddMinutes(15), quarterHour.Next(Start));
        Assert.Equal(Start.AddMinutes(15), quarterHour.Next(Start.AddMinutes(14).AddSeconds(59)));
        Assert.Equal(new DateTimeOffset(2026, 5, 5, 0, 0, 0, TimeSpan.Zero), quarterHour.Next(new DateTimeOffset(2026, 5, 4, 23, 50, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void RetryDelay_DoublesFromTheFirst_UpToTheLongest()
    {
        var settings = new WorkerSettings();

        Assert.Equal(
            [30, 60, 120, 240, 480, 960, 1920, 3600, 3600],
            Enumerable.Range(1, 9).Select(a => settings.RetryDelay(a).TotalSeconds));
        Assert.Equal(TimeSpan.FromHours(1), settings.RetryDelay(1000));
    }

    [Fact]
    public async Task WorkerCommand_Once_QueuesTheDailyTokenCleanUp_AndRunsWhatIsDue()
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using (var db = database.Open(tracking: true))
        {
            db.Jobs.Add(new Job { Kind = "no.such.kind", State = JobState.Queued, DueAt = DateTimeOffset.UtcNow.AddMinutes(-1), MaxAttempts = 1, CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }

        var result = await CliRunner.RunAsync("--database", database.ConnectionString, "worker", "--once");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("Ran 1 job.", result.Error, StringComparison.Ordinal);
        var jobs = await JobsAsync(database);
        Assert.Equal("InvalidOperationException: No handler runs jobs of kind 'no.such.kind'.", jobs.Single(j => j.Kind == "no.such.kind").LastError);
        Assert.Equal(JobState.Queued, jobs.Single(j => j.Kind == GoldenThread.Tokens.TokenCleanup.Kind).State);
    }

    internal static ServiceProvider Services(Database database, TimeProvider clock, RunLog runs, params RecurringJob[] recurring) =>
        WorkerSetup.CreateServices(database, clock, services =>
        {
            services.RemoveAll<RecurringJob>();
            foreach (var job in recurring)
            {
                services.AddSingleton(job);
            }

            services.AddSingleton(runs);
            services.AddJobHandler<CountingHandler>(Counted);
            services.AddJobHandler<FailingHandler>(Failing);
        });

    private static async Task<long> EnqueueAsync(ServiceProvider services, string kind, DateTimeOffset due, int maxAttempts = 5)
    {
        await using var scope = services.CreateAsyncScope();
        var job = await scope.ServiceProvider.GetRequiredService<JobQueue>().EnqueueAsync(kind, new { Note = "test" }, due, maxAttempts);
        return job!.Id;
    }

    private static async Task<Job> JobAsync(Database database, long id)
    {
        await using var db = database.Open();
        return await db.Jobs.SingleAsync(j => j.Id == id);
    }

    private static async Task<List<Job>> JobsAsync(Database database)
    {
        await using var db = database.Open();
        return await db.Jobs.OrderBy(j => j.Id).ToListAsync();
    }

    /// <summary>How many times each job was run, by any worker.</summary>
    internal sealed class RunLog
    {
        private readonly ConcurrentDictionary<long, int> _runs = new();

        public int Count => _runs.Count;

        public IEnumerable<int> Counts => _runs.Values;

        public void Add(long id) => _runs.AddOrUpdate(id, 1, (_, n) => n + 1);

        public int Of(long id) => _runs.GetValueOrDefault(id);
    }

    private sealed class CountingHandler(RunLog runs) : IJobHandler
    {
        public async Task RunAsync(Job job, CancellationToken cancellationToken)
        {
            runs.Add(job.Id);
            await Task.Yield();
        }
    }

    private sealed class FailingHandler : IJobHandler
    {
        public Task RunAsync(Job job, CancellationToken cancellationToken) => throw new InvalidOperationException("The test job failed.");
    }
}
