using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using GoldenThread.Demo;
using GoldenThread.Storage;
using GoldenThread.Web;
using Microsoft.AspNetCore.Builder;

namespace GoldenThread.Tests.Infrastructure;

/// <summary>
/// The real web site on Kestrel at a free loopback port, over a fresh SQLite database holding the demonstration
/// partnership. One host per test class (an xunit class fixture); pages are read with AngleSharp.
/// </summary>
public class WebTestHost : IAsyncLifetime
{
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public Database Database { get; private set; } = null!;

    /// <summary>Which database the host runs on; a subclass may choose PostgreSQL.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(Provider);
        await using (var db = Database.Open())
        {
            await DemoBundle.LoadIntoEmptyAsync(db, CancellationToken.None);
        }

        _app = WebApp.Build(new WebAppOptions(Database, ["http://127.0.0.1:0"], "Production", DemoMode: true));
        await _app.StartAsync();
        var address = _app.Urls.First();
        BaseAddress = new Uri(address);
        Client = new HttpClient { BaseAddress = BaseAddress };
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
