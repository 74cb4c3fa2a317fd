using System.Text.RegularExpressions;
using GoldenThread.BrowserTests.Infrastructure;
using GoldenThread.Domain.Access;
using Microsoft.Playwright;

namespace GoldenThread.BrowserTests;

/// <summary>
/// Each demonstration person signs in through the pages, reading their password from the sign-in page's
/// demonstration table as a visitor would, and sees what their roles allow: the navigation offers administration
/// only to the administrator and the audit trail to the administrator and the auditor, and the administration
/// pages turn everyone else away.
/// </summary>
[Collection(BrowserSiteCollection.Name)]
public sealed class RoleJourneyTests(BrowserSite site)
{
    public static TheoryData<Role> AllRoles => [.. Roles.All];

    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task Each_role_signs_in_from_the_demo_table_and_sees_what_it_may(Role role)
    {
        await using var tab = await site.OpenPublicTabAsync();
        await tab.VisitAsync("/account/sign-in");
        var row = tab.Page.Locator($"tr[data-role='{Roles.Code(role)}']");
        var account = site.Account(role) with
        {
            Email = (await row.Locator(".demo-email").InnerTextAsync()).Trim(),
            Password = (await row.Locator(".demo-password").InnerTextAsync()).Trim(),
        };

        await BrowserSite.SignInAsync(tab.Page, account);

        var navigation = tab.Page.GetByRole(AriaRole.Navigation, new PageGetByRoleOptions { Name = "Menu" });
        await Assertions.Expect(tab.Page.Locator(".app-signed-in__name")).ToContainTextAsync(account.FullName);
        await Assertions.Expect(navigation.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Scorecard" })).ToBeVisibleAsync();
        await Assertions.Expect(navigation.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "API tokens" })).ToBeVisibleAsync();
        await Assertions.Expect(navigation.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Administration" })).ToHaveCountAsync(role == Role.Administrator ? 1 : 0);
        await Assertions.Expect(navigation.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Audit trail" })).ToHaveCountAsync(role is Role.Administrator or Role.Auditor ? 1 : 0);

        var admin = await tab.VisitAsync("/admin");
        Assert.Equal(role == Role.Administrator ? 200 : 403, admin.Status);
        var audit = await tab.VisitAsync("/audit");
        Assert.Equal(role is Role.Administrator or Role.Auditor ? 200 : 403, audit.Status);
        await tab.SaveScreenshotAsync("signed-in-" + Roles.Code(role));

        await tab.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(tab.Page.Locator("main h1")).ToHaveTextAsync("You have signed out");
        var after = await tab.VisitAsync("/scorecard");
        Assert.Matches(new Regex("/account/sign-in"), tab.Page.Url);
        Assert.Equal(200, after.Status);
    }

    [Fact]
    public async Task A_wrong_password_is_explained_accessibly()
    {
        await using var tab = await site.OpenPublicTabAsync();
        await tab.VisitAsync("/account/sign-in");
        await tab.Page.GetByLabel("Email address").FillAsync(site.Account(Role.BodyMember).Email);
        await tab.Page.GetByLabel("Password", new PageGetByLabelOptions { Exact = true }).FillAsync("not the password at all");
        await tab.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in", Exact = true }).ClickAsync();
        await tab.WaitForPageAsync();

        await Assertions.Expect(tab.Page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter a correct email address and password");
        await Assertions.Expect(tab.Page).ToHaveTitleAsync(new Regex("^Error: Sign in"));
        await tab.SaveScreenshotAsync("sign-in-error");
        await tab.AssertNoAxeViolationsAsync();
    }

    [Fact]
    public async Task The_administrator_is_asked_for_an_authenticator_code_on_an_accessible_page()
    {
        var account = site.Account(Role.Administrator);
        await using var tab = await site.OpenPublicTabAsync();
        await tab.VisitAsync("/account/sign-in");
        await tab.Page.GetByLabel("Email address").FillAsync(account.Email);
        await tab.Page.GetByLabel("Password", new PageGetByLabelOptions { Exact = true }).FillAsync(account.Password);
        await tab.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in", Exact = true }).ClickAsync();
        await tab.WaitForPageAsync();

        Assert.Contains("/account/two-factor", tab.Page.Url, StringComparison.Ordinal);
        await tab.SaveScreenshotAsync("two-factor");
        await tab.AssertStyledWithGovukAsync();
        await tab.AssertNoAxeViolationsAsync();
    }
}
