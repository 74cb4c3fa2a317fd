using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.People;
using GoldenThread.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GoldenThread.Tests.Administration;

/// <summary>
/// The administration pages as an administrator (signed in with their authenticator code) uses them: each
/// change shows a success banner, is stored, and leaves its entry in the audit trail; refusals say what and where.
/// </summary>
public sealed class AdminPagesTests(WebTestHost host) : IClassFixture<WebTestHost>
{
    [Fact]
    public async Task Overview_CountsPeopleOrganisationsAndLockouts()
    {
        using var admin = await host.SignInAsync(Role.Administrator);

        var page = await GetAsync(admin, "/admin");

        await using var db = host.Database.Open();
        Assert.Equal($"{await db.People.CountAsync()} people", Text(page, "#people-count"));
        Assert.Equal($"{await db.Organisations.CountAsync()} organisations", Text(page, "#organisations-count"));
        Assert.Equal("/admin", page.QuerySelector(".govuk-service-navigation__item--active a")?.GetAttribute("href"));
    }

    [Fact]
    public async Task AddOrganisation_ListsItWithKindAndAuditsIt()
    {
        using var admin = await host.SignInAsync(Role.Administrator);

        using var response = await Forms.PostAsync(admin, "/admin/organisations", [new("code", "WNHS"), new("name", "Wessexshire NHS Trust"), new("kind", "health")]);
        var page = await ParseAsync(response);

        Assert.Equal("/admin/organisations", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Wessexshire NHS Trust (WNHS) has been added.", Text(page, ".govuk-notification-banner--success"), StringComparison.Ordinal);
        var row = page.QuerySelector("#organisations tr[data-code='WNHS']");
        Assert.NotNull(row);
        Assert.Contains("Health", row.TextContent, StringComparison.Ordinal);
        await using var db = host.Database.Open();
        var entry = await db.AuditEntries.Where(e => e.Action == AuditActions.OrganisationCreated).OrderByDescending(e => e.Id).FirstAsync();
        Assert.Equal(host.Account(Role.Administrator).Email, entry.ActorName);
        Assert.Contains("WNHS", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddOrganisation_WithTakenCodeAndNoKind_SaysWhatAndWhere()
    {
        using var admin = await host.SignInAsync(Role.Administrator);

        using var response = await Forms.PostAsync(admin, "/admin/organisations", [new("code", "wcc"), new("name", new string('x', 201)), new("kind", "")]);
        var page = await ParseAsync(response);

        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        var summary = page.QuerySelectorAll(".govuk-error-summary__list a").Select(a => (a.GetAttribute("href"), a.TextContent.Trim())).ToList();
        Assert.Contains(("#code", "The code WCC is already used by Wessexshire County Council"), summary);
        Assert.Contains(("#name", "The name must be 200 characters or fewer"), summary);
        Assert.Contains(("#kind", "Choose what kind of organisation it is"), summary);
        Assert.NotNull(page.QuerySelector("#code-error"));
        Assert.Contains("govuk-input--error", page.QuerySelector("#code")!.ClassList);
    }

    [Fact]
    public async Task AddOrganisation_WithASlashInTheCodeAndAnOverrideInTheName_IsRefused_AndNothingIsStored()
    {
        using var admin = await host.SignInAsync(Role.Administrator);

        using var response = await Forms.PostAsync(admin, "/admin/organisations", [new("code", "WX/1"), new("name", "Wessex \u202Eecivres"), new("kind", "health")]);
        var page = await ParseAsync(response);

        var summary = page.QuerySelectorAll(".govuk-error-summary__list a").Select(a => (a.GetAttribute("href"), a.TextContent.Trim())).ToList();
        Assert.Contains(("#code", "The code holds a /, which cannot be part of a web address; use another character, such as -"), summary);
        Assert.Contains(("#name", "The name holds the invisible character U+202E, which changes the direction of the text shown after it; remove it"), summary);
        await using var db = host.Database.Open();
        Assert.False(await db.Organisations.AnyAsync(o => o.Code == "WX/1"));
    }

    [Fact]
    public async Task RenameOrganisation_KeepsTheCodeAndAuditsOldAndNew()
    {
        using var admin = await host.SignInAsync(Role.Administrator);
        await using var db = host.Database.Open();
        var organisation = await db.Organisations.SingleAsync(o => o.Code == "WLSC");

        using var response = await Forms.PostAsync(admin, $"/admin/organisations/{organisation.Id}", [new("name", "Skills Funding Agency (Wessexshire)")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var after = host.Database.Open();
        Assert.Equal("Skills Funding Agency (Wessexshire)", (await after.Organisations.SingleAsync(o => o.Code == "WLSC")).Name);
        var entry = await after.AuditEntries.Where(e => e.Action == AuditActions.OrganisationRenamed).OrderByDescending(e => e.Id).FirstAsync();
        Assert.Equal("Renamed WLSC from Learning and Skills Council (Wessexshire) to Skills Funding Agency (Wessexshire).", entry.Detail);
    }

    [Fact]
    public async Task AddPerson_CreatesAnAccountWithoutPassword_AndSaysHowTheySetOne()
    {
        using var admin = await host.SignInAsync(Role.Administrator);

        using var response = await Forms.PostAsync(admin, "/admin/people/add", [new("full-name", "Jo Bloggs"), new("email", "jo.bloggs@police.example"), new("organisation", "WPOL")]);
        var page = await ParseAsync(response);

        Assert.Matches("^/admin/people/[0-9]+$", response.RequestMessage!.RequestUri!.AbsolutePath);
        var banner = Text(page, ".govuk-notification-banner--success");
        Assert.Contains("Jo Bloggs has been added.", banner, StringComparison.Ordinal);
        Assert.Contains("I have forgotten my password", banner, StringComparison.Ordinal);
        await using var db = host.Database.Open();
        var person = await db.People.Include(p => p.Organisation).SingleAsync(p => p.Email == "jo.bloggs@police.example");
        Assert.Null(person.PasswordHash);
        Assert.Equal("WPOL", person.Organisation!.Code);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.PersonCreated && e.SubjectId == person.Id && e.ActorName == host.Account(Role.Administrator).Email));
    }

    [Fact]
    public async Task AddPerson_WithTakenOrBadEmail_IsRefused()
    {
        using var admin = await host.SignInAsync(Role.Administrator);

        using var taken = await Forms.PostAsync(admin, "/admin/people/add", [new("full-name", "Someone Else"), new("email", host.Account(Role.Auditor).Email.ToUpperInvariant()), new("organisation", "WCC")]);
        using var bad = await Forms.PostAsync(admin, "/admin/people/add", [new("full-name", ""), new("email", "not an address"), new("organisation", "NOPE")]);

        Assert.Contains("already has an account with the email address", Text(await ParseAsync(taken), "#email-error"), StringComparison.Ordinal);
        var badPage = await ParseAsync(bad);
        Assert.Contains("Enter the person's full name", Text(badPage, "#full-name-error"), StringComparison.Ordinal);
        Assert.Contains("Enter an email address in the correct format", Text(badPage, "#email-error"), StringComparison.Ordinal);
        Assert.Contains("There is no organisation with the code NOPE", Text(badPage, "#organisation-error"), StringComparison.Ordinal);
        await using var db = host.Database.Open();
        Assert.False(await db.People.AnyAsync(p => p.FullName == "Someone Else"));
    }

    [Fact]
    public async Task People_SearchesByNameOrEmailAndOrganisation_AndShowsRolesAndStatusInWords()
    {
        using var admin = await host.SignInAsync(Role.Administrator);

        var byName = await GetAsync(admin, "/admin/people?q=TURNER");
        var byOrganisation = await GetAsync(admin, "/admin/people?organisation=WPCT");

        var lead = Assert.Single(byName.QuerySelectorAll("#people tbody tr"));
        Assert.Equal(host.Account(Role.DeliveryLead).Email, lead.GetAttribute("data-email"));
        Assert.Equal("Delivery lead for NI 15 in Hartmere", Text(lead, "[data-column='roles']"));
        Assert.Contains("Active", Text(lead, "[data-column='status']"), StringComparison.Ordinal);
        Assert.Contains("Two-factor sign-in off", Text(lead, "[data-column='status']"), StringComparison.Ordinal);
        var member = Assert.Single(byOrganisation.QuerySelectorAll("#people tbody tr"));
        Assert.Equal("Body member of Safer and Stronger Communities Partnership", Text(member, "[data-column='roles']"));
    }

    [Fact]
    public async Task MalformedGrant_IsRefusedWithTheRuleAndNothingIsStored()
    {
        using var admin = await host.SignInAsync(Role.Administrator);
        var person = await TestPeople.AddAsync(host.Database, "malformed.grant@example.org");

        using var noArea = await Forms.PostAsync(admin, $"/admin/people/{person.Id}/grant?role=delivery_lead", [new("role", "delivery_lead"), new("indicator", "NI 15")], $"/admin/people/{person.Id}/grant");
        using var unknown = await Forms.PostAsync(admin, $"/admin/people/{person.Id}/grant?role=indicator_owner", [new("role", "indicator_owner"), new("indicator", "NI 999")], $"/admin/people/{person.Id}/grant");
        using var extra = await Forms.PostAsync(admin, $"/admin/people/{person.Id}/grant?role=auditor", [new("role", "auditor"), new("body", "SSC")], $"/admin/people/{person.Id}/grant");

        Assert.Equal("Delivery lead is held for one indicator in one area.", Text(await ParseAsync(noArea), "#area-error").Replace("Error: ", "", StringComparison.Ordinal));
        Assert.Contains("There is no indicator with the code NI 999", Text(await ParseAsync(unknown), ".govuk-error-summary"), StringComparison.Ordinal);
        Assert.Contains("Auditor is held everywhere, not for an indicator, area or body.", Text(await ParseAsync(extra), ".govuk-error-summary"), StringComparison.Ordinal);
        await using var db = host.Database.Open();
        Assert.False(await db.RoleAssignments.AnyAsync(r => r.PersonId == person.Id));
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.RoleGranted && e.SubjectId == person.Id));
    }

    [Fact]
    public async Task GrantPage_AsksForTheRoleFirst_ThenOnlyWhatItsScopeNeeds()
    {
        using var admin = await host.SignInAsync(Role.Administrator);
        var person = await TestPeople.AddAsync(host.Database, "grant.steps@example.org");

        var choose = await GetAsync(admin, $"/admin/people/{person.Id}/grant");
        var lead = await GetAsync(admin, $"/admin/people/{person.Id}/grant?role=delivery_lead");
        var member = await GetAsync(admin, $"/admin/people/{person.Id}/grant?role=body_member");

        Assert.Equal(Roles.All.Count, choose.QuerySelectorAll("input[type=radio][name=role]").Length);
        Assert.NotNull(choose.QuerySelector("label[for=role]"));
        Assert.NotNull(lead.QuerySelector("select#indicator option[value='NI 15']"));
        Assert.NotNull(lead.QuerySelector("select#area option[value='HRT']"));
        Assert.Null(lead.QuerySelector("select#body"));
        Assert.NotNull(member.QuerySelector("select#body option[value='SSC']"));
        Assert.Null(member.QuerySelector("select#indicator"));
    }

    [Fact]
    public async Task ChangeNameAndOrganisation_AuditsOldAndNew_AndRenewsTheSecurityStamp()
    {
        using var admin = await host.SignInAsync(Role.Administrator);
        var person = await TestPeople.AddAsync(host.Database, "moving.on@example.org");
        var stamp = person.SecurityStamp;

        using var response = await Forms.PostAsync(admin, $"/admin/people/{person.Id}", [new("full-name", "Moving On"), new("organisation", "WFRS")], $"/admin/people/{person.Id}?handler=Details");

        Assert.Contains("details have been changed", Text(await ParseAsync(response), ".govuk-notification-banner--success"), StringComparison.Ordinal);
        await using var db = host.Database.Open();
        var stored = await db.People.Include(p => p.Organisation).SingleAsync(p => p.Id == person.Id);
        Assert.Equal(("Moving On", "WFRS"), (stored.FullName, stored.Organisation!.Code));
        Assert.NotEqual(stamp, stored.SecurityStamp);
        var entries = await db.AuditEntries.Where(e => e.SubjectId == person.Id).ToListAsync();
        Assert.Contains(entries, e => e.Action == AuditActions.PersonChanged && e.Detail == "Name changed from Test Person to Moving On.");
        Assert.Contains(entries, e => e.Action == AuditActions.OrganisationChanged && e.Detail.EndsWith("to Wessexshire Fire and Rescue Service (WFRS).", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeactivateAndReactivate_StopAndAllowSigningIn()
    {
        using var admin = await host.SignInAsync(Role.Administrator);
        var person = await TestPeople.AddAsync(host.Database, "leaver@example.org");
        var path = $"/admin/people/{person.Id}";

        using var deactivated = await Forms.PostAsync(admin, path, [], path + "?handler=Deactivate");
        var signInWhileDeactivated = await SignInWithPasswordAsync("leaver@example.org");
        using var reactivated = await Forms.PostAsync(admin, path, [], path + "?handler=Reactivate");
        var signInAfter = await SignInWithPasswordAsync("leaver@example.org");

        Assert.StartsWith("Deactivated on ", Text(await ParseAsync(deactivated), "#status"), StringComparison.Ordinal);
        Assert.Equal("/account/sign-in", signInWhileDeactivated);
        Assert.Equal("Active", Text(await ParseAsync(reactivated), "#status"));
        Assert.Equal("/", signInAfter);
        await using var db = host.Database.Open();
        var actions = await db.AuditEntries.Where(e => e.SubjectId == person.Id && e.ActorName == host.Account(Role.Administrator).Email).Select(e => e.Action).ToListAsync();
        Assert.Contains(AuditActions.PersonDeactivated, actions);
        Assert.Contains(AuditActions.PersonReactivated, actions);
    }

    [Fact]
    public async Task Administrator_CannotDeactivateThemself_OrRemoveTheirOwnAdministratorRole()
    {
        using var admin = await host.SignInAsync(Role.Administrator);
        await using var db = host.Database.Open();
        var self = await db.People.SingleAsync(p => p.Email == host.Account(Role.Administrator).Email);
        var adminRole = await db.RoleAssignments.SingleAsync(r => r.PersonId == self.Id && r.Role == Role.Administrator);
        var path = $"/admin/people/{self.Id}";

        using var deactivate = await Forms.PostAsync(admin, path, [], path + "?handler=Deactivate");
        using var remove = await Forms.PostAsync(admin, path, [new("role", adminRole.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))], path + "?handler=RemoveRole");

        Assert.Contains("You cannot deactivate yourself", Text(await ParseAsync(deactivate), ".govuk-error-summary"), StringComparison.Ordinal);
        Assert.Contains("You cannot remove your own administrator role", Text(await ParseAsync(remove), ".govuk-error-summary"), StringComparison.Ordinal);
        await using var after = host.Database.Open();
        Assert.Null((await after.People.SingleAsync(p => p.Id == self.Id)).DeactivatedAt);
        Assert.True(await after.RoleAssignments.AnyAsync(r => r.Id == adminRole.Id));
    }

    [Fact]
    public async Task EndLockout_LetsTheLockedOutPersonSignInAgain()
    {
        using var admin = await host.SignInAsync(Role.Administrator);
        var person = await TestPeople.AddAsync(host.Database, "locked.out@example.org");
        await using (var services = PeopleServices.Create(host.Database))
        await using (var scope = services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
            var stored = (await users.FindByIdAsync(person.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))!;
            await users.SetLockoutEndDateAsync(stored, DateTimeOffset.UtcNow.AddMinutes(15));
        }

        var path = $"/admin/people/{person.Id}";
        var before = await GetAsync(admin, path);
        var refused = await SignInWithPasswordAsync("locked.out@example.org");
        using var ended = await Forms.PostAsync(admin, path, [], path + "?handler=EndLockout");
        var signedIn = await SignInWithPasswordAsync("locked.out@example.org");

        Assert.StartsWith("Locked out until ", Text(before, "#status"), StringComparison.Ordinal);
        Assert.Equal("/account/sign-in", refused);
        Assert.Equal("Active", Text(await ParseAsync(ended), "#status"));
        Assert.Equal("/", signedIn);
        await using var db = host.Database.Open();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.LockoutEnded && e.SubjectId == person.Id));
    }

    [Fact]
    public async Task EveryForm_ThatChangesSomething_CarriesAnAntiForgeryToken()
    {
        using var admin = await host.SignInAsync(Role.Administrator);
        var person = await TestPeople.AddAsync(host.Database, "forms@example.org", new Grant(Role.Auditor));
        await using var db = host.Database.Open();
        var organisation = await db.Organisations.FirstAsync();

        foreach (var path in new[] { "/admin/organisations", $"/admin/organisations/{organisation.Id}", "/admin/people/add", $"/admin/people/{person.Id}", $"/admin/people/{person.Id}/grant?role=auditor" })
        {
            var page = await GetAsync(admin, path);
            var forms = page.QuerySelectorAll("main form[method=post]");
            Assert.NotEmpty(forms);
            Assert.All(forms, f => Assert.Single(f.QuerySelectorAll($"input[name='{Forms.TokenField}']")));
        }
    }

    /// <summary>Signs in with the test password in a fresh client; returns the path it ended on.</summary>
    private async Task<string> SignInWithPasswordAsync(string email)
    {
        using var client = host.NewClient();
        using var response = await Forms.PostAsync(client, "/account/sign-in", [new("Email", email), new("Password", TestPeople.Password)]);
        return response.RequestMessage!.RequestUri!.AbsolutePath;
    }

    internal static async Task<IHtmlDocument> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} at {response.RequestMessage?.RequestUri}");
        return await ParseAsync(response);
    }

    internal static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    internal static string Text(AngleSharp.Dom.IParentNode node, string selector) =>
        string.Join(" ", (node.QuerySelector(selector)?.TextContent ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
