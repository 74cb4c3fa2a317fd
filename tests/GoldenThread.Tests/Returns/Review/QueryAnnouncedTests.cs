using GoldenThread.Accounts;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Returns;
using GoldenThread.Reminders;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Web;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Tests.Returns.Review;

/// <summary>The site, signed in as the performance officer, with its mail going to a real SMTP server.</summary>
public sealed class QueryMailHost : WebTestHost, IAsyncLifetime
{
    public SmtpServer Smtp { get; private set; } = null!;

    protected override WebAppOptions Configure(WebAppOptions options) =>
        options with { Mail = new MailSettings("127.0.0.1", Smtp.Port, "GoldenThread <noreply@goldenthread.test>") { StartTls = false } };

    async Task IAsyncLifetime.InitializeAsync()
    {
        Smtp = await SmtpServer.StartAsync();
        await InitializeAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (Smtp is not null)
        {
            await Smtp.DisposeAsync();
        }
    }
}

/// <summary>A query made on the review page is put on the worker's queue to be mailed at once, not at the next daily plan.</summary>
public sealed class QueryAnnouncedTests(QueryMailHost host) : IClassFixture<QueryMailHost>
{
    [Fact]
    public async Task Query_ThroughTheReviewPage_QueuesItsMailAtOnce()
    {
        const string quarter = "2008-09-Q4";
        await using var read = host.Database.Open();
        var officerEmail = host.Account(Role.PerformanceOfficer).Email;
        var ownerEmail = host.Account(Role.IndicatorOwner).Email;
        var officer = await read.People.SingleAsync(p => p.Email == officerEmail);
        var owner = await read.People.SingleAsync(p => p.Email == ownerEmail);
        var r = await new TestData(host.Database).CreateReturnAsync(quarter, owner, organisation: await read.Organisations.SingleAsync(o => o.Id == officer.OrganisationId), state: ReturnState.Submitted);

        using var response = await Forms.PostAsync(host.Client, $"/returns/{r.Id}/review", [new("action", "query"), new("query", "Please confirm the figure against the source system")]);

        response.EnsureSuccessStatusCode();
        await using var db = host.Database.Open();
        var job = await db.Jobs.SingleAsync(j => j.UniqueKey == ReminderQueue.Key(r.Id, Domain.Reminders.ReminderKind.Queried, "1"));
        Assert.Equal(ReminderQueue.SendKind, job.Kind);
    }
}
