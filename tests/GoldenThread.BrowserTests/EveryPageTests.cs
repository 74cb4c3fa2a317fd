using GoldenThread.BrowserTests.Infrastructure;

namespace GoldenThread.BrowserTests;

/// <summary>
/// Every page in a real browser: it answers, loads all its CSS, fonts and scripts, logs no error, is set in the
/// GOV.UK Design System's typeface, and axe-core finds no WCAG 2.2 AA or best-practice violation. Each page's
/// full-page screenshot is kept under TestResults/screenshots.
/// </summary>
[Collection(BrowserSiteCollection.Name)]
public sealed class EveryPageTests(BrowserSite site)
{
    [Theory]
    [MemberData(nameof(SitePages.ForFirstSite), MemberType = typeof(SitePages))]
    public Task Page_LoadsStyledAndPassesAxe(string name) => CheckAsync(site, name);

    internal static async Task CheckAsync(BrowserSite site, string name)
    {
        var page = SitePages.Named(name);
        await using var tab = await site.OpenTabAsync(page.As);

        var response = await tab.VisitAsync(await site.ResolveAsync(page.Path));
        await tab.SaveScreenshotAsync(page.Name);

        Assert.True(response.Status == page.Status, $"GET {page.Path}: expected {page.Status}, got {response.Status}.");
        Assert.True(await tab.Page.Locator(page.MustShow).First.IsVisibleAsync(), $"{page.Path} does not show '{page.MustShow}'.");
        tab.AssertEverySubRequestSucceeded();
        tab.AssertNoConsoleErrors();
        await tab.AssertStyledWithGovukAsync();
        await tab.AssertNoAxeViolationsAsync();
    }
}

/// <summary>
/// The same checks for the rest of the pages (<see cref="SitePages.ForSecondSite"/>), on a second site and browser of
/// their own: xunit runs the two collections side by side, one browser each.
/// </summary>
[Collection(SecondBrowserSiteCollection.Name)]
public sealed class EveryOtherPageTests(BrowserSite site)
{
    [Theory]
    [MemberData(nameof(SitePages.ForSecondSite), MemberType = typeof(SitePages))]
    public Task Page_LoadsStyledAndPassesAxe(string name) => EveryPageTests.CheckAsync(site, name);
}
