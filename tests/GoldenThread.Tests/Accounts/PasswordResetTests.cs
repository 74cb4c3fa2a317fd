using GoldenThread.Accounts;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Tests.Infrastructure;
using static GoldenThread.Tests.Accounts.AccountJourneys;

namespace GoldenThread.Tests.Accounts;

/// <summary>Forgotten passwords: the request, the email through a real SMTP server, the link, the new password.</summary>
public sealed class PasswordResetTests(MailWebTestHost host) : IClassFixture<MailWebTestHost>
{
    private const string NewPassword = "lantern orchard mackerel velvet";

    [Fact]
    public async Task ForgotPassword_WholeJourney_EmailLinkSetsANewPasswordThatSignsIn()
    {
        var account = host.Account(Role.IndicatorOwner);
        using var client = host.NewClient();

        var (asked, _, askedStatus) = await PostAsync(client, "/account/forgot-password", ("Email", account.Email));
        var message = await host.Smtp.WaitForMessageToAsync(account.Email);

        Assert.Equal(200, askedStatus);
        Assert.Contains($"If {account.Email} has a GoldenThread account, we have sent a link", asked.QuerySelector("#sent")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Reset your GoldenThread password", message.Subject);
        Assert.Equal(MailWebTestHost.From, message.From.Mailboxes.Single().Address);
        var link = ResetLinkIn(message);
        Assert.StartsWith(host.BaseAddress.ToString().TrimEnd('/') + "/account/reset-password?email=", link, StringComparison.Ordinal);
        Assert.Contains($"href=\"{System.Net.WebUtility.HtmlEncode(link)}\"", message.HtmlBody, StringComparison.Ordinal);

        var relative = new Uri(link).PathAndQuery;
        var (form, _, _) = await GetAsync(client, relative);
        Assert.Equal("Choose a new password", form.QuerySelector("h1")?.TextContent.Trim());
        Assert.Contains(PasswordRules.Hint, form.QuerySelector("#new-password-hint")?.TextContent, StringComparison.Ordinal);

        var (done, _, _) = await PostAsync(client, relative, ("NewPassword", NewPassword));
        Assert.Equal("Your password has been reset", done.QuerySelector("h1")?.TextContent.Trim());

        var (refused, _, _) = await SignInWithPasswordAsync(host.NewClient(), account.Email, account.Password);
        Assert.Contains("Enter a correct email address and password", FieldErrors(refused), StringComparison.Ordinal);
        var (home, path, _) = await SignInWithPasswordAsync(client, account.Email, NewPassword);
        Assert.Equal("/", path);
        Assert.Equal(account.FullName, SignedInName(home));

        var (again, _, _) = await PostAsync(host.NewClient(), relative, ("NewPassword", "another quite different passphrase"));
        Assert.Equal("This link does not work", again.QuerySelector("h1")?.TextContent.Trim());

        var person = await FindPersonAsync(account.Email);
        var actions = (await AuditAboutAsync(host.Database, person)).Select(e => e.Action).ToList();
        Assert.Contains(AuditActions.PasswordResetRequested, actions);
        Assert.Contains(AuditActions.PasswordReset, actions);
    }

    [Fact]
    public async Task ForgotPassword_UnknownAddress_SameAnswerAndNoEmail()
    {
        const string unknown = "nobody.here@wessexshire.example";
        var known = host.Account(Role.Auditor).Email;
        using var client = host.NewClient();

        var (unknownAnswer, _, unknownStatus) = await PostAsync(client, "/account/forgot-password", ("Email", unknown));
        var (knownAnswer, _, knownStatus) = await PostAsync(client, "/account/forgot-password", ("Email", known));

        // Mail leaves in order from one queue: once the second request's email is here, the first would be too.
        await host.Smtp.WaitForMessageToAsync(known);
        Assert.DoesNotContain(await host.Smtp.MessagesAsync(), m => m.To.Mailboxes.Any(b => b.Address == unknown));
        Assert.Equal(knownStatus, unknownStatus);
        Assert.Equal(
            knownAnswer.QuerySelector("main")!.TextContent.Replace(known, "ADDRESS", StringComparison.Ordinal),
            unknownAnswer.QuerySelector("main")!.TextContent.Replace(unknown, "ADDRESS", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "Enter your email address")]
    [InlineData("not an address", "Enter an email address in the correct format, like name@example.com")]
    public async Task ForgotPassword_BadAddress_SaysWhatIsWrongAgainstTheField(string email, string expected)
    {
        var (page, _, _) = await PostAsync(host.NewClient(), "/account/forgot-password", ("Email", email));

        Assert.Equal(expected, page.QuerySelector(".govuk-error-summary a[href='#email']")?.TextContent.Trim());
        Assert.Contains(expected, FieldErrors(page), StringComparison.Ordinal);
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetPassword_GuessablePassword_IsShownAgainstTheFieldAndTheLinkStillWorks()
    {
        var account = host.Account(Role.BodyMember);
        using var client = host.NewClient();
        await PostAsync(client, "/account/forgot-password", ("Email", account.Email));
        var link = new Uri(ResetLinkIn((await host.Smtp.WaitForMessageToAsync(account.Email)))).PathAndQuery;

        var (weak, _, _) = await PostAsync(client, link, ("NewPassword", "password1234"));
        var (good, _, _) = await PostAsync(client, link, ("NewPassword", "quartz giraffe saucepan meadow"));

        Assert.NotNull(weak.QuerySelector(".govuk-error-summary a[href='#new-password']"));
        Assert.Contains("harder to guess", FieldErrors(weak), StringComparison.Ordinal);
        Assert.Equal("Your password has been reset", good.QuerySelector("h1")?.TextContent.Trim());
    }

    [Theory]
    [InlineData("/account/reset-password")]
    [InlineData("/account/reset-password?email=auditor%40wessexshire.example")]
    [InlineData("/account/reset-password?email=auditor%40wessexshire.example&code=%25%25%25")]
    public async Task ResetPassword_IncompleteLink_SaysTheLinkDoesNotWork(string path)
    {
        var (page, _, _) = await GetAsync(host.NewClient(), path);

        Assert.Equal("This link does not work", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("main a[href='/account/forgot-password']"));
    }

    [Fact]
    public async Task ResetPassword_ForgedCode_SaysTheLinkDoesNotWorkAndChangesNothing()
    {
        var account = host.Account(Role.Auditor);
        var forged = "/account/reset-password?email=" + Uri.EscapeDataString(account.Email) + "&code=bm90LWEtdG9rZW4";

        var (page, _, _) = await PostAsync(host.NewClient(), forged, ("NewPassword", "quartz giraffe saucepan meadow"));
        var (home, path, _) = await SignInWithPasswordAsync(host.NewClient(), account.Email, account.Password);

        Assert.Equal("This link does not work", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.Equal("/", path);
        Assert.Equal(account.FullName, SignedInName(home));
    }

    private async Task<int> FindPersonAsync(string email)
    {
        await using var db = host.Database.Open();
        return db.People.Single(p => p.Email == email).Id;
    }
}
