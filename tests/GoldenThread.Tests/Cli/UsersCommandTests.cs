using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.People;
using GoldenThread.Storage;
using GoldenThread.Tests.Administration;
using GoldenThread.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GoldenThread.Tests.Cli;

/// <summary><c>users add</c> and <c>users list</c> on each database.</summary>
public sealed class UsersCommandTests
{
    [Theory, BothDatabases]
    public async Task Add_Admin_InANewOrganisation_PrintsAPasswordThatWorks_AndAuditsAsTheCommandLine(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);

        var result = await CliRunner.RunAsync(
            "--database", database.ConnectionString, "users", "add",
            "--email", "first.admin@example.org", "--name", "First Admin", "--organisation", "CST", "--organisation-name", "Central Support Team", "--admin");

        Assert.True(result.ExitCode == 0, result.Error);
        var password = result.Out.Trim();
        Assert.Matches("^[a-z2-9]{4}(-[a-z2-9]{4}){4}$", password);
        Assert.Contains("authenticator app", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(password, result.Error, StringComparison.Ordinal);
        await using (var services = PeopleServices.Create(database))
        await using (var scope = services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
            var person = await users.FindByEmailAsync("first.admin@example.org");
            Assert.NotNull(person);
            Assert.True(await users.CheckPasswordAsync(person, password));
        }

        await using var db = database.Open();
        var stored = await db.People.Include(p => p.Organisation).Include(p => p.Roles).SingleAsync();
        Assert.Equal(("First Admin", "CST", "Central Support Team"), (stored.FullName, stored.Organisation!.Code, stored.Organisation.Name));
        Assert.Equal(Role.Administrator, Assert.Single(stored.Roles).Role);
        var entries = await db.AuditEntries.OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([AuditActions.OrganisationCreated, AuditActions.PersonCreated, AuditActions.RoleGranted], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(("command line", (int?)null, (string?)null), (e.ActorName, e.ActorId, e.IpAddress)));
    }

    [Theory, BothDatabases]
    public async Task Add_WithUnknownOrganisation_DuplicateOrBadEmail_SaysWhyAndStoresNothing(DatabaseProvider provider)
    {
        var database = await PeopleAdministrationTests.DemoDatabaseAsync(provider);
        var existing = await TestPeople.AddAsync(database, "taken@example.org");

        var unknown = await Add(database, "--email", "new@example.org", "--name", "New Person", "--organisation", "NOWHERE");
        var duplicate = await Add(database, "--email", "TAKEN@example.org", "--name", "Someone", "--organisation", "WCC");
        var bad = await Add(database, "--email", "not-an-email", "--name", "Someone", "--organisation", "WCC");
        var badWithNewOrganisation = await Add(database, "--email", "not-an-email", "--name", "Someone", "--organisation", "NEWORG", "--organisation-name", "New Org");

        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("--organisation: there is no organisation with the code 'NOWHERE'", unknown.Error, StringComparison.Ordinal);
        Assert.Contains("--organisation-name", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(1, duplicate.ExitCode);
        Assert.Contains("--email: Test Person already has an account with the email address taken@example.org.", duplicate.Error, StringComparison.Ordinal);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("--email: Enter an email address in the correct format", bad.Error, StringComparison.Ordinal);
        Assert.Equal(1, badWithNewOrganisation.ExitCode);
        Assert.All([unknown, duplicate, bad, badWithNewOrganisation], r => Assert.Equal("", r.Out));
        await using var db = database.Open();
        Assert.Equal([existing.Id], await db.People.Select(p => p.Id).ToListAsync());
        Assert.False(await db.Organisations.AnyAsync(o => o.Code == "NEWORG"));
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action != AuditActions.BundleImported));
    }

    [Theory, BothDatabases]
    public async Task List_ShowsEveryoneWithOrganisationRolesAndStatus(DatabaseProvider provider)
    {
        var database = await PeopleAdministrationTests.DemoDatabaseAsync(provider);
        await Add(database, "--email", "officer@example.org", "--name", "Olu Officer", "--organisation", "WCC");
        await using (var db = database.Open())
        {
            var ssc = await db.Bodies.SingleAsync(b => b.Code == "SSC");
            await TestPeople.AddAsync(database, "member@example.org", new Grant(Role.BodyMember, BodyId: ssc.Id));
        }

        var result = await CliRunner.RunAsync("--database", database.ConnectionString, "users", "list");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Split('\n');
        var officer = Assert.Single(lines, l => l.Contains("officer@example.org", StringComparison.Ordinal));
        Assert.Contains("Olu Officer", officer, StringComparison.Ordinal);
        Assert.Contains("WCC", officer, StringComparison.Ordinal);
        Assert.Contains("none", officer, StringComparison.Ordinal);
        Assert.Contains("Active; two-factor sign-in off", officer, StringComparison.Ordinal);
        var member = Assert.Single(lines, l => l.Contains("member@example.org", StringComparison.Ordinal));
        Assert.Contains("Body member of Safer and Stronger", member, StringComparison.Ordinal);
        Assert.Contains("2 people", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_AcceptsMoreSubcommands_AndHelpNamesThem()
    {
        var extra = new System.CommandLine.Command("token", "Another helper's subcommand.");
        await using var terminal = new GoldenThread.Cli.Terminal(new MemoryStream(), new StringWriter(), false, _ => null);

        var users = UsersCommand.Create(new System.CommandLine.Option<string?>("--database"), terminal, extra);
        var help = await CliRunner.RunAsync("users", "--help");

        Assert.Equal(["add", "list", "token"], users.Subcommands.Select(c => c.Name));
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("add", help.Out, StringComparison.Ordinal);
        Assert.Contains("list", help.Out, StringComparison.Ordinal);
    }

    private static Task<CliRunner.Result> Add(Database database, params string[] options) =>
        CliRunner.RunAsync(["--database", database.ConnectionString, "users", "add", .. options]);
}
