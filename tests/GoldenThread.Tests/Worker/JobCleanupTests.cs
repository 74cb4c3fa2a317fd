using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Worker;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GoldenThread.Tests.Worker;

/// <summary>The daily clean-up of the jobs table: succeeded jobs go after the retention period, failed ones stay.</summary>
public sealed class JobCleanupTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 4, 2, 45, 0, TimeSpan.Zero);

    [Theory, BothDatabases]
    public async Task CleanUp_DeletesSucceededJobsOlderThanTheRetention_KeepsFailedQueuedAndRunning(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.Open(tracking: true))
        {
            db.Jobs.AddRange(
                Job("succeeded 31 days ago", JobState.Succeeded, finished: Now.AddDays(-31)),
                Job("succeeded 29 days ago", JobState.Succeeded, finished: Now.AddDays(-29)),
                Job("failed 90 days ago", JobState.Failed, finished: Now.AddDays(-90)),
                Job("queued 90 days ago", JobState.Queued, finished: null),
                Job("running", JobState.Running, finished: null));
            await db.SaveChangesAsync();
        }

        var clock = new FakeTimeProvider(Now.AddMinutes(-1));
        await using var services = WorkerSetup.CreateServices(database, clock);
        var runner = services.GetRequiredService<JobRunner>();
        var before = await runner.RunDueAsync();
        clock.Advance(TimeSpan.FromMinutes(1));
        var ran = await runner.RunDueAsync();

        Assert.Equal((0, 1), (before, ran));
        await using var check = database.Open();
        Assert.Equal(
            ["failed 90 days ago", "queued 90 days ago", "running", "succeeded 29 days ago"],
            await check.Jobs.Where(j => j.Kind.StartsWith("old ")).OrderBy(j => j.Kind).Select(j => j.Kind.Substring(4)).ToListAsync());
        var cleanups = await check.Jobs.Where(j => j.Kind == JobCleanup.Kind).OrderBy(j => j.Id).Select(j => new { j.State, j.DueAt }).ToListAsync();
        Assert.Equal([(JobState.Succeeded, Now), (JobState.Queued, Now.AddDays(1))], cleanups.Select(j => (j.State, j.DueAt)));
    }

    [Theory, BothDatabases]
    public async Task CleanUp_KeepsSucceededJobsForTheConfiguredDays(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.Open(tracking: true))
        {
            db.Jobs.AddRange(
                Job("succeeded 8 days ago", JobState.Succeeded, finished: Now.AddDays(-8)),
                Job("succeeded 6 days ago", JobState.Succeeded, finished: Now.AddDays(-6)));
            await db.SaveChangesAsync();
        }

        var settings = WorkerSettings.From(new ConfigurationBuilder().AddInMemoryCollection([new("GoldenThread:Worker:KeepSucceededDays", "7")]).Build());
        await using var services = WorkerSetup.CreateServices(database, new FakeTimeProvider(Now), settings: settings);
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredKeyedService<IJobHandler>(JobCleanup.Kind).RunAsync(Job("now", JobState.Running, null), CancellationToken.None);
        }

        await using var check = database.Open();
        Assert.Equal(["old succeeded 6 days ago"], await check.Jobs.Select(j => j.Kind).ToListAsync());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("thirty")]
    public void Retention_ThatIsNotWholeDaysAboveZero_IsRefusedNamingTheSetting(string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("GoldenThread:Worker:KeepSucceededDays", value)]).Build();

        var error = Assert.Throws<UserFacingException>(() => WorkerSettings.From(configuration));

        Assert.Equal($"GoldenThread:Worker:KeepSucceededDays must be a whole number above zero, not '{value}'.", error.Message);
    }

    [Fact]
    public void Retention_IsThirtyDaysByDefault() =>
        Assert.Equal(TimeSpan.FromDays(30), WorkerSettings.From(new ConfigurationBuilder().Build()).KeepSucceeded);

    private static Job Job(string name, JobState state, DateTimeOffset? finished) => new()
    {
        Kind = "old " + name,
        State = state,
        DueAt = state == JobState.Queued ? Now.AddDays(1) : Now.AddDays(-90),
        CreatedAt = Now.AddDays(-90),
        MaxAttempts = 1,
        Attempts = 1,
        FinishedAt = finished,
        LeaseOwner = state == JobState.Running ? "elsewhere" : null,
        LeaseUntil = state == JobState.Running ? Now.AddMinutes(5) : null,
    };
}
