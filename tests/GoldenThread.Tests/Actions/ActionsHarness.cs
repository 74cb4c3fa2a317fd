using GoldenThread.Actions;
using GoldenThread.Administration;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Partnership;
using GoldenThread.Indicators;
using GoldenThread.Intervention;
using GoldenThread.Notices;
using GoldenThread.Partnership;
using GoldenThread.People;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Timetable;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace GoldenThread.Tests.Actions;

/// <summary>
/// A fresh database with a thematic partnership escalating to an executive board (with a secretary), an indicator the
/// partnership is accountable for in an area, its delivery lead, another pair's delivery lead, an executive board member
/// and an auditor; the ladder's use cases run as any of them, on a fake clock (15 October 2009: 2009/10 Q2 has ended).
/// </summary>
public sealed class ActionsHarness
{
    public const string Quarter = "2009-10-Q2";

    private ActionsHarness(Database database)
    {
        Database = database;
        Data = new TestData(database);
    }

    public Database Database { get; }

    public TestData Data { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2009, 10, 15, 10, 0, 0, TimeSpan.Zero));

    public Body Board { get; private set; } = null!;

    public Body Partnership { get; private set; } = null!;

    public Indicator Indicator { get; private set; } = null!;

    public Area Area { get; private set; } = null!;

    public Area OtherArea { get; private set; } = null!;

    public Person Lead { get; private set; } = null!;

    public Person OtherLead { get; private set; } = null!;

    public Person BoardMember { get; private set; } = null!;

    public Person Secretary { get; private set; } = null!;

    public static async Task<ActionsHarness> CreateAsync(DatabaseProvider provider)
    {
        var h = new ActionsHarness(await TestDatabase.CreateAsync(provider));
        h.Board = await h.Data.CreateBodyAsync(kind: BodyKind.ExecutiveBoard);
        h.Partnership = await h.Data.CreateBodyAsync(escalatesTo: h.Board);
        h.Indicator = await h.Data.CreateIndicatorAsync(body: h.Partnership);
        h.Area = await h.Data.CreateAreaAsync();
        h.OtherArea = await h.Data.CreateAreaAsync();
        h.Lead = await h.AddPersonAsync("lead", new Grant(Role.DeliveryLead, h.Indicator.Id, h.Area.Id));
        h.OtherLead = await h.AddPersonAsync("other.lead", new Grant(Role.DeliveryLead, h.Indicator.Id, h.OtherArea.Id));
        h.BoardMember = await h.AddPersonAsync("board", new Grant(Role.BodyMember, BodyId: h.Board.Id));
        h.Secretary = await h.AddPersonAsync("secretary", new Grant(Role.BodyMember, BodyId: h.Board.Id));
        await using var db = h.Database.Open(tracking: true);
        (await db.Bodies.SingleAsync(b => b.Id == h.Board.Id)).SecretaryId = h.Secretary.Id;
        await db.SaveChangesAsync();
        return h;
    }

    public async Task<Person> AddPersonAsync(string name, params Grant[] grants)
    {
        var person = await TestPeople.AddAsync(Database, $"{name}.{Guid.NewGuid():N}@actions.example", grants);
        await using var db = Database.Open(tracking: true);
        var stored = await db.People.SingleAsync(p => p.Id == person.Id);
        stored.FullName = $"{char.ToUpperInvariant(name[0])}{name[1..]} Person";
        await db.SaveChangesAsync();
        return stored;
    }

    /// <summary>The access rules' view of the person, with the grants they hold now.</summary>
    public async Task<Actor> ActorAsync(Person person)
    {
        await using var db = Database.Open();
        var grants = await db.RoleAssignments.Where(r => r.PersonId == person.Id).Select(r => new Grant(r.Role, r.IndicatorId, r.AreaId, r.BodyId)).ToListAsync();
        return new Actor(person.OrganisationId, grants);
    }

    /// <summary>Runs one use case as <paramref name="person"/> in its own database context, as a request would.</summary>
    public async Task<AdminChange> RunAsync<TRequest>(Person person, Func<GoldenThreadDb, AuditLog, NoticeBoard, AdminUseCase<TRequest>> create, Func<Actor, TRequest> request)
        where TRequest : notnull
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(request);
        var actor = await ActorAsync(person);
        await using var db = Database.Open(tracking: true);
        var useCase = create(db, new AuditLog(db, Clock), new NoticeBoard(db, Clock));
        return await useCase.RunAsync(new AuditActor(person.Id, person.Email!, "127.0.0.1"), request(actor), CancellationToken.None);
    }

    public ReportingClock Reporting => new(Clock);

    /// <summary>Figures that put the pair off trajectory in each of <paramref name="offQuarters"/> (actual 50 against a profile of 100) and on it in the others given.</summary>
    public async Task FiguresAsync(Indicator indicator, Area area, IEnumerable<string> offQuarters, IEnumerable<string>? onQuarters = null)
    {
        foreach (var quarter in offQuarters)
        {
            await Data.CreateTargetAsync(indicator, area, quarter, 100);
            await Data.CreateValueAsync(indicator, area, quarter, actual: 50, projectedOutturn: 50);
        }

        foreach (var quarter in onQuarters ?? [])
        {
            await Data.CreateTargetAsync(indicator, area, quarter, 100);
            await Data.CreateValueAsync(indicator, area, quarter, actual: 120, projectedOutturn: 120);
        }
    }
}
