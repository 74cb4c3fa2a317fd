using GoldenThread.Demo;
using GoldenThread.Storage;
using GoldenThread.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace GoldenThread.BrowserTests.Infrastructure;

/// <summary>
/// The real web site on Kestrel at a free loopback port, over a fresh SQLite database holding the demonstration
/// partnership, and one headless Debian Chromium driven by Playwright. Started once for the whole run (see
/// <see cref="BrowserSiteCollection"/>); each test opens its own browser context, so no cookies or history leak between tests.
/// </summary>
public sealed class BrowserSite : IAsyncLifetime
{
    /// <summary>Debian's package; Playwright's own browser download is never used (the network is closed in CI).</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private string? _databaseFolder;
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _databaseFolder = Directory.CreateTempSubdirectory("gt-browser-").FullName;
        var database = Database.Parse(Path.Combine(_databaseFolder, "demo.db"));
        await using (var db = database.Open())
        {
            await Schema.ApplyAsync(db, CancellationToken.None);
            await DemoBundle.LoadIntoEmptyAsync(db, CancellationToken.None);
        }

        _app = WebApp.Build(new WebAppOptions(database, ["http://127.0.0.1:0"], "Production", DemoMode: true));
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.First());

        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}: run ./run-tests, or apt-get install chromium.");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Timeout = 30_000,
            // --no-sandbox: the tests run as root; the rest keep Chromium off the (closed) network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser context and page: a desktop-sized window, English, and the site as its base address.</summary>
    public async Task<BrowserTab> OpenTabAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-GB",
            TimezoneId = "Europe/London",
        });
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(30_000);
        return new BrowserTab(context, await context.NewPageAsync());
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        if (_databaseFolder is not null)
        {
            Directory.Delete(_databaseFolder, recursive: true);
        }
    }
}

/// <summary>Puts every browser test class on the one site and browser (xunit then runs them one after another).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserSiteCollection : ICollectionFixture<BrowserSite>
{
    public const string Name = "Browser site";
}
