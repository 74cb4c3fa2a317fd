using System.Text.Json;
using GoldenThread.Audit;
using GoldenThread.Domain.Periods;
using GoldenThread.Domain.Timetable;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Timetable;
using GoldenThread.Worker;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GoldenThread.Tests.Timetable;

/// <summary>
/// Generating a year's timetable and editing it, the operator's holidays, the iCalendar feed over a change of date, and
/// the cycle's actions with the current period they decide, on each database.
/// </summary>
public sealed class TimetableStorageTests
{
    private static readonly DateTimeOffset Now = new(2009, 11, 16, 9, 0, 0, TimeSpan.Zero);
    private static readonly Period Year = Period.Parse("2009-10");
    private static readonly AuditActor Officer = new(null, "officer@example.org", null);

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Theory, BothDatabases]
    public async Task GenerateYear_AgainAfterAPatternChange_MovesPatternDates_KeepsHandEditedOnes_AndRaisesSequenceOnlyOnAChange(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var services = WorkerSetup.CreateServices(database, new FakeTimeProvider(Now));

        var first = await RunAsync(services, (TimetableEditor e) => e.GenerateYearAsync(Year, Officer, default));

        Assert.Equal(new GenerationResult(Added: 54, Changed: 0, Unchanged: 0, KeptEdited: 0, Removed: 0), first);
        Assert.Equal((D(2009, 7, 15), 0, false), await DeadlineAsync(database, "2009-10-Q1"));
        Assert.Equal(D(2009, 12, 15), (await RowAsync(database, "2009-10-Q3", Milestone.FormsIssued)).Date);   // Christmas and Boxing Day skipped

        var changed = await RunAsync(services, (TimetableEditor e) => e.EditQuarterAsync(
            Period.Parse("2009-10-Q2"), [new MilestoneEdit(Milestone.ReturnDeadline, null, D(2009, 10, 19))], Officer, default));
        Assert.Equal(1, changed);
        Assert.Equal((D(2009, 10, 19), 1, true), await DeadlineAsync(database, "2009-10-Q2"));

        var later = TimetablePattern.Default.Rules.Select(r => r.Milestone switch
        {
            Milestone.ReturnDeadline => r with { EndOffset = 12 },
            Milestone.ReturnWindow => r with { EndOffset = 12 },
            _ => r,
        }).ToList();
        Assert.Empty(await RunAsync(services, (TimetableEditor e) => e.SavePatternAsync(later, Officer, default)));
        var second = await RunAsync(services, (TimetableEditor e) => e.GenerateYearAsync(Year, Officer, default));

        Assert.Equal(new GenerationResult(Added: 0, Changed: 7, Unchanged: 46, KeptEdited: 1, Removed: 0), second);
        Assert.Equal((D(2009, 7, 16), 1, false), await DeadlineAsync(database, "2009-10-Q1"));
        Assert.Equal((D(2009, 10, 19), 1, true), await DeadlineAsync(database, "2009-10-Q2"));
        Assert.Equal(0, (await RowAsync(database, "2009-10-Q1", Milestone.FormsIssued)).Sequence);

        var third = await RunAsync(services, (TimetableEditor e) => e.GenerateYearAsync(Year, Officer, default));
        Assert.Equal(new GenerationResult(0, 0, 53, 1, 0), third);

        await using var db = database.Open();
        var entries = await db.AuditEntries.OrderBy(e => e.Id).Select(e => new { e.Action, e.Detail }).ToListAsync();
        Assert.Equal(
            [AuditActions.TimetableGenerated, AuditActions.TimetableEdited, AuditActions.TimetablePatternChanged, AuditActions.TimetableGenerated, AuditActions.TimetableGenerated],
            entries.Select(e => e.Action));
        Assert.Equal("2009/10 Q2: Deadline for all returns from Thursday 15 October 2009 to Monday 19 October 2009.", entries[1].Detail);
    }

    [Theory, BothDatabases]
    public async Task EditQuarter_BackToThePatternsDate_FollowsThePatternAgain(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var services = WorkerSetup.CreateServices(database, new FakeTimeProvider(Now));
        await RunAsync(services, (TimetableEditor e) => e.GenerateYearAsync(Year, Officer, default));
        var q1 = Period.Parse("2009-10-Q1");

        await RunAsync(services, (TimetableEditor e) => e.EditQuarterAsync(q1, [new MilestoneEdit(Milestone.ReturnDeadline, null, D(2009, 7, 17))], Officer, default));
        await RunAsync(services, (TimetableEditor e) => e.EditQuarterAsync(q1, [new MilestoneEdit(Milestone.ReturnDeadline, null, D(2009, 7, 15))], Officer, default));

        Assert.Equal((D(2009, 7, 15), 2, false), await DeadlineAsync(database, "2009-10-Q1"));
    }

    [Theory, BothDatabases]
    public async Task AddedHoliday_MovesTheDatesAcrossItWhenTheYearIsGeneratedAgain_AndIsRefusedTwice(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var services = WorkerSetup.CreateServices(database, new FakeTimeProvider(Now));
        await RunAsync(services, (TimetableEditor e) => e.GenerateYearAsync(Year, Officer, default));

        await RunAsync(services, (TimetableEditor e) => e.AddHolidayAsync(D(2009, 7, 13), "A one-off holiday", Officer, default));
        await RunAsync(services, (TimetableEditor e) => e.GenerateYearAsync(Year, Officer, default));

        Assert.Equal((D(2009, 7, 16), 1, false), await DeadlineAsync(database, "2009-10-Q1"));
        var twice = await Assert.ThrowsAsync<UserFacingException>(() => RunAsync(services, (TimetableEditor e) => e.AddHolidayAsync(D(2009, 7, 13), "Again", Officer, default)));
        Assert.Equal("Monday 13 July 2009 is already in the list of holidays: A one-off holiday.", twice.Message);
        var rule = await Assert.ThrowsAsync<UserFacingException>(() => RunAsync(services, (TimetableEditor e) => e.AddHolidayAsync(D(2009, 12, 28), "Boxing", Officer, default)));
        Assert.Equal("Monday 28 December 2009 is already a bank holiday: Boxing Day (substitute day).", rule.Message);
    }

    [Theory, BothDatabases]
    public async Task CalendarFeed_AfterADateChanges_KeepsEveryUid_AndRaisesThatEventsSequence(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(Now);
        await using var services = WorkerSetup.CreateServices(database, clock);
        await RunAsync(services, (TimetableEditor e) => e.GenerateYearAsync(Year, Officer, default));
        var before = await FeedAsync(database, clock);

        clock.Advance(TimeSpan.FromDays(1));
        await RunAsync(services, (TimetableEditor e) => e.EditQuarterAsync(
            Period.Parse("2009-10-Q2"), [new MilestoneEdit(Milestone.ThematicMeetings, D(2009, 11, 2), D(2009, 11, 13))], Officer, default));
        var after = await FeedAsync(database, clock);

        Assert.Equal(54, before.Events.Count);
        Assert.Equal(before.Events.Select(e => e.Uid).Order(), after.Events.Select(e => e.Uid).Order());
        Assert.Equal(54, after.Events.Select(e => e.Uid).Distinct().Count());
        var was = before.Events.Single(e => e.Uid == "2009-10-Q2-thematic_meetings@example.org");
        var now = after.Events.Single(e => e.Uid == "2009-10-Q2-thematic_meetings@example.org");
        Assert.Equal((0, 1), (was.Sequence, now.Sequence));
        Assert.False(now.DtStart!.HasTime);
        Assert.Equal((new DateOnly(2009, 11, 2), new DateOnly(2009, 11, 14)), (DateOnly.FromDateTime(now.DtStart.Value), DateOnly.FromDateTime(now.DtEnd!.Value)));
        Assert.Equal(Now.AddDays(1).UtcDateTime, now.DtStamp!.AsUtc);
        Assert.All(
            after.Events.Where(e => e.Uid != now.Uid),
            e => Assert.Equal(before.Events.Single(b => b.Uid == e.Uid).Sequence, e.Sequence));
        var deadline = after.Events.Single(e => e.Uid == "2009-10-Q1-return_deadline@example.org");
        Assert.Equal("2009/10 Q1: Deadline for all returns", deadline.Summary);
        Assert.Equal((new DateOnly(2009, 7, 15), new DateOnly(2009, 7, 16)), (DateOnly.FromDateTime(deadline.DtStart!.Value), DateOnly.FromDateTime(deadline.DtEnd!.Value)));
    }

    [Theory, BothDatabases]
    public async Task IssueForms_SetsTheCycle_QueuesReturnsIssueOnce_AndMakesItTheCurrentPeriod(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var person = await TestPeople.AddAsync(database, "officer@example.org");
        var actor = new AuditActor(person.Id, person.Email!, null);
        var clock = new FakeTimeProvider(Now);
        await using var services = WorkerSetup.CreateServices(database, clock);
        var reporting = new ReportingClock(clock);
        var q3 = Period.Parse("2009-10-Q3");
        Assert.Equal(Period.Parse("2009-10-Q2"), await CurrentAsync(database, reporting));

        var issued = await RunAsync(services, (CycleActions c) => c.IssueFormsAsync(q3, actor, reporting.Today, default));
        var again = await RunAsync(services, (CycleActions c) => c.IssueFormsAsync(q3, actor, reporting.Today, default));

        Assert.True(issued.Done, issued.Message);
        Assert.Equal((false, "The 2009/10 Q3 forms were already issued on Monday 16 November 2009."), (again.Done, again.Message));
        Assert.Equal(q3, await CurrentAsync(database, reporting));
        await using var db = database.Open();
        var cycle = await db.PeriodCycles.SingleAsync();
        Assert.Equal(("2009-10-Q3", q3.StartOrdinal, Now, person.Id, (DateTimeOffset?)null), (cycle.Period, cycle.PeriodStart, cycle.FormsIssuedAt!.Value, cycle.FormsIssuedById!.Value, cycle.ClosedAt));
        var job = await db.Jobs.SingleAsync(j => j.Kind == "returns.issue");
        Assert.Equal("returns.issue:2009-10-Q3", job.UniqueKey);
        Assert.Equal("2009-10-Q3", JsonDocument.Parse(job.Payload).RootElement.GetProperty("period").GetString());
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.FormsIssued);
        Assert.Equal((person.Id, "2009-10-Q3"), (entry.ActorId!.Value, entry.SubjectName));
    }

    [Theory, BothDatabases]
    public async Task IssueForms_QuarterNotStarted_IsRefused_AndCloseNeedsIssuedForms(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(Now);
        await using var services = WorkerSetup.CreateServices(database, clock);
        var today = new ReportingClock(clock).Today;

        var future = await RunAsync(services, (CycleActions c) => c.IssueFormsAsync(Period.Parse("2009-10-Q4"), Officer, today, default));
        var early = await RunAsync(services, (CycleActions c) => c.CloseAsync(Period.Parse("2009-10-Q3"), Officer, default));

        Assert.Equal((false, "2009/10 Q4 has not started yet: its forms can be issued from Friday 1 January 2010."), (future.Done, future.Message));
        Assert.Equal((false, "The 2009/10 Q3 forms have not been issued: a cycle is closed after its forms were issued."), (early.Done, early.Message));
        await using var db = database.Open();
        Assert.Empty(await db.PeriodCycles.ToListAsync());
        Assert.Empty(await db.Jobs.Where(j => j.Kind == CycleActions.IssueReturnsJob).ToListAsync());
    }

    [Theory, BothDatabases]
    public async Task CurrentPeriod_IsTheLatestOpenCycle_ElseTheLatestEndedQuarter(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2010, 2, 1, 9, 0, 0, TimeSpan.Zero));
        await using var services = WorkerSetup.CreateServices(database, clock);
        var reporting = new ReportingClock(clock);
        var (q2, q3) = (Period.Parse("2009-10-Q2"), Period.Parse("2009-10-Q3"));
        Assert.Equal(q3, await CurrentAsync(database, reporting));   // the latest ended, with no cycle

        await RunAsync(services, (CycleActions c) => c.IssueFormsAsync(q2, Officer, reporting.Today, default));
        Assert.Equal(q2, await CurrentAsync(database, reporting));   // an open cycle wins over the calendar
        await RunAsync(services, (CycleActions c) => c.IssueFormsAsync(q3, Officer, reporting.Today, default));
        Assert.Equal(q3, await CurrentAsync(database, reporting));   // the latest open cycle
        var closed = await RunAsync(services, (CycleActions c) => c.CloseAsync(q3, Officer, default));
        Assert.True(closed.Done);
        Assert.Equal(q2, await CurrentAsync(database, reporting));
        await RunAsync(services, (CycleActions c) => c.CloseAsync(q2, Officer, default));
        Assert.Equal(q3, await CurrentAsync(database, reporting));   // none open: the calendar again
        var reissue = await RunAsync(services, (CycleActions c) => c.IssueFormsAsync(q3, Officer, reporting.Today, default));
        Assert.False(reissue.Done);
    }

    [Theory, BothDatabases]
    public async Task FormsIssuerJob_OnTheFormsDate_IssuesThatQuarterOnly(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2009, 12, 15, 6, 0, 0, TimeSpan.Zero));
        await using var services = WorkerSetup.CreateServices(database, clock);
        await RunAsync(services, (TimetableEditor e) => e.GenerateYearAsync(Year, Officer, default));
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<JobQueue>().EnqueueAsync(FormsIssuer.Kind);
        }

        await services.GetRequiredService<JobRunner>().RunDueAsync();

        await using var db = database.Open();
        var cycle = await db.PeriodCycles.SingleAsync();
        Assert.Equal(("2009-10-Q3", (int?)null), (cycle.Period, cycle.FormsIssuedById));
        Assert.Equal("worker", (await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.FormsIssued)).ActorName);
        Assert.True(await db.Jobs.AnyAsync(j => j.UniqueKey == "returns.issue:2009-10-Q3"));
    }

    [Theory, BothDatabases]
    public async Task FormsIssuerJob_TheDayBefore_IssuesNothing(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2009, 12, 14, 6, 0, 0, TimeSpan.Zero));
        await using var services = WorkerSetup.CreateServices(database, clock);
        await RunAsync(services, (TimetableEditor e) => e.GenerateYearAsync(Year, Officer, default));
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<JobQueue>().EnqueueAsync(FormsIssuer.Kind);
        }

        await services.GetRequiredService<JobRunner>().RunDueAsync();

        await using var db = database.Open();
        Assert.Empty(await db.PeriodCycles.ToListAsync());
        Assert.Equal(JobState.Succeeded, (await db.Jobs.SingleAsync(j => j.Kind == FormsIssuer.Kind && j.State != JobState.Queued)).State);
    }

    private static async Task<T> RunAsync<TService, T>(ServiceProvider services, Func<TService, Task<T>> action)
        where TService : notnull
    {
        await using var scope = services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    private static async Task RunAsync<TService>(ServiceProvider services, Func<TService, Task> action)
        where TService : notnull
    {
        await using var scope = services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    private static async Task<TimetableMilestone> RowAsync(Database database, string period, Milestone milestone)
    {
        await using var db = database.Open();
        return await db.TimetableMilestones.SingleAsync(m => m.Period == period && m.Milestone == milestone);
    }

    private static async Task<(DateOnly Date, int Sequence, bool Edited)> DeadlineAsync(Database database, string period)
    {
        var row = await RowAsync(database, period, Milestone.ReturnDeadline);
        return (row.Date, row.Sequence, row.Edited);
    }

    private static async Task<Period> CurrentAsync(Database database, ReportingClock clock)
    {
        await using var db = database.Open();
        return await clock.CurrentPeriodAsync(db, default);
    }

    private static async Task<Ical.Net.Calendar> FeedAsync(Database database, TimeProvider clock)
    {
        await using var db = database.Open();
        var feed = TimetableCalendar.Write(await db.TimetableMilestones.ToListAsync(), clock.GetUtcNow(), "example.org");

        // All-day events, as Outlook needs them to show on the day whatever the reader's time zone.
        Assert.Contains("DTSTART;VALUE=DATE:20090715\r\n", feed, StringComparison.Ordinal);
        Assert.Contains("DTEND;VALUE=DATE:20090716\r\n", feed, StringComparison.Ordinal);
        return Ical.Net.Calendar.Load(feed)!;
    }
}
