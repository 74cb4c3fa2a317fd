using System.Net;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Worker;
using Microsoft.EntityFrameworkCore;
using static GoldenThread.Tests.Administration.AdminPagesTests;

namespace GoldenThread.Tests.Worker;

/// <summary>
/// <c>/admin/jobs</c> as an administrator uses it: the queued, running, failed and succeeded jobs, each with what
/// matters for its state; a failed job retried (queued again, attempts afresh) or discarded, both audited; a job that
/// has not failed refused. On both databases.
/// </summary>
public abstract class JobsPageTests(WebTestHost host)
{
    private static readonly DateTimeOffset At = new(2030, 5, 4, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task JobsPage_ShowsEachStateWithWhatMattersForIt()
    {
        var kind = Unique("shown");
        var (queued, running, failed, succeeded) = await AddJobsAsync(kind);
        using var admin = await host.SignInAsync(Role.Administrator);

        var page = await GetAsync(admin, "/admin/jobs");

        Assert.Equal("Background jobs", Text(page, "h1"));
        Assert.Equal($"{queued} {kind} 09:30 UTC on 5 May 2030 1 of 5 TimeoutException: The mail server did not answer.", Text(page, $"#queued-table tr[data-job='{queued}']"));
        Assert.Equal($"{running} {kind} host/1/abc 09:40 UTC on 4 May 2030 1 of 5", Text(page, $"#running-table tr[data-job='{running}']"));
        Assert.Equal(
            $"{failed} {kind} 09:30 UTC on 4 May 2030 5 of 5 InvalidOperationException: No such return. Retry job {failed} Discard job {failed}",
            Text(page, $"#failed-table tr[data-job='{failed}']"));
        Assert.Equal($"{succeeded} {kind} 09:30 UTC on 4 May 2030 1", Text(page, $"#succeeded-table tr[data-job='{succeeded}']"));
        Assert.All(page.QuerySelectorAll("main form[method=post]"), f => Assert.Single(f.QuerySelectorAll($"input[name='{Forms.TokenField}']")));
        Assert.Equal("/admin/jobs", (await GetAsync(admin, "/admin")).QuerySelector("#jobs-link")?.GetAttribute("href"));
    }

    [Fact]
    public async Task FailedJob_Retried_IsQueuedAgainDueNowWithItsAttemptsAfresh_AndAudited()
    {
        var (_, _, failed, _) = await AddJobsAsync(Unique("retried"));
        using var admin = await host.SignInAsync(Role.Administrator, followRedirects: false);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        using var response = await Forms.PostAsync(admin, "/admin/jobs", [new("job", failed.ToString(System.Globalization.CultureInfo.InvariantCulture))], "/admin/jobs?handler=Retry");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/jobs", response.Headers.Location?.OriginalString);
        await using var db = host.Database.Open();
        var job = await db.Jobs.SingleAsync(j => j.Id == failed);
        Assert.Equal((JobState.Queued, 0, (DateTimeOffset?)null, "InvalidOperationException: No such return."), (job.State, job.Attempts, job.FinishedAt, job.LastError));
        Assert.InRange(job.DueAt, before, DateTimeOffset.UtcNow);
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.JobRetried && e.SubjectName == $"Job {failed}");
        Assert.Equal(host.Account(Role.Administrator).Email, entry.ActorName);
        Assert.StartsWith($"Queued job {failed} (", entry.Detail, StringComparison.Ordinal);
        Assert.EndsWith("after 5 failed attempts. Its last error: InvalidOperationException: No such return.", entry.Detail, StringComparison.Ordinal);
        var banner = await GetAsync(admin, "/admin/jobs");
        Assert.StartsWith($"Job {failed} (", Text(banner, ".govuk-notification-banner__heading"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedJob_Discarded_IsDeleted_AndTheAuditTrailKeepsWhatItWas()
    {
        var kind = Unique("discarded");
        var (_, _, failed, _) = await AddJobsAsync(kind);
        using var admin = await host.SignInAsync(Role.Administrator, followRedirects: false);

        using var response = await Forms.PostAsync(admin, "/admin/jobs", [new("job", failed.ToString(System.Globalization.CultureInfo.InvariantCulture))], "/admin/jobs?handler=Discard");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = host.Database.Open();
        Assert.False(await db.Jobs.AnyAsync(j => j.Id == failed));
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.JobDiscarded && e.SubjectName == $"Job {failed}");
        Assert.Equal(
            $"Discarded job {failed} ({kind}) with its payload {{\"return\":7}}, after 5 failed attempts. Its last error: InvalidOperationException: No such return.",
            entry.Detail);
    }

    [Theory]
    [InlineData("Retry", "retried")]
    [InlineData("Discard", "discarded")]
    public async Task JobThatHasNotFailed_IsRefused_WithTheReason_AndLeftAsItWas(string handler, string verb)
    {
        var kind = Unique("refused");
        var (queued, _, _, _) = await AddJobsAsync(kind);
        using var admin = await host.SignInAsync(Role.Administrator, followRedirects: false);

        using var response = await Forms.PostAsync(admin, "/admin/jobs", [new("job", queued.ToString(System.Globalization.CultureInfo.InvariantCulture))], $"/admin/jobs?handler={handler}");
        var page = await ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        Assert.Equal($"There is a problem Job {queued} ({kind}) has not failed, so it cannot be {verb}", Text(page, ".govuk-error-summary"));
        Assert.Equal($"#job-{queued}", page.QuerySelector(".govuk-error-summary a")?.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector($"#job-{queued}"));
        await using var db = host.Database.Open();
        var job = await db.Jobs.SingleAsync(j => j.Id == queued);
        Assert.Equal((JobState.Queued, 1), (job.State, job.Attempts));
    }

    private static string Unique(string what) => $"test.{what}.{Guid.NewGuid():N}"[..40];

    private async Task<(long Queued, long Running, long Failed, long Succeeded)> AddJobsAsync(string kind)
    {
        await using var db = host.Database.Open(tracking: true);
        var queued = Job(kind, JobState.Queued, due: At.AddDays(1), attempts: 1, error: "TimeoutException: The mail server did not answer.");
        var running = Job(kind, JobState.Running, due: At, attempts: 1);
        running.LeaseOwner = "host/1/abc";
        running.LeaseUntil = At.AddMinutes(10);
        var failed = Job(kind, JobState.Failed, due: At, attempts: 5, error: "InvalidOperationException: No such return.", finished: At);
        failed.Payload = """{"return":7}""";
        var succeeded = Job(kind, JobState.Succeeded, due: At, attempts: 1, finished: At);
        db.Jobs.AddRange(queued, running, failed, succeeded);
        await db.SaveChangesAsync();
        return (queued.Id, running.Id, failed.Id, succeeded.Id);
    }

    private static Job Job(string kind, JobState state, DateTimeOffset due, int attempts, string? error = null, DateTimeOffset? finished = null) => new()
    {
        Kind = kind,
        State = state,
        DueAt = due,
        Attempts = attempts,
        MaxAttempts = 5,
        LastError = error,
        CreatedAt = At.AddHours(-1),
        FinishedAt = finished,
    };
}

public sealed class JobsPageOnSqliteTests(WebTestHost host) : JobsPageTests(host), IClassFixture<WebTestHost>;

public sealed class JobsPageOnPostgresTests(PostgresWebTestHost host) : JobsPageTests(host), IClassFixture<PostgresWebTestHost>;
