using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using GoldenThread.Domain.Access;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Tokens;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Tests.Scorecard;

/// <summary>
/// The home page and the API's one-area scorecard share a scorecard computed in the last few seconds
/// (<see cref="GoldenThread.Scorecard.RecentScorecards"/>): a figure saved through the site must still show on both at
/// once, and the API's shared answer must stay the command line's JSON byte for byte. Each database has its own site, as
/// the test saves a figure.
/// </summary>
public abstract class SharedScorecardTests(WebTestHost host)
{
    // Hartmere has no NI 15 figures or targets in the demonstration: a figure saved for the current quarter adds an entry.
    private const string Quarter = "2009-10-Q2";
    private const string ApiScorecard = $"/api/v1/scorecard?period={Quarter}&area=HRT";

    [Fact]
    public async Task AFigureSavedThroughTheSite_ShowsAtOnce_OnTheHomePageAndInTheApi()
    {
        using var client = Bearer(await TokenForDeliveryLeadAsync());

        // Read twice each, so that the second answer is the shared one.
        await HomeTotalAsync();
        var homeBefore = await HomeTotalAsync();
        await client.GetByteArrayAsync(new Uri(ApiScorecard, UriKind.Relative));
        var apiBefore = Entries(await client.GetByteArrayAsync(new Uri(ApiScorecard, UriKind.Relative)));

        using var content = new StringContent("""{"actual": 3.5}""", Encoding.UTF8, "application/json");
        using var saved = await client.PutAsync(new Uri($"/api/v1/figures/NI%2015/HRT/{Quarter}", UriKind.Relative), content);

        var homeAfter = await HomeTotalAsync();
        using var answer = await client.GetAsync(new Uri(ApiScorecard, UriKind.Relative));
        var api = await answer.Content.ReadAsByteArrayAsync();
        var cli = await CliRunner.RunAsync(["--database", host.Database.ConnectionString, "scorecard", "--period", Quarter, "--area", "HRT", "--format", "json"]);

        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
        Assert.DoesNotContain(apiBefore, e => e.GetProperty("indicator").GetString() == "NI 15");
        Assert.Equal(homeBefore + 1, homeAfter);
        Assert.Equal(200, (int)answer.StatusCode);
        Assert.Equal("application/json", answer.Content.Headers.ContentType?.MediaType);
        var entry = Assert.Single(Entries(api), e => e.GetProperty("indicator").GetString() == "NI 15");
        Assert.Equal(3.5m, entry.GetProperty("actual").GetDecimal());
        Assert.True(cli.ExitCode == 0, cli.Error);
        Assert.Equal(Encoding.UTF8.GetBytes(cli.Out), api);
    }

    [Fact]
    public async Task OneAreasApiScorecard_ForAnUnknownArea_IsStillNotFound_EachTime()
    {
        using var client = Bearer(await TokenForDeliveryLeadAsync());

        using var first = await client.GetAsync(new Uri($"/api/v1/scorecard?period={Quarter}&area=NOWHERE", UriKind.Relative));
        using var second = await client.GetAsync(new Uri($"/api/v1/scorecard?period={Quarter}&area=NOWHERE", UriKind.Relative));

        Assert.Equal(404, (int)first.StatusCode);
        Assert.Equal(404, (int)second.StatusCode);
        Assert.Contains("NOWHERE", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>The home page's count of indicators assessed for Hartmere, all bodies, in the current quarter.</summary>
    private async Task<int> HomeTotalAsync()
    {
        var page = await host.GetPageAsync("/?area=HRT");
        var cell = page.QuerySelectorAll("table#status-by-body tr[data-body='*'] td")[^1];
        return int.Parse(CountText(cell), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
    }

    private static string CountText(IElement cell) =>
        cell.QuerySelector("a") is { } link ? link.ChildNodes[0].TextContent.Trim() : cell.TextContent.Trim();

    private static List<JsonElement> Entries(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.Clone())];
    }

    private HttpClient Bearer(string token)
    {
        var client = host.NewClient(followRedirects: false);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<string> TokenForDeliveryLeadAsync()
    {
        var email = host.Account(Role.DeliveryLead).Email;
        await using var db = host.Database.Open();
        var personId = await db.People.Where(p => p.Email == email).Select(p => p.Id).SingleAsync();
        return await TestPeople.TokenAsync(host.Database, personId, TokenScope.Submit);
    }
}

/// <summary>The shared scorecard on SQLite.</summary>
public sealed class SharedScorecardOnSqliteTests(WebTestHost host) : SharedScorecardTests(host), IClassFixture<WebTestHost>;

/// <summary>The shared scorecard on PostgreSQL.</summary>
public sealed class SharedScorecardOnPostgresTests(PostgresWebTestHost host) : SharedScorecardTests(host), IClassFixture<PostgresWebTestHost>;
