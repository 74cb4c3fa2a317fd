using System.Globalization;
using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace GoldenThread.BrowserTests.Infrastructure;

/// <summary>
/// One browser context and page on the site, recording what would go wrong unseen: console errors, script
/// errors and sub-requests (CSS, fonts, scripts, images) that fail or answer 400 or more.
/// </summary>
public sealed class BrowserTab : IAsyncDisposable
{
    /// <summary>WCAG 2.2 AA (every level-A and AA rule axe has for 2.0, 2.1 and 2.2) and axe's best practices.</summary>
    public static readonly IReadOnlyList<string> AxeTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

    /// <summary>Where screenshots go: <c>TestResults/screenshots</c> in the test project's output folder.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    private readonly IBrowserContext _context;
    private readonly List<IConsoleMessage> _consoleErrors = [];
    private readonly List<string> _scriptErrors = [];
    private readonly List<string> _failedRequests = [];
    private readonly HashSet<IRequest> _inFlight = [];
    private TaskCompletionSource _quiet = Quiet();
    private IResponse? _document;

    public BrowserTab(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _consoleErrors.Add(message);
            }
        };
        page.PageError += (_, error) => _scriptErrors.Add("Uncaught: " + error);
        page.Request += (_, request) => Started(request);
        page.FrameNavigated += (_, frame) =>
        {
            // A new document: what the old one had in flight was cut off with it, and Chromium does not always say so.
            if (frame == page.MainFrame)
            {
                lock (_inFlight)
                {
                    _inFlight.Clear();
                    _quiet.TrySetResult();
                }
            }
        };
        page.RequestFinished += (_, request) => Ended(request);
        page.RequestFailed += (_, request) =>
        {
            _failedRequests.Add($"{request.Method} {request.Url}: {request.Failure}");
            Ended(request);
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && response.Request.ResourceType != "document")
            {
                _failedRequests.Add($"{response.Request.Method} {response.Url}: {response.Status} ({response.Request.ResourceType})");
            }
        };
    }

    public IPage Page { get; }

    /// <summary>
    /// Goes to an address on the site and waits until it has loaded: the load event (styles, scripts and images),
    /// the fonts, and every sub-request it started has ended. No fixed wait: Playwright's "network idle" waits a
    /// further 500 ms of silence on every page, which this does not need.
    /// </summary>
    public async Task<IResponse> VisitAsync(string path)
    {
        _document = await Page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Load })
            ?? throw new InvalidOperationException($"GET {path} gave no response.");
        await SettledAsync();
        return _document;
    }

    /// <summary>Waits for a navigation started by a click (or by the keyboard, once it has begun) to finish loading, as <see cref="VisitAsync"/> does.</summary>
    public async Task WaitForPageAsync()
    {
        await Page.WaitForLoadStateAsync(LoadState.Load);
        await SettledAsync();
    }

    /// <summary>The page's fonts have loaded and no sub-request it started is still open.</summary>
    private async Task SettledAsync()
    {
        await Page.EvaluateAsync("async () => { await document.fonts.ready; }");
        Task quiet;
        lock (_inFlight)
        {
            quiet = _quiet.Task;
        }

        await quiet.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static TaskCompletionSource Quiet()
    {
        var quiet = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        quiet.SetResult();
        return quiet;
    }

    private void Started(IRequest request)
    {
        // The document itself is awaited through its load event; a document's redirect chain (signing out, then a page
        // that sends the signed-out person to sign in) does not always end each request it started.
        if (request.ResourceType == "document")
        {
            return;
        }

        lock (_inFlight)
        {
            if (_inFlight.Add(request) && _inFlight.Count == 1)
            {
                _quiet = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    private void Ended(IRequest request)
    {
        lock (_inFlight)
        {
            if (_inFlight.Remove(request) && _inFlight.Count == 0)
            {
                _quiet.TrySetResult();
            }
        }
    }

    public void AssertNoConsoleErrors()
    {
        var errors = _consoleErrors.Where(m => !IsTheDocumentsOwnStatus(m)).Select(m => $"{m.Text} ({m.Location})").Concat(_scriptErrors).ToList();
        Assert.True(errors.Count == 0, $"Console errors on {Page.Url}:\n  " + string.Join("\n  ", errors));
    }

    public void AssertEverySubRequestSucceeded() =>
        Assert.True(_failedRequests.Count == 0, $"Sub-requests that failed on {Page.Url}:\n  " + string.Join("\n  ", _failedRequests));

    /// <summary>
    /// GOV.UK Frontend's CSS and fonts took effect: the heading is set in GDS Transport (the body element itself
    /// keeps the browser's serif, so the heading is the one to read) and the font has loaded.
    /// </summary>
    public async Task AssertStyledWithGovukAsync()
    {
        var heading = Page.Locator("h1").First;
        var fontFamily = await heading.EvaluateAsync<string>("h1 => getComputedStyle(h1).fontFamily");
        Assert.True(fontFamily.Contains("GDS Transport", StringComparison.Ordinal), $"The h1 on {Page.Url} is in '{fontFamily}', not GDS Transport.");
        var loaded = await Page.EvaluateAsync<bool>("async () => { await document.fonts.ready; return document.fonts.check('19px \"GDS Transport\"'); }");
        Assert.True(loaded, $"GDS Transport did not load on {Page.Url}.");
    }

    /// <summary>Runs axe-core over the whole page; any violation at all fails, listing rule, impact, elements and help.</summary>
    public async Task AssertNoAxeViolationsAsync()
    {
        var result = await Page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. AxeTags] },
            ResultTypes = [ResultType.Violations],
        });
        Assert.True(result.Violations.Length == 0, DescribeViolations(Page.Url, result.Violations));
    }

    /// <summary>A full-page PNG under <see cref="ScreenshotFolder"/>, once the fonts have loaded.</summary>
    public async Task<string> SaveScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        await Page.EvaluateAsync("async () => { await document.fonts.ready; }");
        try
        {
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
        }
        catch (PlaywrightException e) when (e.Message.Contains("Unable to capture screenshot", StringComparison.Ordinal))
        {
            // Chromium now and then cannot capture a whole tall page ("Protocol error (Page.captureScreenshot)"); the
            // picture is for people reading the run, not a check, so the visible part is kept instead.
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, Animations = ScreenshotAnimations.Disabled });
        }

        return path;
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    internal static string DescribeViolations(string url, IEnumerable<AxeResultItem> violations)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"axe found violations on {url}:");
        foreach (var violation in violations)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n- {violation.Id} ({violation.Impact}): {violation.Help} {violation.HelpUrl}");
            foreach (var node in violation.Nodes)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n    {node.Target}  {node.Html}");
                var checks = (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []);
                foreach (var message in checks.Select(c => c.Message).Where(m => !string.IsNullOrWhiteSpace(m)).Distinct())
                {
                    text.Append("\n      ").Append(message);
                }
            }
        }

        return text.ToString();
    }

    // Chromium logs "Failed to load resource: ... 404" for the document itself on the not-found page; that
    // status is the page's own (and asserted by the test), not a broken sub-resource.
    private bool IsTheDocumentsOwnStatus(IConsoleMessage message) =>
        message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)
        && _document is not null
        && _document.Status >= 400
        && message.Location.StartsWith(_document.Url, StringComparison.Ordinal);
}
