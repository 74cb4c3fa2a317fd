using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using GoldenThread.Audit;
using GoldenThread.Demo;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Assessment;
using GoldenThread.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Tests.Scorecard;

/// <summary>
/// The system tolerances page (issue 8 item 1.2): the central team change the stored tolerances, the change is
/// audited, and every reader (the API, the command line and the pages) assesses with them at once; bad values are
/// refused with a message at the field; no one else may change them.
/// </summary>
public abstract class TolerancesPageTests(WebTestHost host)
{
    private const string Scorecard = $"/api/v1/scorecard?period={DemoBundle.LatestQuarter}&area=WSX";

    [Fact]
    public async Task ChangedTolerance_ChangesEveryReadersScorecard_AndIsAudited()
    {
        var before = await AmberAsync();
        Assert.NotEmpty(before);
        using var officer = await host.SignInAsync(Role.PerformanceOfficer);

        using var response = await Forms.PostAsync(officer, "/settings/tolerances", [new("amber", "0"), new("strong-green", "12.5%")]);
        var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("0% (amber) and 12.5% (strong green)", page.QuerySelector(".govuk-notification-banner--success")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("0", page.QuerySelector("input#amber")?.GetAttribute("value"));
        var after = await AmberAsync();
        Assert.True(after.Count < before.Count, $"amber entries: {before.Count} before, {after.Count} after");
        Assert.Subset(before.ToHashSet(), after.ToHashSet());

        var cli = await CliRunner.RunAsync(["--database", host.Database.ConnectionString, "scorecard", "--period", DemoBundle.LatestQuarter, "--area", "WSX", "--format", "json"]);
        Assert.Equal(await host.Client.GetStringAsync(new Uri(Scorecard, UriKind.Relative)), cli.Out);
        var indicators = JsonDocument.Parse(await host.Client.GetStringAsync(new Uri("/api/v1/indicators", UriKind.Relative))).RootElement;
        Assert.Contains(indicators.EnumerateArray(), i => i.GetProperty("amber_tolerance").GetDecimal() == 0m && i.GetProperty("strong_green_threshold").GetDecimal() == 12.5m);

        await using var db = host.Database.Open();
        var entry = await db.AuditEntries.Where(e => e.Action == AuditActions.TolerancesChanged).OrderByDescending(e => e.Id).FirstAsync();
        Assert.Equal(host.Account(Role.PerformanceOfficer).Email, entry.ActorName);
        Assert.Equal("Amber tolerance 10% to 0%; strong green threshold 10% to 12.5%.", entry.Detail);
    }

    [Theory]
    [InlineData("", "Enter the amber tolerance, a percentage such as 10")]
    [InlineData("ten", "The amber tolerance must be a number, such as 10 or 7.5")]
    [InlineData("-5", "The amber tolerance must be a number, such as 10 or 7.5")]
    [InlineData("100.5", "The amber tolerance must be between 0 and 100")]
    [InlineData("7.125", "The amber tolerance can have at most 2 decimal places")]
    public async Task BadTolerance_IsRefusedAtItsField_AndNothingChanges(string amber, string message)
    {
        using var officer = await host.SignInAsync(Role.PerformanceOfficer);
        await using var db = host.Database.Open();
        var entries = await db.AuditEntries.CountAsync(e => e.Action == AuditActions.TolerancesChanged);
        var stored = await db.ToleranceSettings.AsNoTracking().SingleOrDefaultAsync();

        using var response = await Forms.PostAsync(officer, "/settings/tolerances", [new("amber", amber), new("strong-green", "10")]);
        var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        Assert.Equal("Error: " + message, page.QuerySelector("#amber-error")?.TextContent.Trim());
        Assert.Equal("#amber", page.QuerySelector(".govuk-error-summary a")?.GetAttribute("href"));
        Assert.Equal(entries, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.TolerancesChanged));
        Assert.Equal(stored?.AmberPercent, (await db.ToleranceSettings.AsNoTracking().SingleOrDefaultAsync())?.AmberPercent);
    }

    [Theory]
    [InlineData(Role.Administrator, HttpStatusCode.OK)]
    [InlineData(Role.PerformanceOfficer, HttpStatusCode.OK)]
    [InlineData(Role.IndicatorOwner, HttpStatusCode.Forbidden)]
    [InlineData(Role.Auditor, HttpStatusCode.Forbidden)]
    [InlineData(Role.DeliveryLead, HttpStatusCode.Forbidden)]
    public async Task TolerancesPage_IsTheCentralTeams(Role role, HttpStatusCode expected)
    {
        using var client = await host.SignInAsync(role, followRedirects: false);

        using var response = await client.GetAsync(new Uri("/settings/tolerances", UriKind.Relative));

        var refused = response.StatusCode == HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("access-denied", StringComparison.OrdinalIgnoreCase) == true);
        Assert.Equal(expected == HttpStatusCode.Forbidden, refused);
        if (expected == HttpStatusCode.OK)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    /// <summary>The entries of the county's latest scorecard that are amber, by the API.</summary>
    private async Task<List<string>> AmberAsync()
    {
        var json = ScorecardJson.Parse(await host.Client.GetStringAsync(new Uri(Scorecard, UriKind.Relative)));
        return [.. json.Entries
            .Where(e => e.GetProperty("status").GetString() == Status.Amber.Code())
            .Select(e => $"{e.GetProperty("indicator").GetString()} {e.GetProperty("area").GetString()}")];
    }
}

/// <summary>On SQLite.</summary>
public sealed class TolerancesPageOnSqliteTests(WebTestHost host) : TolerancesPageTests(host), IClassFixture<WebTestHost>;

/// <summary>On PostgreSQL.</summary>
public sealed class TolerancesPageOnPostgresTests(PostgresWebTestHost host) : TolerancesPageTests(host), IClassFixture<PostgresWebTestHost>;
