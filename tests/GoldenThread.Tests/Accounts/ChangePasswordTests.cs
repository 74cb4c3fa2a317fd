using GoldenThread.Audit;
using GoldenThread.Tests.Infrastructure;
using static GoldenThread.Tests.Accounts.AccountJourneys;

namespace GoldenThread.Tests.Accounts;

/// <summary>Changing your password when signed in: the current one is needed, the new one follows the rules.</summary>
public sealed class ChangePasswordTests(WebTestHost host) : IClassFixture<WebTestHost>
{
    [Fact]
    public async Task ChangePassword_WithTheCurrentPassword_ChangesItAndKeepsYouSignedIn()
    {
        const string email = "changer@change.test";
        const string newPassword = "walnut trombone glacier paprika";
        var person = await TestPeople.AddAsync(host.Database, email);
        using var client = host.NewClient();
        await SignInWithPasswordAsync(client, email, TestPeople.Password);

        var (wrong, _, _) = await PostAsync(client, "/account/change-password", ("CurrentPassword", "not my password at all"), ("NewPassword", newPassword));
        var (account, path, _) = await PostAsync(client, "/account/change-password", ("CurrentPassword", TestPeople.Password), ("NewPassword", newPassword));
        var (again, _, _) = await GetAsync(client, "/account");

        Assert.Contains("Your current password is not right", FieldErrors(wrong), StringComparison.Ordinal);
        Assert.NotNull(wrong.QuerySelector(".govuk-error-summary a[href='#current-password']"));
        Assert.Equal("/account", path);
        Assert.Contains("Your password has been changed.", account.QuerySelector(".govuk-notification-banner")?.TextContent, StringComparison.Ordinal);
        Assert.Null(again.QuerySelector(".govuk-notification-banner"));
        Assert.Equal("Test Person", SignedInName(again));
        var (_, signedInPath, _) = await SignInWithPasswordAsync(host.NewClient(), email, newPassword);
        Assert.Equal("/", signedInPath);
        Assert.Contains(await AuditAboutAsync(host.Database, person.Id), e => e.Action == AuditActions.PasswordChanged);
    }

    [Theory]
    [InlineData("", "quartz giraffe saucepan meadow", "current-password", "Enter your current password")]
    [InlineData(TestPeople.Password, "", "new-password", "Enter a new password")]
    [InlineData(TestPeople.Password, "short", "new-password", "Passwords must be at least 12 characters.")]
    [InlineData(TestPeople.Password, "password12345", "new-password", "harder to guess")]
    public async Task ChangePassword_Problems_AreShownAgainstTheirField(string current, string next, string field, string expected)
    {
        var email = $"problem.{Guid.NewGuid():N}@change.test";
        await TestPeople.AddAsync(host.Database, email);
        using var client = host.NewClient();
        await SignInWithPasswordAsync(client, email, TestPeople.Password);

        var (page, _, status) = await PostAsync(client, "/account/change-password", ("CurrentPassword", current), ("NewPassword", next));

        Assert.Equal(200, status);
        Assert.NotNull(page.QuerySelector($".govuk-error-summary a[href='#{field}']"));
        Assert.Contains(expected, page.QuerySelector($"#{field}-error")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("govuk-input--error", page.QuerySelector($"#{field}")?.ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangePassword_ShowsThePasswordRules_AndNeedsSigningIn()
    {
        var page = await host.GetPageAsync("/account/change-password");
        var (_, publicPath, _) = await GetAsync(host.NewClient(), "/account/change-password");

        Assert.Contains(GoldenThread.Accounts.PasswordRules.Hint, page.QuerySelector("#new-password-hint")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("new-password", page.QuerySelector("#new-password")?.GetAttribute("autocomplete"));
        Assert.Equal("current-password", page.QuerySelector("#current-password")?.GetAttribute("autocomplete"));
        Assert.StartsWith("/account/sign-in", publicPath, StringComparison.Ordinal);
    }
}
