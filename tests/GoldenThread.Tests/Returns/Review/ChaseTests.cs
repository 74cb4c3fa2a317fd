using GoldenThread.Accounts;
using GoldenThread.Audit;
using GoldenThread.Domain.Returns;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Timetable;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Tests.Returns.Review;

/// <summary>The smtp server for the chase tests, one per class.</summary>
public sealed class ChaseSmtp : IAsyncLifetime
{
    public SmtpServer Server { get; private set; } = null!;

    public MailSettings Settings => new("127.0.0.1", Server.Port, "GoldenThread <noreply@goldenthread.test>") { StartTls = false, SiteAddress = new Uri("https://goldenthread.example/") };

    public async Task InitializeAsync() => Server = await SmtpServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>Chasing a return: the assignee gets an email at the test's real SMTP server, saying what is missing and whether it is late.</summary>
public sealed class ChaseTests(ChaseSmtp smtp) : IClassFixture<ChaseSmtp>
{
    [Theory, BothDatabases]
    public async Task Chase_LateReturn_MailsTheAssigneeWhatIsMissing_AndNotesWhen(DatabaseProvider provider)
    {
        await using var h = await ReviewHarness.CreateAsync(provider, smtp.Settings);
        var area = await h.Data.CreateAreaAsync(code: $"CH{(int)provider}");
        var indicator = await h.Data.CreateIndicatorAsync(leadOrganisation: h.Council);
        var r = await h.Data.CreateReturnAsync(ReviewHarness.Quarter, h.Lead, state: ReturnState.InProgress);
        await h.Data.CreateReturnLineAsync(r, indicator, area, actual: 12);
        await using (var db = h.Database.Open(tracking: true))
        {
            db.TimetableMilestones.Add(new TimetableMilestone { Period = ReviewHarness.Quarter, Milestone = Domain.Timetable.Milestone.ReturnDeadline, Date = new DateOnly(2010, 1, 14) });
            await db.SaveChangesAsync();
        }

        var outcome = await h.RunAsync(h.Officer, (review, request) => review.ChaseAsync(r.Id, request, CancellationToken.None));

        Assert.True(outcome.Succeeded, string.Join(" ", outcome.Errors.Select(e => e.Message)));
        Assert.Contains($"an email was sent to {h.Lead.Email}", outcome.Done, StringComparison.Ordinal);
        var message = await smtp.Server.WaitForMessageToAsync(h.Lead.Email!);
        Assert.Equal("Reminder: your return for 2009-10-Q3", message.Subject);
        Assert.Contains("It was due by 14 January 2010 and is now late.", message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{indicator.Code} in {area.Code}, 2009-10-Q3: the projected outturn", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("the actual", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://goldenthread.example/returns", message.HtmlBody, StringComparison.Ordinal);
        await using var after = h.Database.Open();
        var stored = await after.Returns.SingleAsync(x => x.Id == r.Id);
        Assert.Equal((ReturnState.InProgress, (DateTimeOffset?)h.Clock.GetUtcNow()), (stored.State, stored.ChasedAt));
        Assert.True(await after.AuditEntries.AnyAsync(e => e.Action == AuditActions.ReturnChased && e.SubjectId == h.Lead.Id));
    }

    [Fact]
    public async Task Chase_SubmittedReturn_IsRefused_AndSendsNothing()
    {
        await using var h = await ReviewHarness.CreateAsync(DatabaseProvider.Sqlite, smtp.Settings);
        var r = await h.Data.CreateReturnAsync(ReviewHarness.Quarter, h.Lead, state: ReturnState.Submitted);

        var outcome = await h.RunAsync(h.Officer, (review, request) => review.ChaseAsync(r.Id, request, CancellationToken.None));

        Assert.Equal("Only a return that has not been submitted can be chased; this one is submitted.", Assert.Single(outcome.Errors).Message);
        Assert.Equal(0, h.Mail.QueuedCount);
    }

    [Fact]
    public async Task Chase_ReturnWithNoAssignee_IsRefused()
    {
        await using var h = await ReviewHarness.CreateAsync(DatabaseProvider.Sqlite, smtp.Settings);
        var r = await h.Data.CreateReturnAsync(ReviewHarness.Quarter, organisation: h.Council);

        var outcome = await h.RunAsync(h.Officer, (review, request) => review.ChaseAsync(r.Id, request, CancellationToken.None));

        Assert.StartsWith("This return has no assignee", Assert.Single(outcome.Errors).Message, StringComparison.Ordinal);
        Assert.Equal(0, h.Mail.QueuedCount);
    }
}
