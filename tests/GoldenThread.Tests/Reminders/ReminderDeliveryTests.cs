using GoldenThread.Domain.Returns;
using GoldenThread.Reminders;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Worker;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace GoldenThread.Tests.Reminders;

/// <summary>
/// Reminders reach the test's real SMTP server (aiosmtpd) at the right moments as a fake clock moves across a quarter's
/// deadline, on each database: once each, not for a submitted return, through a restart, and after the server was down.
/// </summary>
public sealed class ReminderDeliveryTests
{
    [Theory, BothDatabases]
    public async Task AcrossTheDeadline_TheOwnerGetsDueSoonThenLate_OnTheRightDays_AndTheSubmittedReturnNothing(DatabaseProvider provider)
    {
        await using var smtp = await SmtpServer.StartAsync();
        var scenario = await ReminderScenario.CreateAsync(provider, smtp.Port);
        await using var worker = scenario.NewWorker();
        var runner = worker.GetRequiredService<JobRunner>();

        var arrivals = new List<(string Day, int Messages)>();
        for (var day = new DateOnly(2009, 10, 12); day <= new DateOnly(2009, 10, 21); day = day.AddDays(1))
        {
            scenario.MoveTo(day, hour: 6);
            await runner.RunDueAsync();
            var before = (await smtp.MessagesAsync()).Count;
            scenario.MoveTo(day, hour: 7);
            await runner.RunDueAsync();
            arrivals.Add((day.ToString("ddd d", System.Globalization.CultureInfo.InvariantCulture), (await smtp.MessagesAsync()).Count - before));
        }

        // Three working days before Friday 16 October is Tuesday 13; the first working day after it is Monday 19.
        Assert.Equal(
            [("Mon 12", 0), ("Tue 13", 1), ("Wed 14", 0), ("Thu 15", 0), ("Fri 16", 0), ("Sat 17", 0), ("Sun 18", 0), ("Mon 19", 1), ("Tue 20", 0), ("Wed 21", 0)],
            arrivals);
        var messages = await smtp.MessagesAsync();
        Assert.All(messages, m => Assert.Equal(scenario.OwnerEmail, Assert.Single(m.To.Mailboxes).Address));
        Assert.All(messages, m => Assert.Equal(scenario.DeputyEmail, Assert.Single(m.Cc.Mailboxes).Address));
        Assert.DoesNotContain(messages, m => m.To.Mailboxes.Concat(m.Cc.Mailboxes).Any(b => b.Address == scenario.SubmitterEmail));

        // The mail folder does not keep the order of arrival within a second: each message is found by its subject.
        var dueSoon = Assert.Single(messages, m => m.Subject == "Your 2009/10 Q2 return is due by Friday 16 October 2009");
        Assert.Contains("Dear Olive Owner,", dueSoon.TextBody, StringComparison.Ordinal);
        Assert.Contains("Your return for 2009/10 Q2 is due by Friday 16 October 2009 (due in 3 working days).", dueSoon.TextBody, StringComparison.Ordinal);
        Assert.Contains($"https://performance.council.example/returns/{scenario.OwnReturnId}", dueSoon.TextBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"https://performance.council.example/returns/{scenario.OwnReturnId}\"", dueSoon.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("the actual and the projected outturn", dueSoon.TextBody, StringComparison.Ordinal);
        Assert.Contains("A copy goes to Derek Deputy, the deputy for these indicators.", dueSoon.TextBody, StringComparison.Ordinal);
        Assert.Equal("auto-generated", dueSoon.Headers["Auto-Submitted"]);
        Assert.Equal($"reminder.{scenario.OwnReturnId}.due_soon.2009-10-13@council.example", dueSoon.MessageId);

        var late = Assert.Single(messages, m => m.Subject == "Your 2009/10 Q2 return is late: it was due by Friday 16 October 2009");
        Assert.Contains("has not been submitted: it is late.", late.TextBody, StringComparison.Ordinal);

        var sent = await scenario.SentAsync();
        Assert.Equal(
            [$"reminder:{scenario.OwnReturnId}:due_soon:2009-10-13", $"reminder:{scenario.OwnReturnId}:late:2009-10-19"],
            sent.Select(s => s.UniqueKey));
        Assert.All(await scenario.SendJobsAsync(), j => Assert.Equal((JobState.Succeeded, 1), (j.State, j.Attempts)));
    }

    [Theory, BothDatabases]
    public async Task PlanningAgain_OnTheSameDay_QueuesAndSendsNothingNew(DatabaseProvider provider)
    {
        await using var smtp = await SmtpServer.StartAsync();
        var scenario = await ReminderScenario.CreateAsync(provider, smtp.Port);
        await using var worker = scenario.NewWorker();
        var runner = worker.GetRequiredService<JobRunner>();
        await runner.RunDueAsync();
        scenario.MoveTo(new DateOnly(2009, 10, 13));
        await runner.RunDueAsync();

        for (var again = 0; again < 2; again++)
        {
            await using var scope = worker.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<JobQueue>().EnqueueAsync(ReminderPlan.Kind);
            scenario.Clock.Advance(TimeSpan.FromMinutes(5));
            await runner.RunDueAsync();
        }

        Assert.Single(await smtp.MessagesAsync());
        Assert.Single(await scenario.SendJobsAsync());
        Assert.Single(await scenario.SentAsync());
    }

    [Theory, BothDatabases]
    public async Task RestartsInTheMiddle_BeforeSendingAndAfterTheServerAccepted_LoseAndDuplicateNone(DatabaseProvider provider)
    {
        await using var smtp = await SmtpServer.StartAsync();
        var scenario = await ReminderScenario.CreateAsync(provider, smtp.Port);
        await using (var first = scenario.NewWorker())
        {
            await first.GetRequiredService<JobRunner>().RunDueAsync();
        }

        // Tuesday: a worker plans, claims the reminder's job and stops before sending it.
        scenario.MoveTo(new DateOnly(2009, 10, 13));
        await using (var dying = scenario.NewWorker())
        {
            var runner = dying.GetRequiredService<JobRunner>();
            Assert.Equal(JobState.Succeeded, await runner.RunAsync(await ClaimAsync(runner, ReminderPlan.Kind)));
            var send = await ClaimAsync(runner, ReminderQueue.SendKind);
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

        // Monday: a worker sends the late reminder (the server accepts it and the send is recorded) and stops before
        // it can mark the job done.
        scenario.MoveTo(new DateOnly(2009, 10, 19));
        await using (var dying = scenario.NewWorker())
        {
            var runner = dying.GetRequiredService<JobRunner>();
            Assert.Equal(JobState.Succeeded, await runner.RunAsync(await ClaimAsync(runner, ReminderPlan.Kind)));
            var send = await ClaimAsync(runner, ReminderQueue.SendKind);
            await using var scope = dying.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredKeyedService<IJobHandler>(ReminderQueue.SendKind).RunAsync(send, CancellationToken.None);
        }

        Assert.Equal(2, (await smtp.MessagesAsync()).Count);

        // The new worker takes it over, finds it sent, and marks it done without sending it again.
        await using (var restarted = scenario.NewWorker())
        {
            scenario.Clock.Advance(new WorkerSettings().Lease + TimeSpan.FromSeconds(1));
            Assert.Equal(1, await restarted.GetRequiredService<JobRunner>().RunDueAsync());
        }

        var messages = await smtp.MessagesAsync();
        Assert.Equal(["Your 2009/10 Q2 return is due by Friday 16 October 2009", "Your 2009/10 Q2 return is late: it was due by Friday 16 October 2009"], messages.Select(m => m.Subject).Order(StringComparer.Ordinal));
        Assert.Equal([(JobState.Succeeded, 2), (JobState.Succeeded, 2)], (await scenario.SendJobsAsync()).Select(j => (j.State, j.Attempts)));
        Assert.Equal(2, (await scenario.SentAsync()).Count);
    }

    [Theory, BothDatabases]
    public async Task MailServerDown_TheJobIsRetriedWithBackOff_AndTheReminderArrivesWhenItIsBack(DatabaseProvider provider)
    {
        var port = SmtpServer.FreePort();
        var scenario = await ReminderScenario.CreateAsync(provider, port);
        await using var worker = scenario.NewWorker();
        var runner = worker.GetRequiredService<JobRunner>();
        await runner.RunDueAsync();
        scenario.MoveTo(new DateOnly(2009, 10, 13));
        await runner.RunDueAsync();
        var afterFirst = Assert.Single(await scenario.SendJobsAsync());
        scenario.Clock.Advance(TimeSpan.FromSeconds(30));
        await runner.RunDueAsync();
        var afterSecond = Assert.Single(await scenario.SendJobsAsync());

        await using var smtp = await SmtpServer.StartAsync(port);
        scenario.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, await runner.RunDueAsync());
        Assert.Empty(await smtp.MessagesAsync());
        scenario.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await runner.RunDueAsync());

        Assert.Equal((JobState.Queued, 1), (afterFirst.State, afterFirst.Attempts));
        Assert.NotNull(afterFirst.LastError);
        Assert.Equal((JobState.Queued, 2), (afterSecond.State, afterSecond.Attempts));
        var message = Assert.Single(await smtp.MessagesAsync());
        Assert.Equal(scenario.OwnerEmail, message.To.Mailboxes.Single().Address);
        var job = Assert.Single(await scenario.SendJobsAsync());
        Assert.Equal((JobState.Succeeded, 3, ReminderQueue.SendAttempts), (job.State, job.Attempts, job.MaxAttempts));
        Assert.Single(await scenario.SentAsync());
    }

    [Theory, BothDatabases]
    public async Task ReturnSubmittedAfterPlanning_BeforeSending_IsNotReminded(DatabaseProvider provider)
    {
        await using var smtp = await SmtpServer.StartAsync();
        var scenario = await ReminderScenario.CreateAsync(provider, smtp.Port);
        await using var worker = scenario.NewWorker();
        var runner = worker.GetRequiredService<JobRunner>();
        await runner.RunDueAsync();
        scenario.MoveTo(new DateOnly(2009, 10, 13));
        await runner.RunAsync(await ClaimAsync(runner, ReminderPlan.Kind));

        await scenario.SetStateAsync(scenario.OwnReturnId, ReturnState.Submitted);
        await runner.RunDueAsync();
        scenario.MoveTo(new DateOnly(2009, 10, 19));
        await runner.RunDueAsync();

        Assert.Empty(await smtp.MessagesAsync());
        Assert.Empty(await scenario.SentAsync());
        Assert.Equal([JobState.Succeeded], (await scenario.SendJobsAsync()).Select(j => j.State));
    }

    [Theory, BothDatabases]
    public async Task Query_IsMailedAtOnceWhenAnnounced_OnceOnly_AndEachNewQueryAgain(DatabaseProvider provider)
    {
        await using var smtp = await SmtpServer.StartAsync();
        var scenario = await ReminderScenario.CreateAsync(provider, smtp.Port);
        await using var worker = scenario.NewWorker();
        var runner = worker.GetRequiredService<JobRunner>();
        await scenario.SetStateAsync(scenario.SubmittedReturnId, ReturnState.Queried, "Q2's figure is ten times Q1's.\nPlease check the units.");
        bool announced;
        await using (var scope = worker.CreateAsyncScope())
        {
            announced = await scope.ServiceProvider.GetRequiredService<ReminderQueue>().QueryRaisedAsync(scenario.SubmittedReturnId);
        }

        await runner.RunDueAsync();
        var first = await smtp.MessagesAsync();

        // The daily plan finds the query again, and sends nothing more.
        scenario.MoveTo(new DateOnly(2009, 10, 12));
        await runner.RunDueAsync();
        var afterPlan = await smtp.MessagesAsync();

        // Answered, then queried a second time: the plan finds the new query without being told.
        await scenario.SetStateAsync(scenario.SubmittedReturnId, ReturnState.Submitted);
        await scenario.SetStateAsync(scenario.SubmittedReturnId, ReturnState.Queried, "Still ten times.");
        scenario.MoveTo(new DateOnly(2009, 10, 13));
        await runner.RunDueAsync();

        Assert.True(announced);
        var query = Assert.Single(first);
        Assert.Equal(scenario.SubmitterEmail, query.To.Mailboxes.Single().Address);
        Assert.Equal("Your 2009/10 Q2 return has a query from the central team", query.Subject);
        Assert.Contains("> Q2's figure is ten times Q1's.\n> Please check the units.", query.TextBody!.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("<blockquote>Q2&#x27;s figure is ten times Q1&#x27;s.<br>", query.HtmlBody!, StringComparison.Ordinal);
        Assert.Single(afterPlan, m => m.Subject!.Contains("query", StringComparison.Ordinal));
        var all = await smtp.MessagesAsync();
        Assert.Equal(2, all.Count(m => m.To.Mailboxes.Single().Address == scenario.SubmitterEmail));
        Assert.Contains(all, m => m.TextBody?.Contains("> Still ten times.", StringComparison.Ordinal) == true);
        Assert.Equal(
            [$"reminder:{scenario.SubmittedReturnId}:queried:1", $"reminder:{scenario.SubmittedReturnId}:queried:2"],
            (await scenario.SentAsync()).Where(s => s.ReturnId == scenario.SubmittedReturnId).Select(s => s.UniqueKey));
    }

    /// <summary>Claims the next job of <paramref name="kind"/>, running any other due job (the tokens' clean-up) on the way.</summary>
    private static async Task<Job> ClaimAsync(JobRunner runner, string kind)
    {
        while (await runner.ClaimNextAsync() is { } job)
        {
            if (job.Kind == kind)
            {
                return job;
            }

            await runner.RunAsync(job);
        }

        throw new InvalidOperationException($"No job of kind {kind} is due.");
    }
}
