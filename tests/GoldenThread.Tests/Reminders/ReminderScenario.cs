using GoldenThread.Accounts;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Returns;
using GoldenThread.Domain.Timetable;
using GoldenThread.Reminders;
using GoldenThread.Returns;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Timetable;
using GoldenThread.Worker;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GoldenThread.Tests.Reminders;

/// <summary>
/// One quarter in the cycle, on a fresh database: 2009/10 Q2, forms issued, return deadline Friday 16 October 2009; an
/// indicator owner's return not started (their deputy copied in), and another person's return already submitted. The
/// clock starts at midnight on Monday 12 October; workers are made on demand, each a new <see cref="JobRunner"/>.
/// </summary>
public sealed class ReminderScenario
{
    public const string Period = "2009-10-Q2";
    public static readonly DateOnly Deadline = new(2009, 10, 16);
    public static readonly DateTimeOffset Start = new(2009, 10, 12, 0, 0, 0, TimeSpan.Zero);

    private ReminderScenario(Database database, FakeTimeProvider clock, int smtpPort)
    {
        Database = database;
        Clock = clock;
        SmtpPort = smtpPort;
    }

    public Database Database { get; }

    public FakeTimeProvider Clock { get; }

    public int SmtpPort { get; }

    public string OwnerEmail { get; private set; } = "";

    public string DeputyEmail { get; private set; } = "";

    public string SubmitterEmail { get; private set; } = "";

    public int OwnReturnId { get; private set; }

    public int SubmittedReturnId { get; private set; }

    public static async Task<ReminderScenario> CreateAsync(DatabaseProvider provider, int smtpPort)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var scenario = new ReminderScenario(database, new FakeTimeProvider(Start), smtpPort);
        await scenario.SeedAsync();
        return scenario;
    }

    /// <summary>A new worker process, as after a restart: its own container and runner on the same database.</summary>
    public ServiceProvider NewWorker(int daysBefore = 3) =>
        WorkerSetup.CreateServices(Database, Clock, services => services.AddGoldenThreadReminders(
            new ConfigurationBuilder().AddInMemoryCollection([new("GoldenThread:Reminders:DaysBefore", daysBefore.ToString(System.Globalization.CultureInfo.InvariantCulture))]).Build(),
            new MailSettings("127.0.0.1", SmtpPort, "GoldenThread <noreply@council.example>")
            {
                StartTls = false,
                SiteAddress = new Uri("https://performance.council.example"),
            }));

    /// <summary>Moves the clock to <paramref name="day"/> at <paramref name="hour"/>:01 UTC.</summary>
    public void MoveTo(DateOnly day, int hour = 7)
    {
        var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 1)), TimeSpan.Zero);
        Assert.True(at >= Clock.GetUtcNow(), "The clock only moves forward.");
        Clock.SetUtcNow(at);
    }

    public async Task<List<Job>> SendJobsAsync()
    {
        await using var db = Database.Open();
        return await db.Jobs.Where(j => j.Kind == ReminderQueue.SendKind).OrderBy(j => j.Id).ToListAsync();
    }

    public async Task<List<ReminderSent>> SentAsync()
    {
        await using var db = Database.Open();
        return await db.RemindersSent.OrderBy(r => r.Id).ToListAsync();
    }

    public async Task SetStateAsync(int returnId, ReturnState state, string? query = null)
    {
        await using var db = Database.Open(tracking: true);
        var found = await db.Returns.SingleAsync(r => r.Id == returnId);
        found.State = state;
        if (state == ReturnState.Submitted)
        {
            found.SubmittedAt = Clock.GetUtcNow();
        }

        if (state == ReturnState.Queried)
        {
            found.Query = query;
            found.QueryCount++;
        }

        await db.SaveChangesAsync();
    }

    private async Task SeedAsync()
    {
        var data = new TestData(Database);
        var area = await data.CreateAreaAsync(name: "Wessexshire");
        var indicator = await data.CreateIndicatorAsync();
        var other = await data.CreateIndicatorAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        OwnerEmail = $"owner-{suffix}@example.org";
        DeputyEmail = $"deputy-{suffix}@example.org";
        SubmitterEmail = $"lead-{suffix}@example.org";
        var owner = await TestPeople.AddAsync(Database, OwnerEmail, new Grant(Role.IndicatorOwner, indicator.Id));
        var deputy = await TestPeople.AddAsync(Database, DeputyEmail, new Grant(Role.IndicatorDeputy, indicator.Id));
        var submitter = await TestPeople.AddAsync(Database, SubmitterEmail, new Grant(Role.IndicatorOwner, other.Id));

        await using var db = Database.Open(tracking: true);
        (await db.People.SingleAsync(p => p.Id == owner.Id)).FullName = "Olive Owner";
        (await db.People.SingleAsync(p => p.Id == deputy.Id)).FullName = "Derek Deputy";
        var quarter = Domain.Periods.Period.Parse(Period);
        db.PeriodCycles.Add(new PeriodCycle { Period = Period, PeriodStart = quarter.StartOrdinal, FormsIssuedAt = Start.AddDays(-20) });
        db.TimetableMilestones.Add(new TimetableMilestone { Period = Period, Milestone = Milestone.ReturnDeadline, Date = Deadline });
        var own = new Return { Period = Period, AssigneeId = owner.Id, OrganisationId = owner.OrganisationId, State = ReturnState.NotStarted, IssuedAt = Start.AddDays(-20) };
        own.Lines.Add(new ReturnLine { IndicatorId = indicator.Id, AreaId = area.Id, Period = Period, PeriodStart = quarter.StartOrdinal, ActualDue = true, ProjectedOutturnDue = true });
        var submitted = new Return
        {
            Period = Period,
            AssigneeId = submitter.Id,
            OrganisationId = submitter.OrganisationId,
            State = ReturnState.Submitted,
            IssuedAt = Start.AddDays(-20),
            SubmittedAt = Start.AddDays(-1),
        };
        submitted.Lines.Add(new ReturnLine { IndicatorId = other.Id, AreaId = area.Id, Period = Period, PeriodStart = quarter.StartOrdinal, ActualDue = true, ProjectedOutturnDue = true });
        db.Returns.AddRange(own, submitted);
        await db.SaveChangesAsync();
        OwnReturnId = own.Id;
        SubmittedReturnId = submitted.Id;
    }
}
