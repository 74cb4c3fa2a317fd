using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Tests.Infrastructure;
using OtpNet;
using static GoldenThread.Tests.Accounts.AccountJourneys;

namespace GoldenThread.Tests.Accounts;

/// <summary>Two-factor sign-in: the code page, recovery codes, setting up an authenticator app and turning it off.</summary>
public sealed class TwoFactorTests(WebTestHost host) : IClassFixture<WebTestHost>
{
    private const string UsedSecondFactor = "You used a second factor to sign in this time.";

    [Fact]
    public async Task Administrator_PasswordThenCode_SignsInWithTheSecondFactor()
    {
        var admin = host.Account(Role.Administrator);
        using var client = host.NewClient();

        var (codePage, codePath, _) = await SignInWithPasswordAsync(client, admin.Email, admin.Password);
        var input = codePage.QuerySelector("input[name='Code']");
        var (home, homePath, _) = await PostAsync(client, codePath, ("Code", Forms.CurrentCode(admin.AuthenticatorKey!)));
        var (account, _, _) = await GetAsync(client, "/account");

        Assert.StartsWith("/account/two-factor", codePath, StringComparison.Ordinal);
        Assert.Equal("one-time-code", input?.GetAttribute("autocomplete"));
        Assert.Equal("numeric", input?.GetAttribute("inputmode"));
        Assert.Equal("code", input?.Id);
        Assert.NotNull(codePage.QuerySelector("label[for='code']"));
        Assert.Equal("/", homePath);
        Assert.Equal(admin.FullName, SignedInName(home));
        Assert.Contains(UsedSecondFactor, account.QuerySelector("#two-factor-status")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoFactor_WrongCode_IsRefusedAgainstTheFieldAndAudited()
    {
        var email = $"wrong.code.{Guid.NewGuid():N}@two-factor.test";
        var person = await TestPeople.AddAsync(host.Database, email);
        using var client = host.NewClient();
        await SignInWithPasswordAsync(client, email, TestPeople.Password);
        var key = await SetUpAuthenticatorAsync(client);
        await client.PostAsync(new Uri("/account/sign-out", UriKind.Relative), null);
        using var fresh = host.NewClient();

        var (codePage, codePath, _) = await SignInWithPasswordAsync(fresh, email, TestPeople.Password);
        var (wrong, wrongPath, _) = await PostAsync(fresh, codePath, ("Code", WrongCode(key)));
        var (letters, _, _) = await PostAsync(fresh, codePath, ("Code", "12ab56"));

        Assert.StartsWith("/account/two-factor", codePath, StringComparison.Ordinal);
        Assert.Null(SignedInName(codePage));
        Assert.StartsWith("/account/two-factor", wrongPath, StringComparison.Ordinal);
        Assert.Contains("The code is not right", FieldErrors(wrong), StringComparison.Ordinal);
        Assert.NotNull(wrong.QuerySelector(".govuk-error-summary a[href='#code']"));
        Assert.Null(SignedInName(wrong));
        Assert.Contains("Enter the code as 6 digits", FieldErrors(letters), StringComparison.Ordinal);
        Assert.Contains(await AuditAboutAsync(host.Database, person.Id), e => e.Action == AuditActions.SignInFailed && e.Detail == "Wrong authenticator code.");
    }

    [Fact]
    public async Task TwoFactor_WithoutThePasswordStep_SendsYouToSignIn()
    {
        var (_, path, _) = await GetAsync(host.NewClient(), "/account/two-factor?returnUrl=%2Fscorecard");

        Assert.Equal("/account/sign-in?returnUrl=%2Fscorecard", path);
    }

    [Fact]
    public async Task NewAdministrator_IsSentToSetUpAnApp_ThenGetsRecoveryCodesAndMayAdminister()
    {
        var email = $"new.admin.{Guid.NewGuid():N}@two-factor.test";
        var person = await TestPeople.AddAsync(host.Database, email, new Grant(Role.Administrator, null, null, null));
        using var client = host.NewClient();

        var (setUp, setUpPath, _) = await SignInWithPasswordAsync(client, email, TestPeople.Password, returnUrl: "/scorecard");
        var key = KeyOn(setUp);
        var (done, _, _) = await PostAsync(client, setUpPath, ("Code", Forms.CurrentCode(key)), ("ReturnUrl", "/scorecard"));
        var (account, _, _) = await GetAsync(client, "/account");

        Assert.Equal("/account/authenticator?returnUrl=%2Fscorecard", setUpPath);
        Assert.NotNull(setUp.QuerySelector("svg.app-qr-code path[d^='M']"));
        Assert.NotNull(setUp.QuerySelector("svg.app-qr-code title"));
        Assert.Empty(setUp.QuerySelectorAll("[style], style, img[src^='data:'], script:not([src])"));
        Assert.Equal("Two-factor sign-in is on", done.QuerySelector("h1")?.TextContent.Trim());
        var codes = done.QuerySelectorAll(".app-recovery-code").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(10, codes.Distinct().Count());
        Assert.Equal("/scorecard", done.QuerySelector("main a.govuk-button")?.GetAttribute("href"));
        Assert.Contains(UsedSecondFactor, account.QuerySelector("#two-factor-status")?.TextContent, StringComparison.Ordinal);
        Assert.Contains(await AuditAboutAsync(host.Database, person.Id), e => e.Action == AuditActions.TwoFactorEnabled);

        // Administrators keep it: the turn-off page says so, and a post is refused.
        var (turnOff, _, _) = await GetAsync(client, "/account/two-factor/turn-off");
        var (refused, _, refusedStatus) = await PostAsync(client, "/account/two-factor/turn-off");
        var (after, _, _) = await GetAsync(client, "/account");
        Assert.Equal("Administrators must keep two-factor sign-in", turnOff.QuerySelector("h1")?.TextContent.Trim());
        Assert.Null(turnOff.QuerySelector("main form"));
        Assert.Equal(403, refusedStatus);
        Assert.Equal("Administrators must keep two-factor sign-in", refused.QuerySelector("h1")?.TextContent.Trim());
        Assert.StartsWith("On:", after.QuerySelector("#two-factor-status")?.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecoveryCode_SignsInOnce()
    {
        var email = $"recovery.{Guid.NewGuid():N}@two-factor.test";
        var person = await TestPeople.AddAsync(host.Database, email);
        using var setUpClient = host.NewClient();
        await SignInWithPasswordAsync(setUpClient, email, TestPeople.Password);
        var (setUp, _, _) = await GetAsync(setUpClient, "/account/authenticator");
        var (done, _, _) = await PostAsync(setUpClient, "/account/authenticator", ("Code", Forms.CurrentCode(KeyOn(setUp))));
        var code = done.QuerySelectorAll(".app-recovery-code")[0].TextContent.Trim();

        using var first = host.NewClient();
        await SignInWithPasswordAsync(first, email, TestPeople.Password);
        var (home, path, _) = await PostAsync(first, "/account/recovery-code", ("RecoveryCode", " " + code.ToLowerInvariant() + " "));
        using var second = host.NewClient();
        await SignInWithPasswordAsync(second, email, TestPeople.Password);
        var (reused, _, _) = await PostAsync(second, "/account/recovery-code", ("RecoveryCode", code));

        Assert.Equal("/", path);
        Assert.Equal("Test Person", SignedInName(home));
        Assert.Contains("has been used", FieldErrors(reused), StringComparison.Ordinal);
        Assert.Null(SignedInName(reused));
        var audit = await AuditAboutAsync(host.Database, person.Id);
        Assert.Contains(audit, e => e.Action == AuditActions.SignedIn && e.Detail == "Signed in with a recovery code (9 left).");
        Assert.Contains(audit, e => e.Action == AuditActions.SignInFailed && e.Detail == "Wrong recovery code.");
    }

    [Fact]
    public async Task Authenticator_WrongCode_KeepsTheSameKeyAndLeavesTwoFactorOff()
    {
        var email = $"typo.{Guid.NewGuid():N}@two-factor.test";
        await TestPeople.AddAsync(host.Database, email);
        using var client = host.NewClient();
        await SignInWithPasswordAsync(client, email, TestPeople.Password);
        var (setUp, _, _) = await GetAsync(client, "/account/authenticator");
        var key = KeyOn(setUp);

        var (wrong, _, status) = await PostAsync(client, "/account/authenticator", ("Code", WrongCode(key)));
        var (account, _, _) = await GetAsync(client, "/account");

        Assert.Equal(200, status);
        Assert.StartsWith("Error: ", wrong.Title, StringComparison.Ordinal);
        Assert.Contains("The code is not right", FieldErrors(wrong), StringComparison.Ordinal);
        Assert.Equal(key, KeyOn(wrong));
        Assert.StartsWith("Off:", account.QuerySelector("#two-factor-status")?.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonAdministrator_MayTurnTwoFactorOff_ThenSignsInWithThePasswordAlone()
    {
        var email = $"turn.off.{Guid.NewGuid():N}@two-factor.test";
        var person = await TestPeople.AddAsync(host.Database, email);
        using var client = host.NewClient();
        await SignInWithPasswordAsync(client, email, TestPeople.Password);
        await SetUpAuthenticatorAsync(client);

        var (account, path, _) = await PostAsync(client, "/account/two-factor/turn-off");
        using var later = host.NewClient();
        var (home, homePath, _) = await SignInWithPasswordAsync(later, email, TestPeople.Password);

        Assert.Equal("/account", path);
        Assert.Contains("Two-factor sign-in is off", account.QuerySelector(".govuk-notification-banner")?.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Off:", account.QuerySelector("#two-factor-status")?.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("/", homePath);
        Assert.Equal("Test Person", SignedInName(home));
        Assert.Contains(await AuditAboutAsync(host.Database, person.Id), e => e.Action == AuditActions.TwoFactorDisabled);
    }

    /// <summary>Sets up an authenticator app for the signed-in client's person; returns the key.</summary>
    private static async Task<string> SetUpAuthenticatorAsync(HttpClient client)
    {
        var (setUp, _, _) = await GetAsync(client, "/account/authenticator");
        var key = KeyOn(setUp);
        var (done, _, _) = await PostAsync(client, "/account/authenticator", ("Code", Forms.CurrentCode(key)));
        Assert.Equal("Two-factor sign-in is on", done.QuerySelector("h1")?.TextContent.Trim());
        return key;
    }

    private static string KeyOn(AngleSharp.Html.Dom.IHtmlDocument page)
    {
        var shown = page.QuerySelector(".app-authenticator-key")?.TextContent;
        Assert.False(string.IsNullOrWhiteSpace(shown), "The page shows no authenticator key.");
        Assert.Matches("^([a-z2-7]{4} )*[a-z2-7]{1,4}$", shown);
        return shown.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
    }

    /// <summary>Six digits that are not the code for this time step, nor the ones either side of it.</summary>
    private static string WrongCode(string key)
    {
        var totp = new Totp(Base32Encoding.ToBytes(key));
        var now = DateTime.UtcNow;
        var near = new[] { -60, -30, 0, 30, 60 }.Select(s => totp.ComputeTotp(now.AddSeconds(s))).ToHashSet();
        return Enumerable.Range(0, 1000).Select(i => i.ToString("000000", System.Globalization.CultureInfo.InvariantCulture)).First(c => !near.Contains(c));
    }
}
