using GoldenThread.Audit;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Tokens;
using GoldenThread.Worker;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GoldenThread.Tests.Worker;

/// <summary>The daily clean-up of API tokens that can never work again, run by the worker on each database.</summary>
public sealed class TokenCleanupTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 4, 2, 30, 0, TimeSpan.Zero);

    [Theory, BothDatabases]
    public async Task CleanUp_DeletesTokensExpiredOrRevokedLongerAgoThanItsDays_KeepsTheRest_AndAuditsTheCount(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var person = await TestPeople.AddAsync(database, "owner@example.org");
        await using (var db = database.Open(tracking: true))
        {
            db.ApiTokens.AddRange(
                Token(person.Id, "expired 31 days ago", expires: Now.AddDays(-31)),
                Token(person.Id, "expired 29 days ago", expires: Now.AddDays(-29)),
                Token(person.Id, "revoked 31 days ago", expires: Now.AddDays(100), revoked: Now.AddDays(-31)),
                Token(person.Id, "revoked 2 days ago", expires: Now.AddDays(-1), revoked: Now.AddDays(-2)),
                Token(person.Id, "live", expires: Now.AddDays(30)));
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
            ["expired 29 days ago", "live", "revoked 2 days ago"],
            await check.ApiTokens.OrderBy(t => t.Name).Select(t => t.Name).ToListAsync());
        var entry = Assert.Single(await check.AuditEntries.Where(e => e.Action == AuditActions.TokensDeleted).ToListAsync());
        Assert.Equal(("worker", "Deleted 2 API tokens that expired or were revoked more than 30 days ago.", Now), (entry.ActorName, entry.Detail, entry.At));
        var jobs = await check.Jobs.Where(j => j.Kind == TokenCleanup.Kind).OrderBy(j => j.Id).Select(j => new { j.State, j.DueAt }).ToListAsync();
        Assert.Equal([(JobState.Succeeded, Now), (JobState.Queued, Now.AddDays(1))], jobs.Select(j => (j.State, j.DueAt)));
    }

    [Theory, BothDatabases]
    public async Task CleanUp_WithNothingToDelete_WritesNoAuditEntry(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(Now);
        await using var services = WorkerSetup.CreateServices(database, clock);
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<JobQueue>().EnqueueAsync(TokenCleanup.Kind, new { Days = 7 });
        }

        Assert.Equal(1, await services.GetRequiredService<JobRunner>().RunDueAsync());

        await using var check = database.Open();
        Assert.False(await check.AuditEntries.AnyAsync());
        Assert.Equal([JobState.Succeeded, JobState.Queued], await check.Jobs.Where(j => j.Kind == TokenCleanup.Kind).OrderBy(j => j.Id).Select(j => j.State).ToListAsync());
    }

    private static ApiToken Token(int personId, string name, DateTimeOffset expires, DateTimeOffset? revoked = null) => new()
    {
        PersonId = personId,
        Name = name,
        Prefix = "gt_test",
        Hash = TokenSecrets.Hash(name),
        CreatedAt = Now.AddDays(-60),
        ExpiresAt = expires,
        RevokedAt = revoked,
    };
}
