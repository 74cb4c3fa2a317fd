using GoldenThread.Accounts;
using GoldenThread.Domain.Intervention;
using GoldenThread.Intervention;
using GoldenThread.Notices;
using GoldenThread.Reminders;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Worker;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GoldenThread.Tests.Notices;

/// <summary>
/// The notices' sending (issue 11, item 6) through the test's real SMTP server (aiosmtpd), on each database, with a fake
/// clock: each notice raised is mailed once to its person with the link to the site, and marked mailed; a notice done
/// before its mail went, or raised again, is not mailed; a restart before the send loses nothing, and a restart after
/// the server accepted it sends nothing twice; a server that is down is retried.
/// </summary>
public sealed class NoticeDeliveryTests
{
    private static readonly DateTimeOffset Start = new(2009, 11, 16, 9, 0, 0, TimeSpan.Zero);

    [Theory, BothDatabases]
    public async Task RaisedNotices_AreMailedOnceEach_ToTheirPerson_WithTheLink_AndMarkedMailed(DatabaseProvider provider)
    {
        await using var smtp = await SmtpServer.StartAsync();
        var scenario = await Scenario.CreateAsync(provider, smtp.Port);
        await using var worker = scenario.NewWorker();
        var runner = worker.GetRequiredService<JobRunner>();
        await Scenario.RaiseAsync(
            worker,
            new NoticeRequest(scenario.LeadId, NoticeKind.ExceptionToWrite, "Exception report needed: NI 16 in Wessexshire, 2009/10 Q2", "It is red: write why.", "/exceptions/12", "exception:12:write:lead"),
            new NoticeRequest(scenario.LeadId, NoticeKind.StageChanged, "NI 16 in Wessexshire is at stage 2", null, "/ladder", "stage:lead"),
            new NoticeRequest(scenario.SecretaryId, NoticeKind.ExceptionToConsider, "Exception report to consider: NI 16", null, "/exceptions/12", "exception:12:consider:secretary"),
            new NoticeRequest(scenario.GoneId, NoticeKind.StageChanged, "Not told: deactivated", null, "/ladder", "stage:gone"));
        await Scenario.RaiseAsync(worker, new NoticeRequest(scenario.LeadId, NoticeKind.ReportRequested, "Dealt with before its mail went", null, "/report-requests/1", "report:1:requested"));
        await scenario.DoneAsync("report:1:requested");

        await runner.RunDueAsync();
        var first = await smtp.MessagesAsync();

        // Raised again (the same keys), and the worker runs again later: nothing new.
        await Scenario.RaiseAsync(worker, new NoticeRequest(scenario.LeadId, NoticeKind.StageChanged, "NI 16 in Wessexshire is at stage 2", null, "/ladder", "stage:lead"));
        scenario.Clock.Advance(TimeSpan.FromMinutes(10));
        await runner.RunDueAsync();

        var messages = await smtp.MessagesAsync();
        Assert.Equal(3, first.Count);
        Assert.Equal(3, messages.Count);
        Assert.Equal(
            [
                (scenario.LeadEmail, "Exception report needed: NI 16 in Wessexshire, 2009/10 Q2"),
                (scenario.LeadEmail, "NI 16 in Wessexshire is at stage 2"),
                (scenario.SecretaryEmail, "Exception report to consider: NI 16"),
            ],
            messages.Select(m => (m.To.Mailboxes.Single().Address, m.Subject)).Order());
        var exception = messages.Single(m => m.Subject!.StartsWith("Exception report needed", StringComparison.Ordinal));
        Assert.Contains("Dear Lena Lead,", exception.TextBody, StringComparison.Ordinal);
        Assert.Contains("It is red: write why.", exception.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://performance.council.example/exceptions/12", exception.TextBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://performance.council.example/exceptions/12\"", exception.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("auto-generated", exception.Headers["Auto-Submitted"]);

        var notices = await scenario.NoticesAsync();
        Assert.Equal(exception.MessageId, $"notice.{notices.Single(n => n.Key == "exception:12:write:lead").Id}@council.example");
        Assert.All(notices.Where(n => n.PersonId != scenario.GoneId && n.DoneAt is null), n => Assert.NotNull(n.MailedAt));
        Assert.Null(notices.Single(n => n.Key == "report:1:requested").MailedAt);
        Assert.DoesNotContain(notices, n => n.PersonId == scenario.GoneId);
        Assert.All(await scenario.SendJobsAsync(), j => Assert.Equal((JobState.Succeeded, 1), (j.State, j.Attempts)));
        Assert.Equal(4, (await scenario.SendJobsAsync()).Count);
    }

    [Theory, BothDatabases]
    public async Task RestartsInTheMiddle_BeforeSendingAndAfterTheServerAccepted_LoseAndDuplicateNone(DatabaseProvider provider)
    {
        await using var smtp = await SmtpServer.StartAsync();
        var scenario = await Scenario.CreateAsync(provider, smtp.Port);

        // A worker claims the first notice's job and stops before sending it.
        await using (var dying = scenario.NewWorker())
        {
            await Scenario.RaiseAsync(dying, new NoticeRequest(scenario.LeadId, NoticeKind.ReportRequested, "A report is requested of you", null, "/report-requests/3", "report:3:requested"));
            _ = await ClaimAsync(dying.GetRequiredService<JobRunner>());
        }

        Assert.Empty(await smtp.MessagesAsync());

        // A new worker takes the job over when its lease runs out, and sends it.
        await using (var restarted = scenario.NewWorker())
        {
            var runner = restarted.GetRequiredService<JobRunner>();
            Assert.Equal(0, await runner.RunDueAsync());
            scenario.Clock.Advance(new WorkerSettings().Lease + TimeSpan.FromSeconds(1));
            Assert.Equal(1, await runner.RunDueAsync());
        }

        Assert.Single(await smtp.MessagesAsync());

        // A worker sends the second notice (the server accepts it and it is marked mailed) and stops before it can mark
        // the job done.
        await using (var dying = scenario.NewWorker())
        {
            await Scenario.RaiseAsync(dying, new NoticeRequest(scenario.SecretaryId, NoticeKind.EscalationReached, "An escalation reached your board", null, "/escalations/4", "escalation:4:secretary"));
            var job = await ClaimAsync(dying.GetRequiredService<JobRunner>());
            await using var scope = dying.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredKeyedService<IJobHandler>(NoticeSend.Kind).RunAsync(job, CancellationToken.None);
        }

        Assert.Equal(2, (await smtp.MessagesAsync()).Count);

        // The new worker takes it over, finds it mailed, and marks the job done without sending it again.
        await using (var restarted = scenario.NewWorker())
        {
            scenario.Clock.Advance(new WorkerSettings().Lease + TimeSpan.FromSeconds(1));
            Assert.Equal(1, await restarted.GetRequiredService<JobRunner>().RunDueAsync());
        }

        var messages = await smtp.MessagesAsync();
        Assert.Equal(["A report is requested of you", "An escalation reached your board"], messages.Select(m => m.Subject).Order(StringComparer.Ordinal));
        Assert.Equal([(JobState.Succeeded, 2), (JobState.Succeeded, 2)], (await scenario.SendJobsAsync()).Select(j => (j.State, j.Attempts)));
        Assert.All(await scenario.NoticesAsync(), n => Assert.NotNull(n.MailedAt));
    }

    [Theory, BothDatabases]
    public async Task MailServerDown_TheJobIsRetriedWithBackOff_AndTheNoticeArrivesWhenItIsBack(DatabaseProvider provider)
    {
        var port = SmtpServer.FreePort();
        var scenario = await Scenario.CreateAsync(provider, port);
        await using var worker = scenario.NewWorker();
        var runner = worker.GetRequiredService<JobRunner>();
        await Scenario.RaiseAsync(worker, new NoticeRequest(scenario.LeadId, NoticeKind.ActionPlanNeeded, "An action plan is needed", null, "/action-plans", "plan:lead"));
        await runner.RunDueAsync();
        var afterFirst = Assert.Single(await scenario.SendJobsAsync());
        Assert.Null(Assert.Single(await scenario.NoticesAsync()).MailedAt);

        await using var smtp = await SmtpServer.StartAsync(port);
        scenario.Clock.Advance(TimeSpan.FromSeconds(29));
        await runner.RunDueAsync();
        Assert.Empty(await smtp.MessagesAsync());
        scenario.Clock.Advance(TimeSpan.FromSeconds(1));
        await runner.RunDueAsync();

        Assert.Equal((JobState.Queued, 1), (afterFirst.State, afterFirst.Attempts));
        Assert.NotNull(afterFirst.LastError);
        Assert.Equal(scenario.LeadEmail, Assert.Single(await smtp.MessagesAsync()).To.Mailboxes.Single().Address);
        Assert.Equal((JobState.Succeeded, 2, NoticeSend.Attempts), Assert.Single(await scenario.SendJobsAsync()) is var j ? (j.State, j.Attempts, j.MaxAttempts) : default);
        Assert.NotNull(Assert.Single(await scenario.NoticesAsync()).MailedAt);
    }

    [Theory, BothDatabases]
    public async Task ANoticeWrittenWithoutItsJob_IsFoundByTheDailySweep_AndMailed(DatabaseProvider provider)
    {
        await using var smtp = await SmtpServer.StartAsync();
        var scenario = await Scenario.CreateAsync(provider, smtp.Port);
        await using (var db = scenario.Database.Open(tracking: true))
        {
            db.Notices.Add(new Notice { PersonId = scenario.LeadId, Kind = NoticeKind.StageChanged, Subject = "Written by an import", Link = "/ladder", Key = "import:1", CreatedAt = Start });
            await db.SaveChangesAsync();
        }

        await using var worker = scenario.NewWorker();
        var runner = worker.GetRequiredService<JobRunner>();
        await runner.RunDueAsync();
        var before = await smtp.MessagesAsync();
        scenario.Clock.SetUtcNow(new DateTimeOffset(2009, 11, 17, 6, 51, 0, TimeSpan.Zero));
        await runner.RunDueAsync();

        Assert.Empty(before);
        Assert.Equal("Written by an import", Assert.Single(await smtp.MessagesAsync()).Subject);
    }

    /// <summary>Claims the next job of <c>notices.send</c>, running any other due job on the way.</summary>
    private static async Task<Job> ClaimAsync(JobRunner runner)
    {
        while (await runner.ClaimNextAsync() is { } job)
        {
            if (job.Kind == NoticeSend.Kind)
            {
                return job;
            }

            await runner.RunAsync(job);
        }

        throw new InvalidOperationException("No notice job is due.");
    }

    /// <summary>A fresh database with a delivery lead, a body's secretary and a deactivated person; workers made on demand.</summary>
    private sealed class Scenario
    {
        private Scenario(Database database, int smtpPort)
        {
            Database = database;
            SmtpPort = smtpPort;
        }

        public Database Database { get; }

        public FakeTimeProvider Clock { get; } = new(Start);

        public int SmtpPort { get; }

        public int LeadId { get; private set; }

        public int SecretaryId { get; private set; }

        public int GoneId { get; private set; }

        public string LeadEmail { get; private set; } = "";

        public string SecretaryEmail { get; private set; } = "";

        public static async Task<Scenario> CreateAsync(DatabaseProvider provider, int smtpPort)
        {
            var scenario = new Scenario(await TestDatabase.CreateAsync(provider), smtpPort);
            var suffix = Guid.NewGuid().ToString("N")[..8];
            scenario.LeadEmail = $"lead-{suffix}@example.org";
            scenario.SecretaryEmail = $"secretary-{suffix}@example.org";
            var lead = await TestPeople.AddAsync(scenario.Database, scenario.LeadEmail);
            var secretary = await TestPeople.AddAsync(scenario.Database, scenario.SecretaryEmail);
            var gone = await TestPeople.AddAsync(scenario.Database, $"gone-{suffix}@example.org");
            await using var db = scenario.Database.Open(tracking: true);
            (await db.People.SingleAsync(p => p.Id == lead.Id)).FullName = "Lena Lead";
            (await db.People.SingleAsync(p => p.Id == gone.Id)).DeactivatedAt = Start.AddDays(-1);
            await db.SaveChangesAsync();
            (scenario.LeadId, scenario.SecretaryId, scenario.GoneId) = (lead.Id, secretary.Id, gone.Id);
            return scenario;
        }

        /// <summary>A new worker process, as after a restart: its own container and runner on the same database.</summary>
        public ServiceProvider NewWorker()
        {
            var configuration = new ConfigurationBuilder().Build();
            return WorkerSetup.CreateServices(Database, Clock, services => services
                .AddGoldenThreadReminders(configuration, new MailSettings("127.0.0.1", SmtpPort, "GoldenThread <noreply@council.example>")
                {
                    StartTls = false,
                    SiteAddress = new Uri("https://performance.council.example"),
                })
                .AddGoldenThreadIntervention(configuration));
        }

        /// <summary>Raises the notices as a use case does: through the board, saved in one unit of work.</summary>
        public static async Task RaiseAsync(ServiceProvider worker, params NoticeRequest[] requests)
        {
            await using var scope = worker.CreateAsyncScope();
            var board = scope.ServiceProvider.GetRequiredService<NoticeBoard>();
            await board.RaiseAsync(requests);
            await scope.ServiceProvider.GetRequiredService<GoldenThreadDb>().SaveChangesAsync();
        }

        public async Task DoneAsync(string keyPrefix)
        {
            await using var db = Database.Open(tracking: true);
            await new NoticeBoard(db, Clock).DoneAsync(keyPrefix);
            await db.SaveChangesAsync();
        }

        public async Task<List<Notice>> NoticesAsync()
        {
            await using var db = Database.Open();
            return await db.Notices.OrderBy(n => n.Id).ToListAsync();
        }

        public async Task<List<Job>> SendJobsAsync()
        {
            await using var db = Database.Open();
            return await db.Jobs.Where(j => j.Kind == NoticeSend.Kind).OrderBy(j => j.Id).ToListAsync();
        }
    }
}
