using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Tests.Indicators;

/// <summary>
/// The central team's indicator change page and the list of indicators without an active owner or deputy, over the
/// demonstration: the form shows what is stored, a change is saved whole and shown on the indicator page in words, a
/// bad one is refused with the error summary, and no one else may use either page.
/// </summary>
public abstract class IndicatorEditPageTests(WebTestHost host)
{
    [Fact]
    public async Task EditPage_ShowsTheStoredOwnerAndDeputy()
    {
        using var officer = await host.SignInAsync(Role.PerformanceOfficer);

        var (page, _) = await Forms.ReadAsync(officer, "/indicators/NI%2016/edit");

        Assert.Contains("Owen Price", page.QuerySelector("select#owner option[selected]")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("Dana Ellis", page.QuerySelector("select#deputy option[selected]")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("input#audited-no[checked]"));
    }

    [Fact]
    public async Task EditPage_Save_IsAuditedAndTheIndicatorPageSaysItInWords()
    {
        using var officer = await host.SignInAsync(Role.PerformanceOfficer);
        var (owner, deputy) = (await IdAsync(Role.IndicatorOwner), await IdAsync(Role.IndicatorDeputy));

        using var response = await Forms.PostAsync(officer, "/indicators/NI%2020/edit", Fields("Counted from police records.", "good", owner, deputy));
        var saved = await ParseAsync(response);
        var indicator = await host.GetPageAsync("/indicators/NI%2020");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("NI 20 has been changed.", saved.QuerySelector(".govuk-notification-banner__heading")?.TextContent.Trim());
        Assert.Equal("Counted from police records.", Text(indicator, "#definition"));
        Assert.Equal("Good", Text(indicator, "#data-quality"));
        Assert.StartsWith("Outcome", Text(indicator, "#type"), StringComparison.Ordinal);
        Assert.Equal("High", Text(indicator, "#risk-level"));
        Assert.StartsWith("Yes", Text(indicator, "#audited"), StringComparison.Ordinal);
        Assert.Equal("Owen Price", Text(indicator, "#owner"));
        Assert.Equal("Dana Ellis", Text(indicator, "#deputy"));
        await using var db = host.Database.Open();
        var entry = await db.AuditEntries.Where(e => e.Action == AuditActions.IndicatorChanged).OrderByDescending(e => e.Id).FirstAsync();
        Assert.Equal(host.Account(Role.PerformanceOfficer).Email, entry.ActorName);
        Assert.StartsWith("NI 20: definition from not recorded to \"Counted from police records.\";", entry.Detail, StringComparison.Ordinal);
        Assert.EndsWith("owner from nobody to Owen Price; deputy from nobody to Dana Ellis.", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditPage_Problems_AreRefusedWholeWithTheErrorSummary()
    {
        using var officer = await host.SignInAsync(Role.PerformanceOfficer);
        var owner = await IdAsync(Role.IndicatorOwner);

        using var response = await Forms.PostAsync(officer, "/indicators/NI%2039/edit", Fields("Changed?", "excellent", owner, owner));
        var page = await ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        Assert.Equal(["#data-quality", "#deputy"], page.QuerySelectorAll(".govuk-error-summary a").Select(a => a.GetAttribute("href")));
        Assert.Equal("Changed?", page.QuerySelector("textarea#definition")?.TextContent);
        var indicator = await host.GetPageAsync("/indicators/NI%2039");
        Assert.Equal("Not recorded", Text(indicator, "#definition"));
        Assert.Equal("Not recorded", Text(indicator, "#owner"));
    }

    [Fact]
    public async Task ProblemsPage_ListsIndicatorsWithoutAnActiveOwnerOrDeputy_LinkedFromTheCentralTeamsHome()
    {
        using var officer = await host.SignInAsync(Role.PerformanceOfficer);
        using var owner = await host.SignInAsync(Role.IndicatorOwner);

        var (page, _) = await Forms.ReadAsync(officer, "/indicators/problems");
        var (officerHome, _) = await Forms.ReadAsync(officer, "/");
        var (ownerHome, _) = await Forms.ReadAsync(owner, "/");

        var rows = page.QuerySelectorAll("#problems tbody tr").Select(r => (Code: r.QuerySelector("th a")?.TextContent, Problem: r.QuerySelector("td")?.TextContent)).ToList();
        Assert.Contains(("NI 39", "No active owner or deputy"), rows);
        Assert.DoesNotContain(rows, r => r.Code == "NI 16");
        Assert.Equal("/indicators/problems", officerHome.QuerySelector("#central-team-links a")?.GetAttribute("href"));
        Assert.Null(ownerHome.QuerySelector("#central-team-links"));
    }

    [Theory]
    [InlineData(Role.Administrator, false)]
    [InlineData(Role.PerformanceOfficer, false)]
    [InlineData(Role.IndicatorOwner, true)]
    [InlineData(Role.Auditor, true)]
    public async Task Pages_AreTheCentralTeams(Role role, bool refused)
    {
        using var client = await host.SignInAsync(role, followRedirects: false);

        foreach (var path in new[] { "/indicators/NI%2016/edit", "/indicators/problems" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            var wasRefused = response.StatusCode == HttpStatusCode.Forbidden
                || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("access-denied", StringComparison.OrdinalIgnoreCase) == true);
            Assert.Equal(refused, wasRefused);
        }
    }

    private static KeyValuePair<string, string>[] Fields(string definition, string quality, int owner, int deputy) =>
    [
        new("definition", definition),
        new("data-source", "Police recorded crime"),
        new("type", "outcome"),
        new("data-quality", quality),
        new("risk-level", "high"),
        new("audited", "yes"),
        new("owner", owner.ToString(CultureInfo.InvariantCulture)),
        new("deputy", deputy.ToString(CultureInfo.InvariantCulture)),
    ];

    private async Task<int> IdAsync(Role role)
    {
        await using var db = host.Database.Open();
        var email = host.Account(role).Email;
        return await db.People.Where(p => p.Email == email).Select(p => p.Id).SingleAsync();
    }

    private static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    private static string? Text(IHtmlDocument page, string selector) => page.QuerySelector(selector)?.TextContent.Trim();
}

/// <summary>On SQLite.</summary>
public sealed class IndicatorEditPageOnSqliteTests(WebTestHost host) : IndicatorEditPageTests(host), IClassFixture<WebTestHost>;

/// <summary>On PostgreSQL.</summary>
public sealed class IndicatorEditPageOnPostgresTests(PostgresWebTestHost host) : IndicatorEditPageTests(host), IClassFixture<PostgresWebTestHost>;
