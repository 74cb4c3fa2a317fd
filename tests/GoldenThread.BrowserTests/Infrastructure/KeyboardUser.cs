using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace GoldenThread.BrowserTests.Infrastructure;

/// <summary>
/// Someone using the site with the keyboard alone: focus only moves by Tab (never by clicking or by
/// <c>locator.Focus()</c>), and every element they land on must show where focus is.
/// </summary>
public sealed class KeyboardUser(IPage page)
{
    private const int MostTabsToReachAnything = 80;

    /// <summary>Presses Tab until <paramref name="target"/> has focus, then checks that focus is visible on it.</summary>
    public async Task TabTo(ILocator target, string description)
    {
        ArgumentNullException.ThrowIfNull(target);
        var trail = new List<string>();
        for (var presses = 1; presses <= MostTabsToReachAnything; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAllAsync<bool>("(elements) => elements.includes(document.activeElement)"))
            {
                await AssertFocusIsVisible();
                return;
            }

            trail.Add(await DescribeFocused());
        }

        Assert.Fail($"Tab never reached {description} on {page.Url} in {MostTabsToReachAnything} presses. Focus went:\n  {string.Join("\n  ", trail.Distinct())}");
    }

    public Task TabToLink(string name) =>
        TabTo(page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = name, Exact = true }), $"the link '{name}'");

    public Task TabToLink(Regex name) =>
        TabTo(page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { NameRegex = name }), $"a link named like /{name}/");

    public Task TabToButton(Regex name) =>
        TabTo(page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { NameRegex = name }), $"a button named like /{name}/");

    public Task TabToField(string label) =>
        TabTo(page.GetByLabel(label, new PageGetByLabelOptions { Exact = true }), $"the field labelled '{label}'");

    /// <summary>Presses Tab once: the next element in the tab order.</summary>
    public Task PressTab() => page.Keyboard.PressAsync("Tab");

    /// <summary>Presses Enter where focus is, staying on the page (an in-page link, for instance).</summary>
    public Task PressEnter() => page.Keyboard.PressAsync("Enter");

    /// <summary>Presses Enter on a link or a form's button and waits for the page it leads to.</summary>
    public async Task PressEnterAndWaitForPage()
    {
        var before = page.Url;
        // Listen before pressing: a fast server can finish the navigation before a later wait starts. The wait ends
        // when the new page has fired its load event (its styles and scripts have run).
        var navigated = page.WaitForURLAsync(url => url != before, new PageWaitForURLOptions { WaitUntil = WaitUntilState.Load });
        await page.Keyboard.PressAsync("Enter");
        await navigated;
    }

    /// <summary>Chooses in the focused select by typing the start of an option, as a keyboard user does.</summary>
    public Task TypeToChoose(string optionText) => page.Keyboard.TypeAsync(optionText);

    /// <summary>Moves the focused select's choice down (or, with a negative count, up) by arrow keys.</summary>
    public async Task PressArrows(int count)
    {
        for (var i = 0; i < Math.Abs(count); i++)
        {
            await page.Keyboard.PressAsync(count > 0 ? "ArrowDown" : "ArrowUp");
        }
    }

    public async Task AssertFocusIsOn(ILocator target, string description)
    {
        ArgumentNullException.ThrowIfNull(target);
        Assert.True(
            await target.EvaluateAllAsync<bool>("(elements) => elements.includes(document.activeElement)"),
            $"Focus should be on {description} on {page.Url}, but is on {await DescribeFocused()}.");
    }

    /// <summary>
    /// The focused element looks focused: a visible outline (not transparent, not zero wide) or a box shadow, as
    /// GOV.UK Frontend draws them (links get a yellow background and a black underline shadow; fields a yellow outline).
    /// </summary>
    public async Task AssertFocusIsVisible()
    {
        var style = await page.EvaluateAsync<JsonElement>(
            """
            () => {
              const s = getComputedStyle(document.activeElement);
              const transparent = c => c === 'transparent' || /rgba\(.*,\s*0\)$/.test(c);
              return {
                outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && !transparent(s.outlineColor),
                boxShadow: s.boxShadow !== 'none' && s.boxShadow !== '',
                text: `outline: ${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}; box-shadow: ${s.boxShadow}; background: ${s.backgroundColor}`,
              };
            }
            """);
        Assert.True(
            style.GetProperty("outline").GetBoolean() || style.GetProperty("boxShadow").GetBoolean(),
            $"Focus is not visible on {await DescribeFocused()} at {page.Url}: {style.GetProperty("text").GetString()}");
    }

    /// <summary>The focused element in words, for failure messages: tag, id or name, and its text.</summary>
    public Task<string> DescribeFocused() => page.EvaluateAsync<string>(
        """
        () => {
          const e = document.activeElement;
          if (!e || e === document.body) return '(the page body)';
          const id = e.id ? '#' + e.id : (e.name ? `[name=${e.name}]` : '');
          const text = (e.getAttribute('aria-label') || e.innerText || e.value || '').trim().replace(/\s+/g, ' ').slice(0, 60);
          return `<${e.tagName.toLowerCase()}${id}> "${text}"`;
        }
        """);
}
