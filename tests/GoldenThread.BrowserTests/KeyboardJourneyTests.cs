using System.Text.RegularExpressions;
using GoldenThread.BrowserTests.Infrastructure;
using GoldenThread.Demo;
using Microsoft.Playwright;

namespace GoldenThread.BrowserTests;

/// <summary>
/// The main journeys done with the keyboard alone: skip to the content, open the scorecard from the service
/// navigation, filter and sort it, follow an indicator, change its area and compare the areas. Focus moves only
/// by Tab, choices are made by typing or arrow keys, and every stop must show where focus is.
/// </summary>
[Collection(BrowserSiteCollection.Name)]
public sealed partial class KeyboardJourneyTests(BrowserSite site)
{
    [Fact]
    public async Task SkipLink_IsTheFirstTabStop_AndMovesFocusToTheMainContent()
    {
        await using var tab = await site.OpenTabAsync();
        var user = new KeyboardUser(tab.Page);
        await tab.VisitAsync("/");

        await user.PressTab();
        await user.AssertFocusIsOn(SkipLink(tab.Page), "the skip link");
        await user.AssertFocusIsVisible();
        Assert.True(await SkipLink(tab.Page).IsVisibleAsync(), "The skip link should appear when it has focus.");
        await user.PressEnter();

        await user.AssertFocusIsOn(tab.Page.Locator("main#main-content"), "the main content");
    }

    [Fact]
    public async Task Scorecard_ByKeyboardAlone_FilterByAreaAndPeriod_SortByPvt_AndFollowAnIndicator()
    {
        await using var tab = await site.OpenTabAsync();
        var user = new KeyboardUser(tab.Page);
        await tab.VisitAsync("/");

        await user.TabTo(ServiceNavigationLink(tab.Page, "Scorecard"), "Scorecard in the service navigation");
        await user.PressEnterAndWaitForPage();
        await AssertOnScorecard(tab.Page, area: "WSX", period: DemoBundle.LatestQuarter);
        var countyRows = await ScorecardRows(tab.Page).CountAsync();

        await user.TabToField("Period");
        await user.PressArrows(1);
        var earlier = await Field(tab.Page, "Period").InputValueAsync();
        Assert.Equal("2009-10-Q1", earlier);
        await user.TabToField("Area");
        await user.TypeToChoose("Wessexshire: Hartmere");
        Assert.Equal("HRT", await Field(tab.Page, "Area").InputValueAsync());
        await user.TabToButton(ShowButton());
        await user.PressEnterAndWaitForPage();

        await AssertOnScorecard(tab.Page, area: "HRT", period: earlier);
        Assert.NotEqual(countyRows, await ScorecardRows(tab.Page).CountAsync());
        await AssertEveryRowMentions(ScorecardRows(tab.Page), "Hartmere");

        await user.TabTo(SortLink(tab.Page, "PVT %"), "the sort link in the PVT column's header");
        await user.PressEnterAndWaitForPage();
        await AssertOnScorecard(tab.Page, area: "HRT", period: earlier);
        Assert.Contains("sort=pvt", tab.Page.Url, StringComparison.Ordinal);
        Assert.Equal("ascending", await ColumnHeader(tab.Page, "PVT %").GetAttributeAsync("aria-sort"));

        await user.TabToLink(IndicatorLink("NI 16"));
        await user.PressEnterAndWaitForPage();
        await AssertOnIndicatorPage(tab.Page, "NI 16", "Hartmere");
    }

    [Fact]
    public async Task IndicatorPage_ByKeyboardAlone_ChangeTheArea_AndReachTheAreaComparison()
    {
        await using var tab = await site.OpenTabAsync();
        var user = new KeyboardUser(tab.Page);
        await tab.VisitAsync("/indicators");

        await user.TabToLink("NI 16");
        await user.PressEnterAndWaitForPage();
        await AssertOnIndicatorPage(tab.Page, "NI 16", "Wessexshire");

        await user.TabToField("Area");
        await user.TypeToChoose("Kestonbury");
        Assert.Equal("KSB", await Field(tab.Page, "Area").InputValueAsync());
        await user.TabToButton(ShowButton());
        await user.PressEnterAndWaitForPage();
        await AssertOnIndicatorPage(tab.Page, "NI 16", "Kestonbury");

        await user.TabToLink(CompareAreasLink());
        await user.PressEnterAndWaitForPage();
        Assert.Equal("/indicators/NI%2016/areas", new Uri(tab.Page.Url).AbsolutePath);
        var rows = tab.Page.Locator("#areas-table tbody tr");
        Assert.Equal(7, await rows.CountAsync());
        await AssertEveryRowMentions(rows, "Wessexshire", "Hartmere", "Longbarrow", "Kestonbury", "Fenmouth", "Oakvale", "West Tamsdown");
    }

    private static ILocator SkipLink(IPage page) => page.Locator("a.govuk-skip-link");

    private static ILocator ServiceNavigationLink(IPage page, string name) =>
        page.Locator(".govuk-service-navigation").GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    private static ILocator Field(IPage page, string label) => page.GetByLabel(label, new() { Exact = true });

    private static ILocator ScorecardRows(IPage page) => page.Locator("table#scorecard tbody tr");

    private static ILocator ColumnHeader(IPage page, string column) =>
        page.Locator("table#scorecard thead th").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = column, Exact = true }) });

    // GOV.UK's sortable-table pattern without JavaScript: a link in the column header that reloads the page sorted.
    private static ILocator SortLink(IPage page, string column) =>
        ColumnHeader(page, column).GetByRole(AriaRole.Link, new() { Name = column, Exact = true });

    // "NI 16 in Hartmere" on the scorecard (the area is visually hidden), "NI 16" elsewhere; never NI 160.
    private static Regex IndicatorLink(string code) => new($@"^{Regex.Escape(code)}(\s|$)", RegexOptions.None, TimeSpan.FromSeconds(1));

    private static async Task AssertOnScorecard(IPage page, string area, string period)
    {
        Assert.Equal("/scorecard", new Uri(page.Url).AbsolutePath);
        Assert.Equal(area, await Field(page, "Area").InputValueAsync());
        Assert.Equal(period, await Field(page, "Period").InputValueAsync());
        Assert.True(await ScorecardRows(page).CountAsync() > 0, $"The scorecard at {page.Url} has no rows.");
    }

    private static async Task AssertOnIndicatorPage(IPage page, string code, string areaName)
    {
        Assert.Equal($"/indicators/{Uri.EscapeDataString(code)}", new Uri(page.Url).AbsolutePath);
        Assert.StartsWith($"{code} in {areaName} ", await page.TitleAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator("#figures-table").IsVisibleAsync(), $"The indicator page at {page.Url} shows no figures table.");
    }

    private static async Task AssertEveryRowMentions(ILocator rows, params string[] texts)
    {
        var rowTexts = await rows.AllInnerTextsAsync();
        Assert.NotEmpty(rowTexts);
        var stray = rowTexts.Where(r => !texts.Any(t => r.Contains(t, StringComparison.Ordinal))).ToList();
        Assert.True(stray.Count == 0, $"Rows that mention none of {string.Join(", ", texts)}:\n  {string.Join("\n  ", stray)}");
    }

    [GeneratedRegex("^Show")]
    private static partial Regex ShowButton();

    [GeneratedRegex("^Compare every area")]
    private static partial Regex CompareAreasLink();
}
