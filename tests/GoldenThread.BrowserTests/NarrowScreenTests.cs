using GoldenThread.BrowserTests.Infrastructure;

namespace GoldenThread.BrowserTests;

/// <summary>
/// A representative set of pages at a tablet's width (768 px) and a phone's (375 px): axe finds no violation and a
/// full-page screenshot is kept; at 768 px the page itself does not scroll sideways, and a wide table scrolls inside
/// its own region (focusable, labelled by its caption) that the keyboard can scroll.
/// </summary>
[Collection(BrowserSiteCollection.Name)]
public sealed class NarrowScreenTests(BrowserSite site)
{
    public const int Tablet = 768;
    public const int Phone = 375;

    /// <summary>The pages checked at narrow widths: the home page, the scorecard, an indicator and the areas' comparison.</summary>
    public static readonly IReadOnlyList<string> Pages = ["home", "scorecard", "indicator-quarterly", "area-comparison"];

    public static TheoryData<string, int> PagesAndWidths
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (var page in Pages)
            {
                data.Add(page, Tablet);
                data.Add(page, Phone);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(PagesAndWidths))]
    public async Task Page_AtNarrowWidth_PassesAxe(string name, int width)
    {
        var page = SitePages.Named(name);
        await using var tab = await site.OpenTabAsync(page.As);
        await tab.Page.SetViewportSizeAsync(width, 900);

        var response = await tab.VisitAsync(await site.ResolveAsync(page.Path));
        await tab.SaveScreenshotAsync($"{page.Name}-{width}");

        Assert.True(response.Status == page.Status, $"GET {page.Path}: expected {page.Status}, got {response.Status}.");
        tab.AssertNoConsoleErrors();
        await tab.AssertNoAxeViolationsAsync();
    }

    [Theory]
    [MemberData(nameof(TabletPages))]
    public async Task Page_AtTabletWidth_DoesNotScrollSideways(string name)
    {
        var page = SitePages.Named(name);
        await using var tab = await site.OpenTabAsync(page.As);
        await tab.Page.SetViewportSizeAsync(Tablet, 900);
        await tab.VisitAsync(await site.ResolveAsync(page.Path));

        var (scrollWidth, innerWidth) = await PageWidthsAsync(tab);
        if (scrollWidth > innerWidth)
        {
            // Name the outermost elements that reach past the right edge, to say what to fix.
            var wide = await tab.Page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                    .filter(e => !(e.parentElement && e.parentElement.getBoundingClientRect().right > window.innerWidth + 1))
                    .slice(0, 5)
                    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).trim().split(/\s+/).join('.') : ''))
                """);
            Assert.Fail($"{page.Path} at {Tablet} px is {scrollWidth} px wide: the page scrolls sideways ({string.Join(", ", wide)}).");
        }
    }

    public static TheoryData<string> TabletPages => [.. Pages];

    [Fact]
    public async Task Scorecard_AtTabletWidth_ScrollsTheTableInItsOwnRegionByKeyboard()
    {
        await using var tab = await site.OpenTabAsync();
        await tab.Page.SetViewportSizeAsync(Tablet, 900);
        await tab.VisitAsync("/scorecard");

        var region = tab.Page.Locator("div[role=region]:has(> table#scorecard)");
        Assert.Equal("0", await region.GetAttributeAsync("tabindex"));
        var caption = await tab.Page.Locator("table#scorecard > caption").GetAttributeAsync("id");
        Assert.False(string.IsNullOrEmpty(caption), "The scorecard's caption has no id for the region to be labelled by.");
        Assert.Equal(caption, await region.GetAttributeAsync("aria-labelledby"));

        var widths = await region.EvaluateAsync<int[]>("r => [r.scrollWidth, r.clientWidth]");
        Assert.True(widths[0] > widths[1], $"At {Tablet} px the scorecard ({widths[0]} px) fits its region ({widths[1]} px): nothing to check.");

        await region.FocusAsync();
        await tab.Page.Keyboard.PressAsync("ArrowRight");
        await tab.Page.Keyboard.PressAsync("ArrowRight");
        // Keyboard scrolling may be smooth: wait (briefly) for it to move rather than reading it at once.
        var moved = await tab.Page.WaitForFunctionAsync(
            "() => document.querySelector('table#scorecard').parentElement.scrollLeft > 0", null, new() { Timeout = 5_000 });
        Assert.NotNull(moved);
    }

    private static async Task<(int ScrollWidth, int InnerWidth)> PageWidthsAsync(BrowserTab tab)
    {
        var widths = await tab.Page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        return (widths[0], widths[1]);
    }
}
