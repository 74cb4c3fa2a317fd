using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using GoldenThread.Demo;
using GoldenThread.Domain.Access;
using GoldenThread.Storage;
using GoldenThread.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace GoldenThread.Tests.Infrastructure;

/// <summary>
/// The real web site on Kestrel at a free loopback port, over a fresh SQLite database holding the demonstration
/// partnership and its people (a copy of one loaded once per run, <see cref="TestDatabase.CreateDemoAsync"/>). One
/// host per test class (an xunit class fixture); pages are read with AngleSharp.
/// </summary>
public class WebTestHost : IAsyncLifetime
{
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public Database Database { get; private set; } = null!;

    /// <summary>The demonstration people and their passwords for this host.</summary>
    public IReadOnlyList<DemoAccount> Accounts { get; private set; } = [];

    /// <summary>Who <see cref="Client"/> is signed in as; null for a host whose client is the public.</summary>
    protected virtual Role? SignedInAs => Role.PerformanceOfficer;

    protected virtual WebAppOptions Configure(WebAppOptions options) => options;

    /// <summary>Changes to the site's services for one host, after the site's own.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public WebApplication App => _app!;

    /// <summary>Which database the host runs on; a subclass may choose PostgreSQL.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public async Task InitializeAsync()
    {
        (Database, Accounts) = await TestDatabase.CreateDemoAsync(Provider);
        _app = WebApp.Build(Configure(new WebAppOptions(Database, ["http://127.0.0.1:0"], "Production", DemoMode: true)
        {
            DemoAccounts = Accounts,
            Limits = new RateLimits(SignInPerMinute: 10_000, PasswordResetPerHour: 10_000, ApiPerMinute: 100_000),

            // The tests' requests come from this machine, as a TLS-ending proxy on it would send them (X-Forwarded-Proto).
            TrustedProxies = ["127.0.0.1", "::1"],
        }), builder => ConfigureServices(builder.Services));
        await _app.StartAsync();
        var address = _app.Urls.First();
        BaseAddress = new Uri(address);
        Client = SignedInAs is { } role ? await SignInAsync(role) : NewClient();
    }

    public DemoAccount Account(Role role) => Accounts.Single(a => a.Role == role);

    /// <summary>A client with its own cookies, signed in as nobody.</summary>
    public HttpClient NewClient(bool followRedirects = true) => NewClient(new System.Net.CookieContainer(), followRedirects);

    private HttpClient NewClient(System.Net.CookieContainer cookies, bool followRedirects) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = followRedirects }) { BaseAddress = BaseAddress };

    /// <summary>The sign-ins with an authenticator code on this site (shared by the classes that borrow it).</summary>
    private CodeSignIns _codeSignIns = new();

    /// <summary>
    /// A client signed in as the demonstration person with this role (with their authenticator code, for the
    /// administrator). The site takes each code once, so when this host has used every code it would accept now,
    /// the new client carries a copy of the last such session's cookies instead of signing in again.
    /// </summary>
    public async Task<HttpClient> SignInAsync(Role role, bool followRedirects = true)
    {
        var account = Account(role);
        var cookies = new System.Net.CookieContainer();
        var clock = App.Services.GetRequiredService<TimeProvider>();
        if (account.AuthenticatorKey is not { } key)
        {
            var client = NewClient(cookies, followRedirects);
            await Forms.SignInAsync(client, account, clock);
            return client;
        }

        return await _codeSignIns.OneAtATimeAsync(async sessions =>
        {
            if (!Forms.HasUnusedCode(key, clock) && sessions.TryGetValue(role, out var session))
            {
                cookies.Add(session);
                return NewClient(cookies, followRedirects);
            }

            var client = NewClient(cookies, followRedirects);
            await Forms.SignInAsync(client, account, clock);
            sessions[role] = cookies.GetAllCookies();
            return client;
        });
    }

    /// <summary>Makes this host a user of <paramref name="site"/>, already started: its site, database, people and client.</summary>
    private protected void Borrow(WebTestHost site)
    {
        ArgumentNullException.ThrowIfNull(site);
        _app = site._app;
        BaseAddress = site.BaseAddress;
        Client = site.Client;
        Database = site.Database;
        Accounts = site.Accounts;
        _codeSignIns = site._codeSignIns;
    }

    /// <summary>
    /// The cookies of the last session signed in with an authenticator code, by role, and a queue that lets one such
    /// sign-in run at a time, so that two test classes sharing a site never race for the same code.
    /// </summary>
    private sealed class CodeSignIns
    {
        private readonly Dictionary<Role, System.Net.CookieCollection> _sessions = [];
        private readonly Lock _gate = new();
        private Task _last = Task.CompletedTask;

        public async Task<T> OneAtATimeAsync<T>(Func<Dictionary<Role, System.Net.CookieCollection>, Task<T>> signIn)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Task before;
            lock (_gate)
            {
                before = _last;
                _last = done.Task;
            }

            try
            {
                await before;
                return await signIn(_sessions);
            }
            finally
            {
                done.SetResult();
            }
        }
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>GETs a page and parses it, asserting the status code first.</summary>
    public async Task<IHtmlDocument> GetPageAsync(string path, int expectedStatus = 200)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expectedStatus, $"GET {path}: expected {expectedStatus}, got {(int)response.StatusCode}");
        return await new HtmlParser().ParseDocumentAsync(html);
    }
}

/// <summary>The same host over PostgreSQL, for the checks that the site agrees with the command line on both databases.</summary>
public sealed class PostgresWebTestHost : WebTestHost
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

/// <summary>
/// One site for the whole run, shared by the test classes that only read: the same site as <see cref="WebTestHost"/>
/// (SQLite, the demonstration, <see cref="WebTestHost.Client"/> signed in as the performance officer), started once
/// instead of once per class. A class may use it when nothing it does changes what another class reads: pages and
/// API answers, new sign-ins and tokens of its own, but no change to figures, people, settings or the shared client's
/// session. Anything else takes a <see cref="WebTestHost"/> of its own.
/// </summary>
public sealed class ReadOnlyWebTestHost : WebTestHost, IAsyncLifetime
{
    private static readonly Lazy<Task<WebTestHost>> Site = new(async () =>
    {
        var site = new WebTestHost();
        await site.InitializeAsync();
        return site;
    });

    async Task IAsyncLifetime.InitializeAsync() => Borrow(await Site.Value);

    /// <summary>The site outlives every class that uses it; its folder and database go with the run's (<see cref="TestFolders"/>).</summary>
    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}
