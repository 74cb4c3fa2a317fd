using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Periods;
using GoldenThread.Domain.Returns;
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

namespace GoldenThread.Tests.Returns;

/// <summary>Saving and submitting a return on each database: all or nothing, the checks, and what is written.</summary>
public sealed class ReturnEntryTests
{
    private static readonly DateTimeOffset Now = new(2010, 1, 11, 9, 0, 0, TimeSpan.Zero);
    private static readonly Period Q3 = Period.Parse("2009-10-Q3");

    private static readonly ExceptionInput RedReport = new("Fewer officers", "Recruit", "By March", "Police", "Two posts", null, null, null);

    [Theory, BothDatabases]
    public async Task Save_StoresTheDrafts_MovesToInProgress_AndWritesNoFigure(DatabaseProvider provider)
    {
        var world = await World.CreateAsync(provider);
        var line = await world.LineAsync();

        var outcome = await world.SaveAsync(world.Lead, [new LineInput(line.Id, 96m, 101m, "On track", null, null)]);

        Assert.IsType<EntryOutcome.Saved>(outcome);
        await using var db = world.Database.Open();
        var saved = await db.Returns.Include(r => r.Lines).SingleAsync();
        Assert.Equal(ReturnState.InProgress, saved.State);
        Assert.Equal((96m, 101m, "On track"), (saved.Lines[0].Actual, saved.Lines[0].ProjectedOutturn, saved.Lines[0].Note));
        Assert.False(await db.Values.AnyAsync(v => v.Period == Q3.Code));
        Assert.False(await db.FigureRecords.AnyAsync());
        Assert.Single(await db.AuditEntries.Where(e => e.Action == AuditActions.ReturnSaved).ToListAsync());
    }

    [Theory, BothDatabases]
    public async Task Save_OneBadLine_SavesNothing_AndSaysWhereAndWhat(DatabaseProvider provider)
    {
        var world = await World.CreateAsync(provider, secondArea: true);
        var lines = await world.LinesAsync();

        var outcome = await world.SaveAsync(world.Owner, [
            new LineInput(lines[0].Id, 96m, 101m, null, null, null),
            new LineInput(lines[1].Id, 96m, 101m, null, null, null),
            new LineInput(999_999, 1m, 1m, null, null, null),
        ]);
        var tooLarge = await world.SaveAsync(world.Owner, [new LineInput(lines[0].Id, 5_000_000_000_000m, 101m, null, null, null)]);

        var invalid = Assert.IsType<EntryOutcome.Invalid>(outcome);
        Assert.Equal([lines[1].Id, 999_999], invalid.Problems.Select(p => p.LineId));
        Assert.All(invalid.Problems, p => Assert.Contains("not a line of this return", p.Message, StringComparison.Ordinal));
        var large = Assert.Single(Assert.IsType<EntryOutcome.Invalid>(tooLarge).Problems);
        Assert.Equal((lines[0].Id, "actual"), (large.LineId, large.Field));
        Assert.Contains("too large", large.Message, StringComparison.Ordinal);
        await using var db = world.Database.Open();
        Assert.All(await db.ReturnLines.ToListAsync(), l => Assert.Null(l.Actual));
        Assert.Equal(ReturnState.NotStarted, (await db.Returns.FirstAsync()).State);
    }

    [Theory, BothDatabases]
    public async Task Submit_WritesTheValuesRow_TheExceptionReport_AndARecordOfEachField(DatabaseProvider provider)
    {
        var world = await World.CreateAsync(provider);
        var line = await world.LineAsync();

        var outcome = await world.SaveAsync(world.Lead, [new LineInput(line.Id, 80m, 85m, "Behind", null, RedReport)], submit: true);

        Assert.IsType<EntryOutcome.Submitted>(outcome);
        await using var db = world.Database.Open();
        var row = await db.Values.SingleAsync(v => v.Period == Q3.Code);
        Assert.Equal((80m, 85m, "Behind"), (FigureStore.Normalise(row.Actual), FigureStore.Normalise(row.ProjectedOutturn), row.Note));
        var report = await db.ExceptionReports.SingleAsync();
        Assert.Equal((Status.Red, "Fewer officers", "Two posts", Q3.Code), (report.Status, report.Reason, report.Resources, report.Period));
        var records = await db.FigureRecords.OrderBy(r => r.Id).ToListAsync();
        Assert.Equal(
            ["actual", "projected_outturn", "note", "exception.reason", "exception.plans", "exception.timescales", "exception.lead_partners", "exception.resources"],
            records.Select(r => r.Field));
        Assert.All(records, r => Assert.Equal((FigureSources.Web, (int?)world.ReturnId, (int?)null, (int?)world.Lead.Id), (r.Source, r.ReturnId, r.OnBehalfOfId, r.PersonId)));
        var submitted = await db.Returns.SingleAsync();
        Assert.Equal((ReturnState.Submitted, Now, (int?)world.Lead.Id), (submitted.State, submitted.SubmittedAt, submitted.SubmittedById));
        Assert.Single(await db.AuditEntries.Where(e => e.Action == AuditActions.ReturnSubmitted).ToListAsync());
    }

    [Theory, BothDatabases]
    public async Task Submit_WithAnIncompleteException_IsRefusedWhole(DatabaseProvider provider)
    {
        var world = await World.CreateAsync(provider);
        var line = await world.LineAsync();

        var outcome = await world.SaveAsync(world.Lead, [new LineInput(line.Id, 80m, 85m, null, null, RedReport with { Plans = null })], submit: true);

        var invalid = Assert.IsType<EntryOutcome.Invalid>(outcome);
        Assert.Equal(("exception.plans", line.Id), invalid.Problems.Select(p => (p.Field, p.LineId)).Single());
        await using var db = world.Database.Open();
        Assert.False(await db.Values.AnyAsync(v => v.Period == Q3.Code));
        Assert.Null((await db.ReturnLines.SingleAsync()).Actual);
        Assert.False(await db.ExceptionReports.AnyAsync());
        Assert.False(await db.FigureRecords.AnyAsync());
    }

    [Theory, BothDatabases]
    public async Task Submit_ADueFigureLeftEmpty_NeedsACommentSayingWhy_AndANoDataAssurance(DatabaseProvider provider)
    {
        var world = await World.CreateAsync(provider);
        var line = await world.LineAsync();

        var empty = await world.SaveAsync(world.Lead, [new LineInput(line.Id, 100m, null, null, null, null)], submit: true);
        var explained = await world.SaveAsync(
            world.Lead,
            [new LineInput(line.Id, 100m, null, "The survey is late this year", null, new ExceptionInput(null, null, null, null, null, null, null, "Delivery plan on track"))],
            submit: true);

        Assert.Equal(["projected_outturn", "exception.assurance"], Assert.IsType<EntryOutcome.Invalid>(empty).Problems.Select(p => p.Field));
        Assert.IsType<EntryOutcome.Submitted>(explained);
        await using var db = world.Database.Open();
        Assert.Equal(Status.NoData, (await db.ExceptionReports.SingleAsync()).Status);
    }

    [Theory, BothDatabases]
    public async Task Submit_UnusualMovement_IsAWarning_ThatNeedsAMovementNote(DatabaseProvider provider)
    {
        var world = await World.CreateAsync(provider);
        foreach (var (quarter, actual) in new[] { ("2008-09-Q1", 98m), ("2008-09-Q2", 101m), ("2008-09-Q3", 99m), ("2008-09-Q4", 102m), ("2009-10-Q1", 100m), ("2009-10-Q2", 97m) })
        {
            await world.Data.CreateValueAsync(world.Indicator, world.Area, quarter, actual, 100m);
        }

        var line = await world.LineAsync();

        var saved = await world.SaveAsync(world.Lead, [new LineInput(line.Id, 990m, 100m, null, null, null)]);
        var unconfirmed = await world.SubmitAsync(world.Lead);
        var confirmed = await world.SaveAsync(world.Lead, [new LineInput(line.Id, 990m, 100m, null, "A new counting rule from October", null)], submit: true);

        var warning = Assert.Single(Assert.IsType<EntryOutcome.Saved>(saved).Warnings);
        Assert.Equal((line.Id, "actual"), (warning.LineId, warning.Field));
        Assert.Equal("movement_note", Assert.Single(Assert.IsType<EntryOutcome.Invalid>(unconfirmed).Problems).Field);
        Assert.Single(Assert.IsType<EntryOutcome.Submitted>(confirmed).Warnings);
    }

    [Theory, BothDatabases]
    public async Task Submit_ByTheCentralTeam_IsRecordedOnTheAssigneesBehalf(DatabaseProvider provider)
    {
        var world = await World.CreateAsync(provider);
        var line = await world.LineAsync();
        var administrator = await world.PersonAsync("admin@example.org", new Grant(Role.Administrator));

        var outcome = await world.SaveAsync(administrator, [new LineInput(line.Id, 100m, 100m, null, null, null)], submit: true);

        Assert.IsType<EntryOutcome.Submitted>(outcome);
        await using var db = world.Database.Open();
        Assert.All(await db.FigureRecords.ToListAsync(), r => Assert.Equal(((int?)administrator.Id, (int?)world.Lead.Id), (r.PersonId, r.OnBehalfOfId)));
        Assert.Contains("on behalf of", (await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.ReturnSubmitted)).Detail, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task Submit_AfterSignOff_NeedsAReason_RecordsIt_AndClearsTheSignOff(DatabaseProvider provider)
    {
        var world = await World.CreateAsync(provider);
        var line = await world.LineAsync();
        Assert.IsType<EntryOutcome.Submitted>(await world.SaveAsync(world.Lead, [new LineInput(line.Id, 100m, 100m, null, null, null)], submit: true));
        await using (var db = world.Database.Open(tracking: true))
        {
            // What sign-off and reopening leave behind (the signoff helper's ReviewAsync and ReopenAsync).
            var signed = await db.Returns.SingleAsync();
            (signed.State, signed.SignedOffAt, signed.AmendedAfterSignOff) = (ReturnState.InProgress, Now, true);
            (await db.Values.SingleAsync(v => v.Period == Q3.Code)).SignedOffAt = Now;
            await db.SaveChangesAsync();
        }

        var withoutReason = await world.SaveAsync(world.Lead, [new LineInput(line.Id, 104m, 100m, null, null, null)], submit: true);
        var withReason = await world.SaveAsync(world.Lead, [new LineInput(line.Id, 104m, 100m, null, null, null)], submit: true, reason: "Late reports counted");

        var problem = Assert.Single(Assert.IsType<EntryOutcome.Invalid>(withoutReason).Problems);
        Assert.Equal((0, "reason"), (problem.LineId, problem.Field));
        Assert.IsType<EntryOutcome.Submitted>(withReason);
        await using var check = world.Database.Open();
        var row = await check.Values.SingleAsync(v => v.Period == Q3.Code);
        Assert.Null(row.SignedOffAt);
        var amended = await check.FigureRecords.Where(r => r.Reason != null).OrderBy(r => r.Id).ToListAsync();
        Assert.Equal([("actual", "100", "104"), ("signed_off", "signed off", null)], amended.Select(r => (r.Field, r.OldValue, r.NewValue)));
        Assert.All(amended, r => Assert.Equal("Late reports counted", r.Reason));
    }

    [Theory, BothDatabases]
    public async Task Submit_AQueriedReturn_NeedsTheAnswer(DatabaseProvider provider)
    {
        var world = await World.CreateAsync(provider);
        var line = await world.LineAsync();
        await using (var db = world.Database.Open(tracking: true))
        {
            var queried = await db.Returns.SingleAsync();
            (queried.State, queried.Query) = (ReturnState.Queried, "Is the actual right?");
            await db.SaveChangesAsync();
        }

        var unanswered = await world.SaveAsync(world.Lead, [new LineInput(line.Id, 100m, 100m, null, null, null)], submit: true);
        var answered = await world.SaveAsync(world.Lead, [new LineInput(line.Id, 100m, 100m, null, null, null)], submit: true, answer: "Yes, checked");

        Assert.Equal("query_answer", Assert.Single(Assert.IsType<EntryOutcome.Invalid>(unanswered).Problems).Field);
        Assert.IsType<EntryOutcome.Submitted>(answered);
        await using var check = world.Database.Open();
        Assert.Equal("Yes, checked", (await check.Returns.SingleAsync()).QueryAnswer);
    }

    [Theory, BothDatabases]
    public async Task Entry_IsRefusedToOthers_ClosedOnceSubmitted_AndNotFoundForNoReturn(DatabaseProvider provider)
    {
        var world = await World.CreateAsync(provider);
        var line = await world.LineAsync();
        var stranger = await world.PersonAsync("stranger@example.org", new Grant(Role.DeliveryLead, world.Indicator.Id, (await world.Data.CreateAreaAsync()).Id));
        var input = new LineInput(line.Id, 100m, 100m, null, null, null);

        var refused = await world.SaveAsync(stranger, [input]);
        await world.SaveAsync(world.Lead, [input], submit: true);
        var closed = await world.SaveAsync(world.Lead, [input]);
        var missing = await world.Entry.SubmitAsync(999_999, world.Request(world.Lead), CancellationToken.None);

        Assert.IsType<EntryOutcome.Refused>(refused);
        Assert.IsType<EntryOutcome.Closed>(closed);
        Assert.IsType<EntryOutcome.NotFound>(missing);
    }

    /// <summary>A quarterly indicator with a target of 100 in an area, its delivery lead and owner, and Q3's returns issued.</summary>
    private sealed class World : IAsyncDisposable
    {
        private readonly ServiceProvider _services;
        private readonly AsyncServiceScope _scope;

        private World(Database database, TestData data, Indicator indicator, Area area, Person lead, Person owner, ServiceProvider services)
        {
            (Database, Data, Indicator, Area, Lead, Owner, _services) = (database, data, indicator, area, lead, owner, services);
            _scope = services.CreateAsyncScope();
        }

        public Database Database { get; }

        public TestData Data { get; }

        public Indicator Indicator { get; }

        public Area Area { get; }

        public Person Lead { get; }

        public Person Owner { get; }

        public int ReturnId { get; private set; }

        public ReturnEntry Entry => _services.CreateScope().ServiceProvider.GetRequiredService<ReturnEntry>();

        public static async Task<World> CreateAsync(DatabaseProvider provider, bool secondArea = false)
        {
            var database = await TestDatabase.CreateAsync(provider);
            var data = new TestData(database);
            var organisation = await data.CreateOrganisationAsync();
            var area = await data.CreateAreaAsync();
            var indicator = await data.CreateIndicatorAsync(leadOrganisation: organisation);
            await data.CreateTargetAsync(indicator, area, "2009-10", 100m);
            if (secondArea)
            {
                await data.CreateTargetAsync(indicator, await data.CreateAreaAsync(), "2009-10", 100m);
            }

            var lead = await TestPeople.AddAsync(database, "lead@example.org", new Grant(Role.DeliveryLead, indicator.Id, area.Id));
            var owner = await TestPeople.AddAsync(database, "owner@example.org", new Grant(Role.IndicatorOwner, indicator.Id));
            var services = WorkerSetup.CreateServices(database, new FakeTimeProvider(Now));
            var world = new World(database, data, indicator, area, lead, owner, services);
            await using (var scope = services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<ReturnIssuer>().IssueAsync(Q3, AuditActor.CommandLine, CancellationToken.None);
            }

            return world;
        }

        public async Task<Person> PersonAsync(string email, params Grant[] grants) => await TestPeople.AddAsync(Database, email, grants);

        /// <summary>The one line of the lead's return (the indicator in the first area).</summary>
        public async Task<ReturnLine> LineAsync()
        {
            await using var db = Database.Open();
            var line = await db.ReturnLines.SingleAsync(l => l.AreaId == Area.Id);
            ReturnId = line.ReturnId;
            return line;
        }

        /// <summary>The line of the owner's return (the indicator in the second area), then the lead's line, which is not in it.</summary>
        public async Task<IReadOnlyList<ReturnLine>> LinesAsync()
        {
            await using var db = Database.Open();
            var ownerReturn = await db.Returns.Include(r => r.Lines).SingleAsync(r => r.AssigneeId == Owner.Id);
            ReturnId = ownerReturn.Id;
            var leadLine = await db.ReturnLines.SingleAsync(l => l.AreaId == Area.Id);
            return [.. ownerReturn.Lines, leadLine];
        }

        public EntryRequest Request(Person person, string? reason = null, string? answer = null) =>
            new(new AuditActor(person.Id, person.Email!, null), ActorOf(person), FigureSources.Web, reason, answer);

        public async Task<EntryOutcome> SaveAsync(Person person, IReadOnlyList<LineInput> lines, bool submit = false, string? reason = null, string? answer = null)
        {
            await using var scope = _services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ReturnEntry>().SaveAsync(ReturnId, lines, Request(person, reason, answer), submit, CancellationToken.None);
        }

        public async Task<EntryOutcome> SubmitAsync(Person person)
        {
            await using var scope = _services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ReturnEntry>().SubmitAsync(ReturnId, Request(person), CancellationToken.None);
        }

        public async ValueTask DisposeAsync()
        {
            await _scope.DisposeAsync();
            await _services.DisposeAsync();
        }

        private Actor ActorOf(Person person)
        {
            using var db = Database.Open();
            var grants = db.RoleAssignments.Where(r => r.PersonId == person.Id).AsEnumerable().Select(r => r.ToGrant()).ToList();
            return new Actor(person.OrganisationId, grants);
        }
    }
}
