using GoldenThread.Administration;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Indicators;
using GoldenThread.Indicators;
using GoldenThread.People;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GoldenThread.Tests.Indicators;

/// <summary>
/// What the quarterly cycle needs of an indicator, on both databases: changed by the central team (all or nothing,
/// audited in words, owner and deputy as role assignments), imported from the optional columns of indicators.csv,
/// and the list of indicators nobody active owns or deputises for.
/// </summary>
public sealed class IndicatorCycleTests
{
    private const string CycleHeader = "code,title,unit,decimals,polarity,frequency,accumulation,definition,data_source,type,data_quality,risk_level,audited,owner_email,deputy_email";

    [Theory, BothDatabases]
    public async Task ChangeIndicator_EveryField_IsStoredWithTheOwnerReplacedAndAuditedInWords(DatabaseProvider provider)
    {
        var database = await ImportedAsync(provider, new TestBundle().Indicator("NI 1"));
        var indicatorId = await IdOfAsync(database, "NI 1");
        var old = await PersonAsync(database, "old.owner@council.example", "Olive Old", new Grant(Role.IndicatorOwner, indicatorId, null, null));
        var owner = await PersonAsync(database, "new.owner@council.example", "Nina New");
        var deputy = await PersonAsync(database, "deputy@council.example", "Dev Deputy");
        var change = new IndicatorChange("NI 1", "Homes completed in the year.", "Building control", "output", "adequate", "high", "yes", Id(owner), Id(deputy));

        var done = await RunAsync(database, change);

        Assert.True(done.Succeeded, string.Join(" ", done.Errors.Select(e => e.Message)));
        await using var db = database.Open();
        var stored = await db.Indicators.SingleAsync(i => i.Code == "NI 1");
        Assert.Equal(
            ("Homes completed in the year.", "Building control", IndicatorType.Output, DataQualityRating.Adequate, RiskLevel.High, true),
            (stored.Definition, stored.DataSource, stored.Type, stored.DataQuality, stored.RiskLevel, stored.Audited));
        var roles = await db.RoleAssignments.Where(r => r.IndicatorId == indicatorId).Select(r => new { r.PersonId, r.Role }).ToListAsync();
        Assert.Equal([(owner.Id, Role.IndicatorOwner), (deputy.Id, Role.IndicatorDeputy)], roles.Select(r => (r.PersonId, r.Role)).Order());
        var entries = await db.AuditEntries.OrderBy(e => e.Id).Select(e => new { e.Action, e.Detail, e.SubjectId }).ToListAsync();
        var changed = Assert.Single(entries, e => e.Action == AuditActions.IndicatorChanged);
        Assert.Equal(
            "NI 1: definition from not recorded to \"Homes completed in the year.\"; data source from not recorded to \"Building control\"; "
            + "type from not recorded to output; data quality from not recorded to adequate; risk level from not recorded to high; audited from no to yes; "
            + "owner from Olive Old to Nina New; deputy from nobody to Dev Deputy.",
            changed.Detail);
        Assert.Contains(entries, e => e.Action == AuditActions.RoleRemoved && e.SubjectId == old.Id && e.Detail == "Removed Indicator owner for NI 1.");
        Assert.Contains(entries, e => e.Action == AuditActions.RoleGranted && e.SubjectId == owner.Id && e.Detail == "Granted Indicator owner for NI 1.");
        Assert.NotEqual(old.SecurityStamp, (await db.People.SingleAsync(p => p.Id == old.Id)).SecurityStamp);
    }

    [Theory, BothDatabases]
    public async Task ChangeIndicator_BadFields_IsRefusedWholeNamingEachAndChangesNothing(DatabaseProvider provider)
    {
        var database = await ImportedAsync(provider, new TestBundle().Indicator("NI 1"));
        var indicatorId = await IdOfAsync(database, "NI 1");
        var owner = await PersonAsync(database, "owner@council.example", "Owen Owner", new Grant(Role.IndicatorOwner, indicatorId, null, null));
        var gone = await PersonAsync(database, "gone@council.example", "Gary Gone");
        await using (var db = database.Open(tracking: true))
        {
            (await db.People.SingleAsync(p => p.Id == gone.Id)).DeactivatedAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync();
        }

        var done = await RunAsync(database, new IndicatorChange("NI 1", new string('x', Indicator.DefinitionLength + 1), null, "impact", null, null, null, Id(gone), Id(owner)));

        Assert.Equal(["definition", "type", "audited", "owner"], done.Errors.Select(e => e.Field));
        var sameAsOwner = await RunAsync(database, new IndicatorChange("NI 1", null, null, null, null, null, "no", Id(owner), Id(owner)));
        Assert.Equal("Choose someone other than the owner as the deputy", Assert.Single(sameAsOwner.Errors).Message);
        await using var after = database.Open();
        var stored = await after.Indicators.SingleAsync(i => i.Code == "NI 1");
        Assert.Null(stored.Definition);
        Assert.Null(stored.Type);
        Assert.Equal([owner.Id], await after.RoleAssignments.Where(r => r.IndicatorId == indicatorId).Select(r => r.PersonId).ToListAsync());
        Assert.False(await after.AuditEntries.AnyAsync(e => e.Action == AuditActions.IndicatorChanged));
    }

    [Theory, BothDatabases]
    public async Task ChangeIndicator_ChoosingAPresentHolder_KeepsTheOtherHoldersAndChangesNothing(DatabaseProvider provider)
    {
        var database = await ImportedAsync(provider, new TestBundle().Indicator("NI 1"));
        var indicatorId = await IdOfAsync(database, "NI 1");
        var first = await PersonAsync(database, "first@council.example", "Ann First", new Grant(Role.IndicatorOwner, indicatorId, null, null));
        var second = await PersonAsync(database, "second@council.example", "Bob Second", new Grant(Role.IndicatorOwner, indicatorId, null, null));

        var done = await RunAsync(database, new IndicatorChange("NI 1", null, null, null, null, null, "no", Id(first), null));

        Assert.Equal("Nothing was changed: NI 1 already had these details.", done.Done);
        await using var db = database.Open();
        Assert.Equal([first.Id, second.Id], (await db.RoleAssignments.Where(r => r.IndicatorId == indicatorId).Select(r => r.PersonId).ToListAsync()).Order());
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.IndicatorChanged));
    }

    [Theory, BothDatabases]
    public async Task IndicatorProblems_ListsThoseWithoutAnActiveOwnerOrDeputy(DatabaseProvider provider)
    {
        var database = await ImportedAsync(provider, new TestBundle().Indicator("NI 1").Indicator("NI 2").Indicator("NI 3").Indicator("NI 10"));
        var (ni1, ni2, ni3) = (await IdOfAsync(database, "NI 1"), await IdOfAsync(database, "NI 2"), await IdOfAsync(database, "NI 3"));
        await PersonAsync(database, "a@council.example", "Ann", new Grant(Role.IndicatorOwner, ni1, null, null), new Grant(Role.IndicatorOwner, ni2, null, null));
        await PersonAsync(database, "b@council.example", "Ben", new Grant(Role.IndicatorDeputy, ni1, null, null), new Grant(Role.IndicatorDeputy, ni3, null, null));
        var gone = await PersonAsync(database, "c@council.example", "Cal", new Grant(Role.IndicatorOwner, ni3, null, null));
        await using (var db = database.Open(tracking: true))
        {
            (await db.People.SingleAsync(p => p.Id == gone.Id)).DeactivatedAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync();
        }

        await using var read = database.Open();
        var problems = await IndicatorProblems.ListAsync(read, CancellationToken.None);

        Assert.Equal(
            [("NI 2", "No active deputy"), ("NI 3", "No active owner"), ("NI 10", "No active owner or deputy")],
            problems.Select(p => (p.Code, p.Problem)));
    }

    [Theory, BothDatabases]
    public async Task Import_CycleColumns_SetThePropertiesAndTheRoles_AndAnOldBundleLeavesThem(DatabaseProvider provider)
    {
        var database = await ImportedAsync(provider, new TestBundle().Indicator("NI 1"));
        var owner = await PersonAsync(database, "owner@council.example", "Owen Owner");
        var deputy = await PersonAsync(database, "deputy@council.example", "Dana Deputy");
        var next = await PersonAsync(database, "next@council.example", "Nat Next");
        var cycle = new TestBundle().Row(
            "indicators.csv",
            CycleHeader.Split(','),
            ["NI 1", "Indicator NI 1", "number", "1", "higher", "quarterly", "snapshot", "Counted each quarter", "Police records", "outcome", "poor", "medium", "true", "OWNER@council.example", "deputy@council.example"]);

        await ImportAsync(database, cycle);
        var afterCycle = await CycleOfAsync(database);
        await ImportAsync(database, new TestBundle().Indicator("NI 1", polarity: "lower"));
        var afterOld = await CycleOfAsync(database);
        await ImportAsync(database, new TestBundle().Row("indicators.csv", ["code", "title", "unit", "decimals", "polarity", "frequency", "accumulation", "owner_email"], ["NI 1", "Indicator NI 1", "number", "1", "higher", "quarterly", "snapshot", "next@council.example"]));
        var afterNewOwner = await CycleOfAsync(database);

        Assert.Equal(
            ("Counted each quarter", "Police records", IndicatorType.Outcome, DataQualityRating.Poor, RiskLevel.Medium, true),
            (afterCycle.Definition, afterCycle.DataSource, afterCycle.Type, afterCycle.Quality, afterCycle.Risk, afterCycle.Audited));
        Assert.Equal([owner.Id], afterCycle.Owners);
        Assert.Equal([deputy.Id], afterCycle.Deputies);
        Assert.Equal(
            (afterCycle.Definition, afterCycle.DataSource, afterCycle.Type, afterCycle.Quality, afterCycle.Risk, afterCycle.Audited),
            (afterOld.Definition, afterOld.DataSource, afterOld.Type, afterOld.Quality, afterOld.Risk, afterOld.Audited));
        Assert.Equal([owner.Id], afterOld.Owners);
        Assert.Equal([next.Id], afterNewOwner.Owners);
        Assert.Equal([deputy.Id], afterNewOwner.Deputies);
        Assert.Equal("Counted each quarter", afterNewOwner.Definition);
        await using var db = database.Open();
        var roleEntries = await db.AuditEntries.Where(e => e.Action == AuditActions.RoleGranted || e.Action == AuditActions.RoleRemoved).OrderBy(e => e.Id).Select(e => e.Detail).ToListAsync();
        Assert.Equal(
            ["Granted Indicator owner for NI 1, by import.", "Granted Indicator deputy for NI 1, by import.", "Removed Indicator owner for NI 1, by import.", "Granted Indicator owner for NI 1, by import."],
            roleEntries);
    }

    private static async Task<(string? Definition, string? DataSource, IndicatorType? Type, DataQualityRating? Quality, RiskLevel? Risk, bool Audited, int[] Owners, int[] Deputies)> CycleOfAsync(Database database)
    {
        await using var db = database.Open();
        var i = await db.Indicators.SingleAsync(x => x.Code == "NI 1");
        var owners = await db.RoleAssignments.Where(r => r.IndicatorId == i.Id && r.Role == Role.IndicatorOwner).Select(r => r.PersonId).ToArrayAsync();
        var deputies = await db.RoleAssignments.Where(r => r.IndicatorId == i.Id && r.Role == Role.IndicatorDeputy).Select(r => r.PersonId).ToArrayAsync();
        return (i.Definition, i.DataSource, i.Type, i.DataQuality, i.RiskLevel, i.Audited, owners, deputies);
    }

    private static async Task<Database> ImportedAsync(DatabaseProvider provider, TestBundle bundle)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await ImportAsync(database, bundle);
        return database;
    }

    private static async Task ImportAsync(Database database, TestBundle bundle)
    {
        var result = await CliRunner.RunAsync("--database", database.ConnectionString, "import", bundle.Write());
        Assert.True(result.ExitCode == 0, result.Error);
    }

    private static async Task<int> IdOfAsync(Database database, string code)
    {
        await using var db = database.Open();
        return await db.Indicators.Where(i => i.Code == code).Select(i => i.Id).SingleAsync();
    }

    private static async Task<Person> PersonAsync(Database database, string email, string name, params Grant[] grants)
    {
        var person = await TestPeople.AddAsync(database, email, grants);
        await using var db = database.Open(tracking: true);
        (await db.People.SingleAsync(p => p.Id == person.Id)).FullName = name;
        await db.SaveChangesAsync();
        return person;
    }

    private static string Id(Person person) => person.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<AdminChange> RunAsync(Database database, IndicatorChange change)
    {
        await using var services = PeopleServices.Create(database);
        await using var scope = services.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetRequiredService<ChangeIndicator>();
        return await handler.RunAsync(new AuditActor(null, "test", null), change, CancellationToken.None);
    }
}
