using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Tests.Infrastructure;
using static GoldenThread.Tests.Accounts.AccountJourneys;
using User = GoldenThread.Tests.Accounts.TestIdentityProvider.User;

namespace GoldenThread.Tests.Accounts;

/// <summary>
/// Single sign-on against a real OpenID Connect provider on loopback, followed through every redirect with a
/// client that keeps cookies, as a browser without JavaScript would.
/// </summary>
public sealed class SingleSignOnTests(SingleSignOnWebTestHost host) : IClassFixture<SingleSignOnWebTestHost>
{
    [Fact]
    public async Task SignInPage_OffersTheProvider()
    {
        var (page, _, _) = await GetAsync(host.NewClient(), "/account/sign-in");

        Assert.Equal($"Sign in with {SingleSignOnWebTestHost.DisplayName}", page.QuerySelector("form[action='/account/external'] button")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector($"form[action='/account/external'] input[name='{Forms.TokenField}']"));
    }

    [Fact]
    public async Task VerifiedEmailOfAnExistingPerson_SignsInAsThem_AndLinksTheLogin()
    {
        var officer = host.Account(Role.PerformanceOfficer);
        var subject = "officer-" + Guid.NewGuid().ToString("N");
        host.IdentityProvider.NextUser = new User(subject, officer.Email.ToUpperInvariant(), EmailVerified: true);
        using var client = host.NewClient();

        var (home, path, _) = await SignInWithProviderAsync(client, "/scorecard");

        Assert.Equal("/scorecard", path);
        Assert.Equal(officer.FullName, SignedInName(home));
        var person = await PersonIdAsync(officer.Email);
        Assert.Contains(await AuditAboutAsync(host.Database, person), e => e.Action == AuditActions.SignedIn && e.Detail.Contains("Linked this Test IdP login", StringComparison.Ordinal));

        // Linked now: the provider's subject finds the account, whatever the provider says about the address next time.
        host.IdentityProvider.NextUser = new User(subject, "renamed@elsewhere.example", EmailVerified: false);
        using var later = host.NewClient();
        var (again, againPath, _) = await SignInWithProviderAsync(later);
        Assert.Equal("/", againPath);
        Assert.Equal(officer.FullName, SignedInName(again));
    }

    [Fact]
    public async Task UnverifiedEmail_IsRefused_AndAudited()
    {
        var auditor = host.Account(Role.Auditor);
        host.IdentityProvider.NextUser = new User("unverified-" + Guid.NewGuid().ToString("N"), auditor.Email, EmailVerified: false);
        using var client = host.NewClient();

        var (page, path, status) = await SignInWithProviderAsync(client);
        var (_, accountPath, _) = await GetAsync(client, "/account");

        Assert.StartsWith("/account/external-callback", path, StringComparison.Ordinal);
        Assert.Equal(403, status);
        Assert.Contains("has not confirmed", page.QuerySelector("h1")?.TextContent, StringComparison.Ordinal);
        Assert.Null(SignedInName(page));
        Assert.StartsWith("/account/sign-in", accountPath, StringComparison.Ordinal);
        Assert.Contains(await AuditAboutAsync(host.Database, await PersonIdAsync(auditor.Email)), e => e.Action == AuditActions.SignInFailed && e.Detail.Contains("has not verified", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownEmail_IsRefused_WithAPageSayingWhoToAsk()
    {
        const string stranger = "stranger@elsewhere.example";
        host.IdentityProvider.NextUser = new User("stranger-" + Guid.NewGuid().ToString("N"), stranger, EmailVerified: true);
        using var client = host.NewClient();

        var (page, _, status) = await SignInWithProviderAsync(client);

        Assert.Equal(403, status);
        Assert.Equal("No GoldenThread account uses this address", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.Contains("ask your partnership's central support team", page.QuerySelector("#refusal")?.TextContent, StringComparison.Ordinal);
        Assert.Contains(stranger, page.QuerySelector("#refusal")?.TextContent, StringComparison.Ordinal);
        Assert.Null(SignedInName(page));
        await using var db = host.Database.Open();
        Assert.DoesNotContain(db.People, p => p.Email == stranger);
        Assert.Contains(db.AuditEntries, e => e.Action == AuditActions.SignInFailed && e.ActorName == stranger);
    }

    [Fact]
    public async Task ProviderRefuses_ShowsAPageThatSaysSo()
    {
        host.IdentityProvider.NextUser = null;
        using var client = host.NewClient();

        var (page, path, _) = await SignInWithProviderAsync(client);

        Assert.StartsWith("/account/external-callback", path, StringComparison.Ordinal);
        Assert.Equal($"Signing in with {SingleSignOnWebTestHost.DisplayName} did not work", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.Null(SignedInName(page));
    }

    [Fact]
    public async Task Administrator_WhenTheProviderUsedASecondFactor_CountsAsTwoFactorWithoutACode()
    {
        var admin = host.Account(Role.Administrator);
        host.IdentityProvider.NextUser = new User("admin-" + Guid.NewGuid().ToString("N"), admin.Email, EmailVerified: true, UsedSecondFactor: true);
        using var client = host.NewClient();

        var (home, path, _) = await SignInWithProviderAsync(client);
        var (account, _, _) = await GetAsync(client, "/account");

        Assert.Equal("/", path);
        Assert.Equal(admin.FullName, SignedInName(home));
        Assert.Contains("You used a second factor", account.QuerySelector("#two-factor-status")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Administrator_WhenTheProviderUsedNoSecondFactor_StillEntersTheirCode()
    {
        var admin = host.Account(Role.Administrator);
        host.IdentityProvider.NextUser = new User("admin-pwd-" + Guid.NewGuid().ToString("N"), admin.Email, EmailVerified: true);
        using var client = host.NewClient();

        var (codePage, path, _) = await SignInWithProviderAsync(client);
        var (home, homePath, _) = await PostAsync(client, path, ("Code", Forms.CurrentCode(admin.AuthenticatorKey!)));

        Assert.StartsWith("/account/two-factor", path, StringComparison.Ordinal);
        Assert.Null(SignedInName(codePage));
        Assert.Equal("/", homePath);
        Assert.Equal(admin.FullName, SignedInName(home));
    }

    [Fact]
    public async Task SingleSignOn_StartsASessionOnTheServer_SayingHow()
    {
        var deputy = host.Account(Role.IndicatorDeputy);
        host.IdentityProvider.NextUser = new User("deputy-" + Guid.NewGuid().ToString("N"), deputy.Email, EmailVerified: true);
        using var client = host.NewClient();

        var (_, path, _) = await SignInWithProviderAsync(client);
        var (sessions, _, _) = await GetAsync(client, "/account/sessions");

        Assert.Equal("/", path);
        var person = await PersonIdAsync(deputy.Email);
        await using var db = host.Database.Open();
        var session = db.Sessions.Where(s => s.PersonId == person).AsEnumerable().OrderByDescending(s => s.CreatedAt).First();
        Assert.Equal(GoldenThread.Sessions.SignInMethod.SingleSignOn, session.Method);
        Assert.Null(session.EndedAt);
        Assert.Contains("With single sign-on", sessions.QuerySelector("#sessions tr[data-current='true']")?.TextContent, StringComparison.Ordinal);
    }

    /// <summary>Presses "Sign in with Test IdP" on the sign-in page and follows the provider's redirects back.</summary>
    private static async Task<(AngleSharp.Html.Dom.IHtmlDocument Page, string Path, int Status)> SignInWithProviderAsync(HttpClient client, string returnUrl = "/")
    {
        using var response = await Forms.PostAsync(client, "/account/sign-in", [new("ReturnUrl", returnUrl)], action: "/account/external");
        return await ReadAsync(response);
    }

    private async Task<int> PersonIdAsync(string email)
    {
        await using var db = host.Database.Open();
        return db.People.Single(p => p.Email == email).Id;
    }
}
