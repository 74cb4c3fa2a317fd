using GoldenThread.Accounts;
using GoldenThread.Audit;
using GoldenThread.People;
using GoldenThread.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using static GoldenThread.Tests.Accounts.AccountJourneys;

namespace GoldenThread.Tests.Accounts;

/// <summary>Ten wrong passwords lock an account; a password reset, or the lockout running out, is the way back in.</summary>
public sealed class LockoutTests(MailWebTestHost host) : IClassFixture<MailWebTestHost>
{
    private const string LockedMessage = "Enter a correct email address and password";

    [Fact]
    public async Task TenWrongPasswords_LockTheAccount_EvenTheRightPasswordIsThenRefused_AndAllIsAudited()
    {
        const string email = "locked.out@lockout.test";
        var person = await TestPeople.AddAsync(host.Database, email);
        using var client = host.NewClient();

        for (var attempt = 1; attempt <= PasswordRules.AttemptsBeforeLockout; attempt++)
        {
            await SignInWithPasswordAsync(client, email, $"wrong password number {attempt}");
        }

        // Three more tries while it lasts: the lockout is still recorded once, each try as a failed sign-in.
        await SignInWithPasswordAsync(client, email, "another wrong password");
        await SignInWithPasswordAsync(client, email, "and another");
        var (page, path, _) = await SignInWithPasswordAsync(client, email, TestPeople.Password);

        Assert.StartsWith("/account/sign-in", path, StringComparison.Ordinal);
        Assert.Contains(LockedMessage, FieldErrors(page), StringComparison.Ordinal);
        Assert.Null(SignedInName(page));
        var audit = await AuditAboutAsync(host.Database, person.Id);
        Assert.Equal(PasswordRules.AttemptsBeforeLockout - 1, audit.Count(e => e.Action == AuditActions.SignInFailed && e.Detail == "Wrong password."));
        Assert.Equal(3, audit.Count(e => e.Action == AuditActions.SignInFailed && e.Detail.Contains("while locked out", StringComparison.Ordinal)));
        var lockout = Assert.Single(audit, e => e.Action == AuditActions.LockedOut);
        Assert.Contains("after 10 wrong passwords", lockout.Detail, StringComparison.Ordinal);
        Assert.All(audit.Where(e => e.Action != AuditActions.PersonCreated), e => Assert.Equal("127.0.0.1", e.IpAddress));

        // An administrator sees the lockout on the person's page, and the entries in the audit trail.
        using var admin = await host.SignInAsync(GoldenThread.Domain.Access.Role.Administrator);
        var personPage = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await admin.GetStringAsync(new Uri($"/admin/people/{person.Id}", UriKind.Relative)));
        var trail = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await admin.GetStringAsync(new Uri($"/audit?person={Uri.EscapeDataString(email)}", UriKind.Relative)));
        Assert.StartsWith("Locked out until ", personPage.QuerySelector("#status")?.TextContent.Trim(), StringComparison.Ordinal);
        var rows = trail.QuerySelectorAll("main table tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains(AuditActions.Describe(AuditActions.LockedOut), StringComparison.Ordinal) && r.Contains("after 10 wrong passwords", StringComparison.Ordinal));
        Assert.Equal(PasswordRules.AttemptsBeforeLockout + 2, rows.Count(r => r.Contains(AuditActions.Describe(AuditActions.SignInFailed), StringComparison.Ordinal)));
    }

    [Fact]
    public async Task LockedOut_PasswordReset_EndsTheLockout()
    {
        const string email = "reset.out@lockout.test";
        var person = await TestPeople.AddAsync(host.Database, email);
        using var client = host.NewClient();
        for (var attempt = 1; attempt <= PasswordRules.AttemptsBeforeLockout; attempt++)
        {
            await SignInWithPasswordAsync(client, email, $"wrong password number {attempt}");
        }

        await PostAsync(client, "/account/forgot-password", ("Email", email));
        var link = new Uri(ResetLinkIn((await host.Smtp.WaitForMessageToAsync(email)))).PathAndQuery;
        var (done, _, _) = await PostAsync(client, link, ("NewPassword", "cobalt pelican hammock drizzle"));
        var (home, path, _) = await SignInWithPasswordAsync(client, email, "cobalt pelican hammock drizzle");

        Assert.Equal("Your password has been reset", done.QuerySelector("h1")?.TextContent.Trim());
        Assert.Equal("/", path);
        Assert.Equal("Test Person", SignedInName(home));
        var reset = Assert.Single(await AuditAboutAsync(host.Database, person.Id), e => e.Action == AuditActions.PasswordReset);
        Assert.Contains("ended the lockout", reset.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LockedOut_WhenTheLockoutHasRunOut_TheRightPasswordSignsIn()
    {
        const string email = "waited.out@lockout.test";
        var person = await TestPeople.AddAsync(host.Database, email);
        using var client = host.NewClient();
        for (var attempt = 1; attempt <= PasswordRules.AttemptsBeforeLockout; attempt++)
        {
            await SignInWithPasswordAsync(client, email, $"wrong password number {attempt}");
        }

        var (locked, _, _) = await SignInWithPasswordAsync(client, email, TestPeople.Password);

        // The fifteen minutes pass: the lockout's end is moved into the past rather than waited for.
        await using (var scope = host.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
            var stored = await users.FindByIdAsync(person.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(await users.IsLockedOutAsync(stored!));
            await users.SetLockoutEndDateAsync(stored!, DateTimeOffset.UtcNow.AddSeconds(-1));
        }

        var (home, path, _) = await SignInWithPasswordAsync(client, email, TestPeople.Password);

        Assert.Contains(LockedMessage, FieldErrors(locked), StringComparison.Ordinal);
        Assert.Equal("/", path);
        Assert.Equal("Test Person", SignedInName(home));
    }
}
