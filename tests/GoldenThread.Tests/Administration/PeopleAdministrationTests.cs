using GoldenThread.Administration;
using GoldenThread.Audit;
using GoldenThread.Demo;
using GoldenThread.Domain.Access;
using GoldenThread.People;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using FieldError = GoldenThread.Web.Forms.FieldError;

namespace GoldenThread.Tests.Administration;

/// <summary>
/// The administration services on each database, without the web site: what is stored, what is audited, and
/// what is refused (and then not stored at all).
/// </summary>
public sealed class PeopleAdministrationTests
{
    private static readonly AuditActor Admin = new(null, "admin@example.org", "192.0.2.1");

    [Theory, BothDatabases]
    public async Task GrantAndRemove_StoreTheRole_AuditIt_AndRenewTheSecurityStamp(DatabaseProvider provider)
    {
        var database = await DemoDatabaseAsync(provider);
        var person = await TestPeople.AddAsync(database, "owner@example.org");

        var granted = await RunAsync<GrantRole>(database, (g, ct) => g.RunAsync(Admin, new RoleGrant(person.Id, "indicator_owner", "ni 16"), ct));
        var stampAfterGrant = await StampAsync(database, person.Id);
        var removed = await RunAsync<RemoveRole>(database, (r, ct) => r.RunAsync(Admin, new RoleRemoval(person.Id, granted.Id!.Value), ct));

        Assert.True(granted.Succeeded, string.Join("; ", granted.Errors));
        Assert.Equal("Test Person is now Indicator owner for NI 16.", granted.Done);
        Assert.NotEqual(person.SecurityStamp, stampAfterGrant);
        Assert.True(removed.Succeeded, string.Join("; ", removed.Errors));
        Assert.NotEqual(stampAfterGrant, await StampAsync(database, person.Id));
        await using var db = database.Open();
        Assert.False(await db.RoleAssignments.AnyAsync(r => r.PersonId == person.Id));
        var entries = await db.AuditEntries.Where(e => e.SubjectId == person.Id).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(
            [(AuditActions.RoleGranted, "Granted Indicator owner for NI 16."), (AuditActions.RoleRemoved, "Removed Indicator owner for NI 16.")],
            entries.Select(e => (e.Action, e.Detail)));
        Assert.All(entries, e => Assert.Equal(("admin@example.org", "192.0.2.1", "owner@example.org"), (e.ActorName, e.IpAddress, e.SubjectName)));
    }

    [Theory, BothDatabases]
    public async Task Grant_ThatIsMalformedUnknownOrDuplicate_IsRefusedAndNothingIsStored(DatabaseProvider provider)
    {
        var database = await DemoDatabaseAsync(provider);
        var person = await TestPeople.AddAsync(database, "member@example.org", new Grant(Role.BodyMember, BodyId: await BodyIdAsync(database, "SSC")));

        var noBody = await RunAsync<GrantRole>(database, (g, ct) => g.RunAsync(Admin, new RoleGrant(person.Id, "body_member"), ct));
        var withArea = await RunAsync<GrantRole>(database, (g, ct) => g.RunAsync(Admin, new RoleGrant(person.Id, "indicator_deputy", "NI 16", "HRT"), ct));
        var unknownArea = await RunAsync<GrantRole>(database, (g, ct) => g.RunAsync(Admin, new RoleGrant(person.Id, "target_sponsor", "NI 15", "ATLANTIS"), ct));
        var noRole = await RunAsync<GrantRole>(database, (g, ct) => g.RunAsync(Admin, new RoleGrant(person.Id, "chief"), ct));
        var duplicate = await RunAsync<GrantRole>(database, (g, ct) => g.RunAsync(Admin, new RoleGrant(person.Id, "body_member", BodyCode: "ssc"), ct));

        Assert.Equal(new FieldError("body", "Body member is held for one board or partnership, and only that."), Assert.Single(noBody.Errors));
        Assert.Equal(new FieldError("area", "Indicator deputy is held for one indicator, and only that."), Assert.Single(withArea.Errors));
        Assert.Equal(new FieldError("area", "There is no area with the code ATLANTIS"), Assert.Single(unknownArea.Errors));
        Assert.Equal("role", Assert.Single(noRole.Errors).Field);
        Assert.Equal(new FieldError("role", "Test Person already holds this role"), Assert.Single(duplicate.Errors));
        await using var db = database.Open();
        Assert.Equal(1, await db.RoleAssignments.CountAsync(r => r.PersonId == person.Id));
        Assert.False(await db.AuditEntries.AnyAsync(e => e.SubjectId == person.Id));
    }

    [Theory, BothDatabases]
    public async Task AddPerson_HasNoPassword_AndTheDuplicateEmailIsRefusedWhateverItsCase(DatabaseProvider provider)
    {
        var database = await DemoDatabaseAsync(provider);

        var added = await RunAsync<AddPerson>(database, (a, ct) => a.RunAsync(Admin, new NewPerson(" Ann Other ", "ann.other@example.org", "hbc"), ct));
        var again = await RunAsync<AddPerson>(database, (a, ct) => a.RunAsync(Admin, new NewPerson("Ann Again", "ANN.OTHER@example.org", "HBC"), ct));

        Assert.True(added.Succeeded, string.Join("; ", added.Errors));
        Assert.Equal("email", Assert.Single(again.Errors).Field);
        await using var db = database.Open();
        var person = await db.People.Include(p => p.Organisation).SingleAsync(p => p.Id == added.Id);
        Assert.Equal(("Ann Other", "HBC", (string?)null), (person.FullName, person.Organisation!.Code, person.PasswordHash));
        var entry = await db.AuditEntries.SingleAsync(e => e.SubjectId == person.Id);
        Assert.Equal((AuditActions.PersonCreated, "Added Ann Other (ann.other@example.org) in Hartmere Borough Council (HBC)."), (entry.Action, entry.Detail));
    }

    [Theory, BothDatabases]
    public async Task Deactivate_IsRefusedForOneself_AndRecordedForOthers(DatabaseProvider provider)
    {
        var database = await DemoDatabaseAsync(provider);
        var admin = await TestPeople.AddAsync(database, "self@example.org", new Grant(Role.Administrator));
        var other = await TestPeople.AddAsync(database, "other@example.org");
        var self = new AuditActor(admin.Id, "self@example.org", null);

        var selfRefused = await RunAsync<DeactivatePerson>(database, (d, ct) => d.RunAsync(self, admin.Id, ct));
        var ownRoleRefused = await RunAsync<RemoveRole>(database, async (r, ct) =>
        {
            await using var db = database.Open();
            var role = await db.RoleAssignments.SingleAsync(a => a.PersonId == admin.Id, ct);
            return await r.RunAsync(self, new RoleRemoval(admin.Id, role.Id), ct);
        });
        var deactivated = await RunAsync<DeactivatePerson>(database, (d, ct) => d.RunAsync(self, other.Id, ct));
        var twice = await RunAsync<DeactivatePerson>(database, (d, ct) => d.RunAsync(self, other.Id, ct));

        Assert.Contains("You cannot deactivate yourself", Assert.Single(selfRefused.Errors).Message, StringComparison.Ordinal);
        Assert.Contains("You cannot remove your own administrator role", Assert.Single(ownRoleRefused.Errors).Message, StringComparison.Ordinal);
        Assert.True(deactivated.Succeeded);
        Assert.Contains("already deactivated", Assert.Single(twice.Errors).Message, StringComparison.Ordinal);
        await using var db = database.Open();
        Assert.Null((await db.People.SingleAsync(p => p.Id == admin.Id)).DeactivatedAt);
        Assert.NotNull((await db.People.SingleAsync(p => p.Id == other.Id)).DeactivatedAt);
        Assert.Equal(1, await db.RoleAssignments.CountAsync(r => r.PersonId == admin.Id));
        Assert.Equal([AuditActions.PersonDeactivated], await db.AuditEntries.Where(e => e.Action != AuditActions.BundleImported).Select(e => e.Action).ToListAsync());
    }

    [Theory, BothDatabases]
    public async Task Organisations_AddRefusesATakenCodeWhateverItsCase_AndRenameIsAudited(DatabaseProvider provider)
    {
        var database = await DemoDatabaseAsync(provider);
        await using var services = PeopleServices.Create(database);
        await using var scope = services.CreateAsyncScope();
        var add = scope.ServiceProvider.GetRequiredService<AddOrganisation>();
        var rename = scope.ServiceProvider.GetRequiredService<RenameOrganisation>();
        var organisations = scope.ServiceProvider.GetRequiredService<OrganisationQueries>();

        var taken = await add.RunAsync(Admin, new NewOrganisation("wpol", "Another Police", "police"), CancellationToken.None);
        var badKind = await add.RunAsync(Admin, new NewOrganisation("NEW", "New Body", "quango"), CancellationToken.None);
        var added = await add.RunAsync(Admin, new NewOrganisation("NEW", "New Body", "Voluntary"), CancellationToken.None);
        var renamed = await rename.RunAsync(Admin, new OrganisationRename(added.Id!.Value, "Newer Body"), CancellationToken.None);

        Assert.Equal(new FieldError("code", "The code WPOL is already used by Wessexshire Police"), Assert.Single(taken.Errors));
        Assert.Equal(new FieldError("kind", "Choose a kind of organisation: council, police, health, fire, voluntary, business or other"), Assert.Single(badKind.Errors));
        Assert.True(renamed.Succeeded);
        var list = await organisations.ListAsync(CancellationToken.None);
        Assert.Equal(("Newer Body", Domain.Partnership.OrganisationKind.Voluntary, 0), list.Where(o => o.Code == "NEW").Select(o => (o.Name, o.Kind, o.People)).Single());
        await using var db = database.Open();
        Assert.Equal(
            [AuditActions.OrganisationCreated, AuditActions.OrganisationRenamed],
            await db.AuditEntries.Where(e => e.Action != AuditActions.BundleImported).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
    }

    internal static async Task<Database> DemoDatabaseAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        await DemoBundle.LoadIntoEmptyAsync(db, CancellationToken.None);
        return database;
    }

    /// <summary>Runs a use case resolved from DI, as the pages and the command line do, in a scope of its own.</summary>
    private static async Task<AdminChange> RunAsync<TUseCase>(Database database, Func<TUseCase, CancellationToken, Task<AdminChange>> change)
        where TUseCase : notnull
    {
        await using var services = PeopleServices.Create(database);
        await using var scope = services.CreateAsyncScope();
        return await change(scope.ServiceProvider.GetRequiredService<TUseCase>(), CancellationToken.None);
    }

    private static async Task<string?> StampAsync(Database database, int id)
    {
        await using var db = database.Open();
        return (await db.People.SingleAsync(p => p.Id == id)).SecurityStamp;
    }

    private static async Task<int> BodyIdAsync(Database database, string code)
    {
        await using var db = database.Open();
        return (await db.Bodies.SingleAsync(b => b.Code == code)).Id;
    }
}
