using System.Text;
using System.Text.Json;
using GoldenThread.Api;
using GoldenThread.Api.V1;
using GoldenThread.Demo;
using GoldenThread.Import;
using GoldenThread.Tests.Import;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Tests.Scorecard;

namespace GoldenThread.Tests.Api;

/// <summary>
/// The API over the real host on each database: the scorecard is the command line's JSON byte for byte, and the
/// indicators are the demonstration bundle's rows. The SQLite and PostgreSQL classes below run the same tests.
/// </summary>
public abstract class ApiOnBothDatabasesTests(WebTestHost host)
{
    private static readonly Bundle Demo = BundleReader.Read(Repository.DemoBundle, new TestCatalogue()).Bundle!;

    public static TheoryData<string?, string?> Scopes => new()
    {
        { null, null },
        { "WSX", null },
        { "HRT", null },
        { null, "SSC" },
        { "LNB", "SSC" },
    };

    [Theory]
    [MemberData(nameof(Scopes))]
    public async Task Scorecard_ForTheLatestQuarter_IsTheCommandLinesJsonByteForByte(string? area, string? body)
    {
        var query = $"?period={DemoBundle.LatestQuarter}" + (area is null ? string.Empty : $"&area={area}") + (body is null ? string.Empty : $"&body={body}");
        string[] options = [.. area is null ? [] : new[] { "--area", area }, .. body is null ? [] : new[] { "--body", body }];

        using var response = await host.Client.GetAsync(new Uri("/api/v1/scorecard" + query, UriKind.Relative));
        var api = await response.Content.ReadAsByteArrayAsync();
        var cli = await CliRunner.RunAsync(
            ["--database", host.Database.ConnectionString, "scorecard", "--period", DemoBundle.LatestQuarter, "--format", "json", .. options]);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(cli.ExitCode == 0, cli.Error);
        var apiEntries = ScorecardJson.Parse(Encoding.UTF8.GetString(api)).Entries;
        var cliEntries = ScorecardJson.Parse(cli.Out).Entries;
        Assert.NotEmpty(cliEntries);
        Assert.Equal(cliEntries.Count, apiEntries.Count);
        for (var i = 0; i < cliEntries.Count; i++)
        {
            var name = $"{cliEntries[i].GetProperty("indicator")} in {cliEntries[i].GetProperty("area")}";
            Assert.True(cliEntries[i].GetRawText() == apiEntries[i].GetRawText(), $"entry {i} ({name}) differs:\nCLI: {cliEntries[i]}\nAPI: {apiEntries[i]}");
        }

        Assert.Equal(Encoding.UTF8.GetBytes(cli.Out), api);
    }

    [Fact]
    public async Task Indicators_AreTheDemonstrationBundlesIndicators_InCodeOrder()
    {
        var indicators = await GetAsync<List<IndicatorDocument>>("/api/v1/indicators");

        Assert.Equal(Demo.Indicators.Select(i => i.Code).Order(StringComparer.Ordinal), indicators.Select(i => i.Code));
        foreach (var expected in Demo.Indicators)
        {
            var actual = indicators.Single(i => i.Code == expected.Code);
            Assert.Multiple(
                () => Assert.Equal(expected.Title, actual.Title),
                () => Assert.Equal(expected.Unit, actual.Unit),
                () => Assert.Equal(expected.Decimals, actual.Decimals),
                () => Assert.Equal(expected.Polarity, actual.Polarity),
                () => Assert.Equal(expected.Frequency, actual.Frequency),
                () => Assert.Equal(expected.Accumulation, actual.Accumulation),
                () => Assert.Equal(expected.BodyCode, actual.Body?.Code),
                () => Assert.Equal(Demo.Bodies.SingleOrDefault(b => b.Code == expected.BodyCode)?.Name, actual.Body?.Name),
                () => Assert.Equal(expected.LeadOrganisationCode, actual.LeadOrganisation?.Code),
                () => Assert.Equal(expected.AmberTolerance ?? 10m, actual.AmberTolerance),
                () => Assert.Equal(expected.StrongGreenThreshold ?? 10m, actual.StrongGreenThreshold),
                () => Assert.Equal(expected.MinValue, actual.MinValue),
                () => Assert.Equal(expected.MaxValue, actual.MaxValue),
                () => Assert.Equal(expected.Frameworks.Order(StringComparer.Ordinal), actual.Frameworks));
        }
    }

    [Theory]
    [InlineData("NI 195", "WSX")]
    [InlineData("NI 195", null)]
    [InlineData("NI 8", "WSX")]
    public async Task Indicator_HasTheBundlesTargetsAndValues_ByAreaThenPeriod(string code, string? area)
    {
        var detail = await GetAsync<IndicatorDetailDocument>($"/api/v1/indicators/{Uri.EscapeDataString(code)}" + (area is null ? string.Empty : $"?area={area}"));

        var targets = Demo.Targets.Where(t => t.IndicatorCode == code && (area is null || t.AreaCode == area)).ToList();
        var values = Demo.Values.Where(v => v.IndicatorCode == code && (area is null || v.AreaCode == area)).ToList();
        Assert.Equal(code, detail.Code);
        Assert.NotEmpty(values);
        Assert.Equal(
            targets.Select(t => (t.AreaCode, t.Period.Code, t.Target)).Order(),
            detail.Targets.Select(t => (t.Area, t.Period, t.Target)).Order());
        Assert.Equal(
            values.Select(v => (v.AreaCode, v.Period.Code, v.Actual, v.ProjectedOutturn, v.Note)).Order(),
            detail.Values.Select(v => (v.Area, v.Period, v.Actual, v.ProjectedOutturn, v.Note)).Order());
        Assert.Equal(detail.Values.Select(v => v.Area).Order(StringComparer.Ordinal), detail.Values.Select(v => v.Area));
        Assert.All(detail.Values.Zip(detail.Values.Skip(1)).Where(p => p.First.Area == p.Second.Area), pair =>
            Assert.True(
                Domain.Periods.Period.Parse(pair.First.Period).EndOrdinal <= Domain.Periods.Period.Parse(pair.Second.Period).EndOrdinal,
                $"{pair.First.Period} should come before {pair.Second.Period}"));
    }

    /// <summary>GETs JSON and reads it strictly: a field missing from the answer or not in the type fails the test.</summary>
    private async Task<T> GetAsync<T>(string path)
    {
        using var response = await host.Client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonSerializer.Deserialize<T>(body, StrictJson.Options)!;
    }
}

/// <summary>The API on SQLite.</summary>
public sealed class ApiOnSqliteTests(WebTestHost host) : ApiOnBothDatabasesTests(host), IClassFixture<WebTestHost>;

/// <summary>The API on PostgreSQL.</summary>
public sealed class ApiOnPostgresTests(PostgresWebTestHost host) : ApiOnBothDatabasesTests(host), IClassFixture<PostgresWebTestHost>;
