using GoldenThread.Accounts;
using GoldenThread.Administration;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.History;
using GoldenThread.Partnership;
using GoldenThread.People;
using GoldenThread.Returns.Review;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Timetable;
using GoldenThread.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GoldenThread.Tests.Returns.Review;

/// <summary>
/// A fresh database with the people a review needs: an administrator, a performance officer and a lead of one
/// organisation, and an officer of another; the review's use cases run as any of them, on a fake clock.
/// </summary>
public sealed class ReviewHarness : IAsyncDisposable
{
    public const string Quarter = "2009-10-Q3";

    private ReviewHarness(Database database, MailSender mail)
    {
        Database = database;
        Data = new TestData(database);
        Mail = mail;
    }

    public Database Database { get; }

    public TestData Data { get; }

    public MailSender Mail { get; }

    /// <summary>15 January 2010: the third quarter of 2009/10 has ended.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2010, 1, 15, 10, 0, 0, TimeSpan.Zero));

    public Organisation Council { get; private set; } = null!;

    public Organisation Police { get; private set; } = null!;

    public Person Admin { get; private set; } = null!;

    public Person Officer { get; private set; } = null!;

    public Person Lead { get; private set; } = null!;

    public Person PoliceOfficer { get; private set; } = null!;

    public static async Task<ReviewHarness> CreateAsync(DatabaseProvider provider, MailSettings? mail = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var sender = new MailSender(mail, new WebAppOptions(database, []), NullLogger<MailSender>.Instance);
        if (mail is not null)
        {
            await sender.StartAsync(CancellationToken.None);
        }

        var harness = new ReviewHarness(database, sender);
        harness.Council = await harness.Data.CreateOrganisationAsync();
        harness.Police = await harness.Data.CreateOrganisationAsync(kind: Domain.Partnership.OrganisationKind.Police);
        harness.Admin = await harness.AddPersonAsync("admin", harness.Council, new Grant(Role.Administrator));
        harness.Officer = await harness.AddPersonAsync("officer", harness.Council, new Grant(Role.PerformanceOfficer));
        harness.Lead = await harness.AddPersonAsync("lead", harness.Council);
        harness.PoliceOfficer = await harness.AddPersonAsync("police.officer", harness.Police, new Grant(Role.PerformanceOfficer));
        return harness;
    }

    public async Task<Person> AddPersonAsync(string name, Organisation organisation, params Grant[] grants)
    {
        var person = await TestPeople.AddAsync(Database, $"{name}.{Guid.NewGuid():N}@review.example", grants);
        await using var db = Database.Open(tracking: true);
        var stored = await db.People.SingleAsync(p => p.Id == person.Id);
        stored.OrganisationId = organisation.Id;
        stored.FullName = $"{char.ToUpperInvariant(name[0])}{name[1..]} Person";
        await db.SaveChangesAsync();
        return stored;
    }

    /// <summary>The request of a person with the grants they hold.</summary>
    public async Task<ReviewRequest> AsAsync(Person person)
    {
        await using var db = Database.Open();
        var grants = await db.RoleAssignments.Where(r => r.PersonId == person.Id).Select(r => new Grant(r.Role, r.IndicatorId, r.AreaId, r.BodyId)).ToListAsync();
        return new ReviewRequest(new AuditActor(person.Id, person.Email!, "127.0.0.1"), new Actor(person.OrganisationId, grants));
    }

    /// <summary>Runs one review use case as <paramref name="person"/>, in its own database context, as a request would.</summary>
    public async Task<AdminChange> RunAsync(Person person, Func<ReturnReview, ReviewRequest, Task<AdminChange>> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var request = await AsAsync(person);
        await using var db = Database.Open(tracking: true);
        var review = new ReturnReview(db, new AuditLog(db, Clock), new FigureLedger(db, Clock), Clock, new ReportingClock(Clock), Mail);
        return await step(review, request);
    }

    public async ValueTask DisposeAsync()
    {
        await Mail.StopAsync(CancellationToken.None);
        Mail.Dispose();
    }
}
