using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using GoldenThread.Demo;
using GoldenThread.Domain.Access;
using GoldenThread.Storage;
using GoldenThread.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace GoldenThread.BrowserTests.Infrastructure;

/// <summary>
/// The real web site on Kestrel at a free loopback port, over a fresh SQLite database holding the demonstration
/// partnership, and one headless Debian Chromium driven by Playwright. Started once for the whole run for each
/// collection that uses it (<see cref="BrowserSiteCollection"/>, and <see cref="SecondBrowserSiteCollection"/> for half
/// the page checks, run side by side); each test opens its own browser context, so no cookies or history leak between tests.
/// </summary>
public sealed class BrowserSite : IAsyncLifetime
{
    /// <summary>Debian's package; Playwright's own browser download is never used (the network is closed in CI).</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private string? _databaseFolder;
    private Database? _database;
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The demonstration people, with this run's passwords.</summary>
    public IReadOnlyList<DemoAccount> Accounts { get; private set; } = [];

    /// <summary>Each role's signed-in cookies, made once by signing in through the pages, then reused by every tab for that role.</summary>
    private readonly ConcurrentDictionary<Role, string> _signedIn = new();

    public async Task InitializeAsync()
    {
        _databaseFolder = Directory.CreateTempSubdirectory("gt-browser-").FullName;
        var database = _database = Database.Parse(Path.Combine(_databaseFolder, "demo.db"));
        await using (var db = database.Open())
        {
            await Schema.ApplyAsync(db, CancellationToken.None);
            await DemoBundle.LoadIntoEmptyForCycleAsync(db, CancellationToken.None);
        }

        Accounts = await DemoPeople.PrepareAsync(database, CancellationToken.None);
        await DemoCycle.PrepareAsync(database, CancellationToken.None);
        _app = WebApp.Build(new WebAppOptions(database, ["http://127.0.0.1:0"], "Production", DemoMode: true)
        {
            DemoAccounts = Accounts,
            Limits = new RateLimits(SignInPerMinute: 10_000, PasswordResetPerHour: 10_000, ApiPerMinute: 100_000),
        });
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

    public DemoAccount Account(Role role) => Accounts.Single(a => a.Role == role);

    /// <summary>
    /// A fresh browser context and page (a desktop-sized window, English, the site as its base address), signed in
    /// as the demonstration person with the role given (the performance officer unless told), or as the public with null.
    /// </summary>
    public async Task<BrowserTab> OpenTabAsync(Role? signedInAs = Role.PerformanceOfficer)
    {
        var state = signedInAs is { } role ? await SignedInStateAsync(role) : null;
        return await NewTabAsync(state);
    }

    /// <summary>A tab for the public: no one signed in.</summary>
    public Task<BrowserTab> OpenPublicTabAsync() => OpenTabAsync(null);

    private async Task<BrowserTab> NewTabAsync(string? storageState)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-GB",
            TimezoneId = "Europe/London",
            StorageState = storageState,
        });
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(30_000);
        return new BrowserTab(context, await context.NewPageAsync());
    }

    private async Task<string> SignedInStateAsync(Role role)
    {
        if (_signedIn.TryGetValue(role, out var state))
        {
            return state;
        }

        await using var tab = await NewTabAsync(null);
        await SignInAsync(tab.Page, Account(role));
        state = await tab.Page.Context.StorageStateAsync();
        _signedIn[role] = state;
        return state;
    }

    /// <summary>
    /// A page's address with each demonstration return named by its assignee: <c>{return:delivery.lead}</c> is the id of
    /// that person's return for the demonstration's quarter, <c>{line:delivery.lead}</c> the id of its first line.
    /// </summary>
    public async Task<string> ResolveAsync(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        foreach (var match in Regex.Matches(path, @"\{(return|line):([a-z.]+)\}").Cast<Match>())
        {
            await using var db = _database!.Open();
            var email = $"{match.Groups[2].Value}@{DemoPeople.Domain}";
            var returnId = await db.Returns.Where(r => r.Period == DemoCycle.Quarter.Code && r.Assignee!.Email == email).Select(r => r.Id).SingleAsync();
            var id = match.Groups[1].Value == "return" ? returnId : await db.ReturnLines.Where(l => l.ReturnId == returnId).MinAsync(l => l.Id);
            path = path.Replace(match.Value, id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        return path;
    }

    /// <summary>Signs in through the sign-in page, and the two-factor page for an account with an authenticator.</summary>
    public static async Task SignInAsync(IPage page, DemoAccount account)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(account);
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address").FillAsync(account.Email);
        await page.GetByLabel("Password", new PageGetByLabelOptions { Exact = true }).FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        if (account.AuthenticatorKey is { } key)
        {
            await page.Locator("input[name='Code']").FillAsync(AuthenticatorCode(key));
            await page.Locator("main form button[type='submit']").First.ClickAsync();
            await page.WaitForLoadStateAsync(LoadState.Load);
        }

        if (page.Url.Contains("/account/sign-in", StringComparison.Ordinal) || page.Url.Contains("/account/two-factor", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Signing in as {account.Email} did not get past {page.Url}.");
        }
    }

    private static readonly Dictionary<string, long> LastStepUsed = new(StringComparer.Ordinal);

    /// <summary>
    /// An authenticator code the site has not yet taken for this key (RFC 6238): the current step's, else the
    /// next step's, since the site accepts each code once and one step either side.
    /// </summary>
    public static string AuthenticatorCode(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        long step;
        lock (LastStepUsed)
        {
            step = Math.Max(now, LastStepUsed.GetValueOrDefault(key, long.MinValue) + 1);
            if (step > now + 1)
            {
                throw new InvalidOperationException("Both codes the site would accept now have been used for this key.");
            }

            LastStepUsed[key] = step;
        }

        return new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key.Replace(" ", "", StringComparison.Ordinal))).ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * 30).UtcDateTime);
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

/// <summary>
/// A second site and browser of their own (a fixture per collection), for read-only checks that run side by side with
/// <see cref="BrowserSiteCollection"/>'s: nothing one does can reach the other's database or cookies.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SecondBrowserSiteCollection : ICollectionFixture<BrowserSite>
{
    public const string Name = "Second browser site";
}
