using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Intervention;
using GoldenThread.Domain.Periods;
using GoldenThread.Domain.Returns;
using GoldenThread.Exceptions;
using GoldenThread.History;
using GoldenThread.Indicators;
using GoldenThread.Partnership;
using GoldenThread.People;
using GoldenThread.Returns;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Worker;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GoldenThread.Tests.Exceptions;

/// <summary>
/// An exception report's life on each database (issue 11, item 2): raised when the return is saved red, drafted, submitted
/// with the return, challenged by the accountable body, answered, accepted, and closed by the system when a later quarter
/// recovers; every step in its history and in the audit trail, and those concerned told.
/// </summary>
public sealed class ExceptionLifeTests
{
    private static readonly DateTimeOffset Now = new(2010, 1, 11, 9, 0, 0, TimeSpan.Zero);
    private static readonly Period Q3 = Period.Parse("2009-10-Q3");
    private static readonly Period Q4 = Period.Parse("2009-10-Q4");

    private static readonly ExceptionInput Partial = new("Fewer officers", null, null, null, null, null, null, null);
    private static readonly ExceptionInput Complete = new("Fewer officers", "Recruit", "By March", "Police", "Two posts", null, null, null);

    [Theory, BothDatabases]
    public async Task Life_RaiseDraftSubmitChallengeAnswerAccept_ThenClosedOnRecovery(DatabaseProvider provider)
    {
        await using var world = await World.CreateAsync(provider);
        var line = await world.LineAsync();

        // Saved red with part of the report: raised by the system, drafted by the lead, the lead told to write it.
        Assert.IsType<EntryOutcome.Saved>(await world.SaveAsync(world.Lead, [new LineInput(line.Id, 80m, 80m, null, null, Partial)]));
        var report = await world.ReportAsync();
        Assert.Equal((ExceptionState.Drafted, Status.Red, world.Body.Id), (report.State, report.Status, report.BodyId));
        Assert.Equal([ExceptionAction.Raise, ExceptionAction.Draft], await world.StepsAsync(report.Id));
        Assert.True(await world.NoticeAsync(world.Lead.Id, NoticeKind.ExceptionToWrite));

        // Submitted complete with the return: the body's secretary is told, the lead's notice is done.
        Assert.IsType<EntryOutcome.Submitted>(await world.SaveAsync(world.Lead, [new LineInput(line.Id, 80m, 80m, null, null, Complete)], submit: true));
        report = await world.ReportAsync();
        Assert.Equal(ExceptionState.Submitted, report.State);
        Assert.Equal(line.ReturnId, report.ReturnId);
        Assert.True(await world.NoticeAsync(world.Secretary.Id, NoticeKind.ExceptionToConsider));
        Assert.False(await world.NoticeAsync(world.Lead.Id, NoticeKind.ExceptionToWrite, open: true));

        // A member of another partnership cannot consider it; a challenge needs its question.
        var refused = await world.RunAsync<ConsiderException, Consideration>(world.Outsider, new Consideration(report.Id, world.ActorOf(world.Outsider), "note", null));
        Assert.Equal("decision", Assert.Single(refused.Errors).Field);
        var noQuestion = await world.RunAsync<ConsiderException, Consideration>(world.Member, new Consideration(report.Id, world.ActorOf(world.Member), "challenge", " "));
        Assert.Equal("text", Assert.Single(noQuestion.Errors).Field);

        var challenged = await world.RunAsync<ConsiderException, Consideration>(world.Member, new Consideration(report.Id, world.ActorOf(world.Member), "challenge", "Why did recruitment slip?"));
        Assert.True(challenged.Succeeded, string.Join(" ", challenged.Errors.Select(e => e.Message)));
        report = await world.ReportAsync();
        Assert.Equal((ExceptionState.Challenged, "Why did recruitment slip?"), (report.State, report.Question));
        Assert.True(await world.NoticeAsync(world.Lead.Id, NoticeKind.ExceptionToWrite, open: true));

        // The member cannot answer for the lead; the lead answers, and it waits for the body again.
        Assert.False((await world.RunAsync<AnswerChallenge, ChallengeAnswer>(world.Member, new ChallengeAnswer(report.Id, world.ActorOf(world.Member), "Because"))).Succeeded);
        Assert.True((await world.RunAsync<AnswerChallenge, ChallengeAnswer>(world.Lead, new ChallengeAnswer(report.Id, world.ActorOf(world.Lead), "Two officers left in December"))).Succeeded);
        Assert.Equal(ExceptionState.Submitted, (await world.ReportAsync()).State);
        Assert.Equal(2, await world.NoticeCountAsync(world.Secretary.Id, NoticeKind.ExceptionToConsider));

        Assert.True((await world.RunAsync<ConsiderException, Consideration>(world.Member, new Consideration(report.Id, world.ActorOf(world.Member), "accept", "Plans agreed"))).Succeeded);
        Assert.Equal(ExceptionState.Accepted, (await world.ReportAsync()).State);

        // Q4 still red: nothing recovers. Q4 green: closed by the system, saying why; a second run closes nothing more.
        await world.Data.CreateValueAsync(world.Indicator, world.Area, Q4.Code, 85m, 85m);
        Assert.Equal(0, await world.ReviewAsync(Q4));
        await using (var db = world.Database.Open(tracking: true))
        {
            var value = await db.Values.SingleAsync(v => v.Period == Q4.Code);
            (value.Actual, value.ProjectedOutturn) = (100m, 100m);
            await db.SaveChangesAsync();
        }

        Assert.Equal(1, await world.ReviewAsync(Q4));
        Assert.Equal(0, await world.ReviewAsync(Q4));
        report = await world.ReportAsync();
        Assert.Equal(ExceptionState.Closed, report.State);
        Assert.Equal($"Green at {Q4.DisplayName}: the status recovered.", report.ClosedReason);
        Assert.Equal(
            [ExceptionAction.Raise, ExceptionAction.Draft, ExceptionAction.Submit, ExceptionAction.Challenge, ExceptionAction.Answer, ExceptionAction.Accept, ExceptionAction.Close],
            await world.StepsAsync(report.Id));
        await using (var db = world.Database.Open())
        {
            var close = await db.ExceptionSteps.SingleAsync(s => s.Action == ExceptionAction.Close);
            Assert.Equal((ExceptionLife.SystemName, (int?)null), (close.Who, close.PersonId));
            var audited = await db.AuditEntries.Where(e => e.SubjectId == report.Id && e.Action.StartsWith("exception_")).CountAsync();
            Assert.Equal(7, audited);
        }
    }

    [Theory, BothDatabases]
    public async Task Submit_FiguresNoLongerNeedingTheReport_ClosesTheRaisedOne(DatabaseProvider provider)
    {
        await using var world = await World.CreateAsync(provider);
        var line = await world.LineAsync();

        await world.SaveAsync(world.Lead, [new LineInput(line.Id, 80m, 80m, null, null, Partial)]);
        Assert.IsType<EntryOutcome.Submitted>(await world.SaveAsync(world.Lead, [new LineInput(line.Id, 100m, 100m, null, null, null)], submit: true));

        var report = await world.ReportAsync();
        Assert.Equal(ExceptionState.Closed, report.State);
        Assert.StartsWith("Not needed: the figures submitted give Green", report.ClosedReason, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task Close_ByTheCentralTeam_NeedsAReason_AndIsRefusedToOthers(DatabaseProvider provider)
    {
        await using var world = await World.CreateAsync(provider);
        var line = await world.LineAsync();
        await world.SaveAsync(world.Lead, [new LineInput(line.Id, 80m, 80m, null, null, Partial)]);
        var report = await world.ReportAsync();
        var admin = await world.PersonAsync("admin@example.org", new Grant(Role.Administrator));

        Assert.False((await world.RunAsync<CloseException, ExceptionClosure>(world.Lead, new ExceptionClosure(report.Id, world.ActorOf(world.Lead), "Done"))).Succeeded);
        Assert.Equal("reason", Assert.Single((await world.RunAsync<CloseException, ExceptionClosure>(admin, new ExceptionClosure(report.Id, world.ActorOf(admin), ""))).Errors).Field);
        Assert.True((await world.RunAsync<CloseException, ExceptionClosure>(admin, new ExceptionClosure(report.Id, world.ActorOf(admin), "Indicator withdrawn from the framework"))).Succeeded);

        report = await world.ReportAsync();
        Assert.Equal((ExceptionState.Closed, "Indicator withdrawn from the framework"), (report.State, report.ClosedReason));
    }

    /// <summary>A quarterly indicator accountable to a partnership (with a secretary and a member), its delivery lead, and Q3's returns issued.</summary>
    internal sealed class World : IAsyncDisposable
    {
        private readonly ServiceProvider _services;

        private World(Database database, TestData data, ServiceProvider services)
        {
            (Database, Data, _services) = (database, data, services);
        }

        public Database Database { get; }

        public TestData Data { get; }

        public Indicator Indicator { get; private set; } = null!;

        public Area Area { get; private set; } = null!;

        public Body Body { get; private set; } = null!;

        public Person Lead { get; private set; } = null!;

        public Person Member { get; private set; } = null!;

        public Person Secretary { get; private set; } = null!;

        public Person Outsider { get; private set; } = null!;

        public int ReturnId { get; private set; }

        public static async Task<World> CreateAsync(DatabaseProvider provider)
        {
            var database = await TestDatabase.CreateAsync(provider);
            var data = new TestData(database);
            var organisation = await data.CreateOrganisationAsync();
            var area = await data.CreateAreaAsync();
            var body = await data.CreateBodyAsync();
            var other = await data.CreateBodyAsync();
            var indicator = await data.CreateIndicatorAsync(leadOrganisation: organisation, body: body);
            await data.CreateTargetAsync(indicator, area, "2009-10", 100m);
            var services = WorkerSetup.CreateServices(database, new FakeTimeProvider(Now), s => s.AddGoldenThreadExceptions());
            var world = new World(database, data, services)
            {
                Indicator = indicator,
                Area = area,
                Body = body,
                Lead = await TestPeople.AddAsync(database, "lead@example.org", new Grant(Role.DeliveryLead, indicator.Id, area.Id)),
                Member = await TestPeople.AddAsync(database, "member@example.org", new Grant(Role.BodyMember, BodyId: body.Id)),
                Secretary = await TestPeople.AddAsync(database, "secretary@example.org", new Grant(Role.BodyMember, BodyId: body.Id)),
                Outsider = await TestPeople.AddAsync(database, "outsider@example.org", new Grant(Role.BodyMember, BodyId: other.Id)),
            };
            await using (var db = database.Open(tracking: true))
            {
                (await db.Bodies.SingleAsync(b => b.Id == body.Id)).SecretaryId = world.Secretary.Id;
                await db.SaveChangesAsync();
            }

            await using (var scope = services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<ReturnIssuer>().IssueAsync(Q3, AuditActor.CommandLine, CancellationToken.None);
            }

            return world;
        }

        public async Task<Person> PersonAsync(string email, params Grant[] grants) => await TestPeople.AddAsync(Database, email, grants);

        public async Task<ReturnLine> LineAsync()
        {
            await using var db = Database.Open();
            var line = await db.ReturnLines.SingleAsync(l => l.AreaId == Area.Id);
            ReturnId = line.ReturnId;
            return line;
        }

        public async Task<EntryOutcome> SaveAsync(Person person, IReadOnlyList<LineInput> lines, bool submit = false)
        {
            await using var scope = _services.CreateAsyncScope();
            var request = new EntryRequest(Who(person), ActorOf(person), FigureSources.Web, null, null);
            return await scope.ServiceProvider.GetRequiredService<ReturnEntry>().SaveAsync(ReturnId, lines, request, submit, CancellationToken.None);
        }

        public async Task<GoldenThread.Administration.AdminChange> RunAsync<TUseCase, TRequest>(Person person, TRequest request)
            where TUseCase : GoldenThread.Administration.AdminUseCase<TRequest>
            where TRequest : notnull
        {
            await using var scope = _services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<TUseCase>().RunAsync(Who(person), request, CancellationToken.None);
        }

        public async Task<int> ReviewAsync(Period current)
        {
            await using var scope = _services.CreateAsyncScope();
            var review = (ExceptionReview)scope.ServiceProvider.GetRequiredKeyedService<IJobHandler>(ExceptionReview.Kind);
            return await review.CloseRecoveredAsync(current, CancellationToken.None);
        }

        public async Task<(int Raised, int Closed)> DataQualityAsync(Period quarter, bool ownersNow = false)
        {
            await using var scope = _services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<DataQualityExceptions>().ReviewAsync(quarter, ownersNow, CancellationToken.None);
        }

        public async Task<ExceptionReport> ReportAsync()
        {
            await using var db = Database.Open();
            return await db.ExceptionReports.SingleAsync(e => e.Kind == ExceptionKind.Performance);
        }

        public async Task<List<ExceptionAction>> StepsAsync(int reportId)
        {
            await using var db = Database.Open();
            return await db.ExceptionSteps.Where(s => s.ExceptionReportId == reportId).OrderBy(s => s.Id).Select(s => s.Action).ToListAsync();
        }

        public async Task<bool> NoticeAsync(int personId, NoticeKind kind, bool open = false)
        {
            await using var db = Database.Open();
            return await db.Notices.AnyAsync(n => n.PersonId == personId && n.Kind == kind && (!open || n.DoneAt == null));
        }

        public async Task<int> NoticeCountAsync(int personId, NoticeKind kind)
        {
            await using var db = Database.Open();
            return await db.Notices.CountAsync(n => n.PersonId == personId && n.Kind == kind);
        }

        public Actor ActorOf(Person person)
        {
            using var db = Database.Open();
            var grants = db.RoleAssignments.Where(r => r.PersonId == person.Id).AsEnumerable().Select(r => r.ToGrant()).ToList();
            return new Actor(person.OrganisationId, grants);
        }

        public async ValueTask DisposeAsync() => await _services.DisposeAsync();

        private static AuditActor Who(Person person) => new(person.Id, person.Email!, null);
    }
}
