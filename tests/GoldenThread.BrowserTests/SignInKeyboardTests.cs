using System.Text.RegularExpressions;
using GoldenThread.BrowserTests.Infrastructure;
using GoldenThread.Domain.Access;
using Microsoft.Playwright;

namespace GoldenThread.BrowserTests;

/// <summary>Signing in, and signing in with an authenticator code, with the keyboard alone.</summary>
[Collection(BrowserSiteCollection.Name)]
public sealed partial class SignInKeyboardTests(BrowserSite site)
{
    [Fact]
    public async Task From_the_start_page_to_the_administration_pages_by_keyboard_alone()
    {
        var account = site.Account(Role.Administrator);
        await using var tab = await site.OpenPublicTabAsync();
        var user = new KeyboardUser(tab.Page);
        await tab.VisitAsync("/");

        await user.TabTo(tab.Page.Locator("main a.govuk-button--start"), "the start button");
        await user.PressEnterAndWaitForPage();
        await user.TabToField("Email address");
        await tab.Page.Keyboard.TypeAsync(account.Email);
        await user.TabToField("Password");
        await tab.Page.Keyboard.TypeAsync(account.Password);
        await user.PressEnterAndWaitForPage();

        Assert.Contains("/account/two-factor", tab.Page.Url, StringComparison.Ordinal);
        await user.TabTo(tab.Page.Locator("input[name='Code']"), "the code field");
        await tab.Page.Keyboard.TypeAsync(BrowserSite.AuthenticatorCode(account.AuthenticatorKey!));
        await user.PressEnterAndWaitForPage();

        await user.TabToLink("Administration");
        await user.PressEnterAndWaitForPage();
        await Assertions.Expect(tab.Page.Locator("main h1")).ToBeVisibleAsync();
        Assert.Matches(AdminPath(), tab.Page.Url);
    }

    [GeneratedRegex("/admin$")]
    private static partial Regex AdminPath();
}
