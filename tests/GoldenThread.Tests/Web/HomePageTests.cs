using System.Globalization;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using GoldenThread.Demo;
using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Periods;
using GoldenThread.Scorecard;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Web;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Tests.Web;

/// <summary>The home page: the latest quarter at a glance, checked against the scorecard query it summarises.</summary>
public sealed class HomePageTests(WebTestHost host) : IClassFixture<WebTestHost>
{
    private static readonly Period Latest = Period.Parse(DemoBundle.LatestQuarter);

    [Fact]
    public async Task Home_NamesTheLatestQuarter_AboveTheHeading()
    {
        var page = await host.GetPageAsync("/");

        Assert.Equal("2009/10 Q2, the current period", page.QuerySelector("main .govuk-caption-xl")?.TextContent.Trim());
        Assert.Equal("Partnership performance", page.QuerySelector("main h1")?.TextContent.Trim());
    }

    [Fact]
    public async Task Home_ShowsTheCountyByDefault_WithItsAreaSelected()
    {
        var page = await host.GetPageAsync("/");

        Assert.Equal("WSX", page.QuerySelector("select#area option[selected]")?.GetAttribute("value"));
        Assert.Contains("Wessexshire", page.QuerySelector(".govuk-inset-text")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_CountsPerStatusOverallAndPerBody_EqualTheScorecardQuery()
    {
        var entries = await LatestEntriesAsync("WSX");
        var bodies = await BodyOfEachIndicatorAsync();

        var table = (await host.GetPageAsync("/")).QuerySelector("table#status-by-body")!;

        var statuses = table.QuerySelectorAll("thead th[data-status]").Select(th => th.GetAttribute("data-status")).ToList();
        Assert.Equal(Enum.GetValues<Status>().Select(s => s.Code()), statuses);
        Assert.Equal(
            Enum.GetValues<Status>().Select(s => s.Name()),
            table.QuerySelectorAll("thead th[data-status] .govuk-tag").Select(t => t.TextContent.Trim()));

        AssertCounts(entries, table.QuerySelector("tr[data-body='*']")!);
        var expectedBodies = entries.Select(e => bodies[e.Indicator]).Distinct().ToList();
        Assert.Equal(expectedBodies.Count, table.QuerySelectorAll("tbody tr").Length - 1);
        foreach (var body in expectedBodies)
        {
            AssertCounts(entries.Where(e => bodies[e.Indicator] == body).ToList(), table.QuerySelector($"tr[data-body='{body ?? string.Empty}']")!);
        }
    }

    [Fact]
    public async Task Home_ListsEveryExceptionRequired_WithItsStatusInWordsAndPvt()
    {
        var entries = await LatestEntriesAsync("WSX");
        var expected = entries.Where(e => e.Assessment.ExceptionRequired is not null).ToList();

        var rows = (await host.GetPageAsync("/")).QuerySelectorAll("table#exception-list tbody tr");

        Assert.Equal(expected.Count, rows.Length);
        foreach (var entry in expected)
        {
            var row = rows.Single(r => r.GetAttribute("data-indicator") == entry.Indicator && r.GetAttribute("data-area") == entry.Area);
            var cells = row.QuerySelectorAll("td");
            Assert.Equal(entry.Assessment.Status.Name(), row.QuerySelector(".govuk-tag")?.TextContent.Trim());
            Assert.Equal(
                entry.Assessment.Pvt is { } pvt ? ScorecardRow.SignedPvt(pvt) : "None",
                cells[^1].QuerySelector(".govuk-visually-hidden")?.TextContent.Trim() ?? cells[^1].TextContent.Trim());
        }

        Assert.Contains(expected, e => e.Assessment.Status == Status.Red);
        Assert.Contains(expected, e => e.Assessment.Status == Status.NoData);
    }

    [Fact]
    public async Task Home_ListsStagesTwoAndThree_LinkingToEachIndicatorPage()
    {
        var entries = await LatestEntriesAsync("WSX");
        var expected = entries.Where(e => e.Assessment.LadderStage >= 2).Select(e => e.Indicator).Order().ToList();

        var rows = (await host.GetPageAsync("/")).QuerySelectorAll("table#intervention-list tbody tr");

        Assert.Equal(expected, rows.Select(r => r.GetAttribute("data-indicator")!).Order());
        var ni16 = rows.Single(r => r.GetAttribute("data-indicator") == "NI 16");
        Assert.Equal("/indicators/NI%2016?area=WSX", ni16.QuerySelector("th a")?.GetAttribute("href"));
        Assert.Equal("Stage 3", ni16.QuerySelector("td[data-column='ladder']")?.TextContent.Trim());
        Assert.Equal("NI 16 in Wessexshire", ni16.QuerySelector("th a")?.TextContent.Trim());
    }

    [Fact]
    public async Task Home_ACountLink_OpensTheScorecardWithThoseIndicators()
    {
        var home = await host.GetPageAsync("/");
        var link = home.QuerySelector("tr[data-body='SSC'] td a[href*='status=red']")!;

        var scorecard = await host.GetPageAsync(link.GetAttribute("href")!);

        var rows = scorecard.QuerySelectorAll("table#scorecard tbody tr");
        Assert.Equal(int.Parse(link.ChildNodes[0].TextContent, CultureInfo.InvariantCulture), rows.Length);
        Assert.All(rows, r => Assert.Equal("Red", r.QuerySelector("td[data-column='status'] .govuk-tag")?.TextContent.Trim()));
        Assert.Contains("Red indicators for Safer and Stronger Communities Partnership", link.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_WithADistrict_ShowsThatDistrictsFigures()
    {
        var entries = await LatestEntriesAsync("HRT");

        var page = await host.GetPageAsync("/?area=HRT");

        Assert.Equal("HRT", page.QuerySelector("select#area option[selected]")?.GetAttribute("value"));
        Assert.Null(page.QuerySelector(".govuk-inset-text"));
        var total = CountText(page.QuerySelector("tr[data-body='*'] td:last-child")!);
        Assert.Equal(entries.Count.ToString(CultureInfo.InvariantCulture), total);
    }

    [Fact]
    public async Task Home_WithAnUnknownArea_ShowsTheErrorSummaryWith400()
    {
        var page = await host.GetPageAsync("/?area=NOWHERE", expectedStatus: 400);

        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        var summary = page.QuerySelector(".govuk-error-summary")!;
        Assert.Equal("#area", summary.QuerySelector("a")?.GetAttribute("href"));
        Assert.Contains("NOWHERE", summary.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector(".govuk-form-group--error select#area[aria-describedby='area-error']"));
        Assert.NotNull(page.QuerySelector("p#area-error.govuk-error-message"));
        Assert.Null(page.QuerySelector("table#status-by-body"));
    }

    [Fact]
    public async Task Home_OnAnEmptyDatabase_SaysHowToImport()
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await TestPeople.AddAsync(database, "first@example.org");
        await using var app = WebApp.Build(new WebAppOptions(database, ["http://127.0.0.1:0"]) { RequireHttps = false, KeyCertificate = GoldenThread.Accounts.KeyCertificates.ForThisRun });
        await app.StartAsync();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = new Uri(app.Urls.First()) };
        using (var signedIn = await Forms.PostAsync(client, "/account/sign-in", [new("Email", "first@example.org"), new("Password", TestPeople.Password)]))
        {
            Assert.Equal("/", signedIn.RequestMessage?.RequestUri?.AbsolutePath);
        }

        foreach (var path in new[] { "/", "/scorecard" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

            Assert.Equal(200, (int)response.StatusCode);
            Assert.Equal("There are no figures yet", page.QuerySelector("main h2")?.TextContent.Trim());
            Assert.Contains("import path/to/bundle", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        }

        await app.StopAsync();
    }

    [Fact]
    public async Task Home_HasNoInlineScriptOrStyle_AndLabelsEveryControl()
    {
        var page = await host.GetPageAsync("/");

        ScorecardPageTests.AssertAccessibleBasics(page);
    }

    private async Task<List<ScorecardEntry>> LatestEntriesAsync(string area)
    {
        await using var db = host.Database.Open();
        return [.. (await ScorecardQuery.RunAsync(db, new ScorecardFilter(Latest, area), Tolerances.Default, CancellationToken.None)).Entries];
    }

    private async Task<Dictionary<string, string?>> BodyOfEachIndicatorAsync()
    {
        await using var db = host.Database.Open();
        return await db.Indicators.Select(i => new { i.Code, Body = i.Body == null ? null : i.Body.Code }).ToDictionaryAsync(i => i.Code, i => i.Body);
    }

    private static void AssertCounts(List<ScorecardEntry> entries, IElement row)
    {
        var cells = row.QuerySelectorAll("td");
        var statuses = Enum.GetValues<Status>();
        Assert.Equal(statuses.Length + 1, cells.Length);
        for (var i = 0; i < statuses.Length; i++)
        {
            var expected = entries.Count(e => e.Assessment.Status == statuses[i]);
            Assert.True(
                int.Parse(CountText(cells[i]), CultureInfo.InvariantCulture) == expected,
                $"{row.QuerySelector("th")?.TextContent.Trim()}: {statuses[i].Name()} should be {expected}");
        }

        Assert.Equal(entries.Count, int.Parse(CountText(cells[^1]), CultureInfo.InvariantCulture));
    }

    /// <summary>The number in a count cell: the link's first text (its visually hidden words follow), or the cell's text.</summary>
    private static string CountText(IElement cell) =>
        cell.QuerySelector("a") is { } link ? link.ChildNodes[0].TextContent.Trim() : cell.TextContent.Trim();
}
