using System.Text.Json;
using System.Text.Json.Serialization;
using GoldenThread.Api;
using GoldenThread.Api.V1;
using GoldenThread.Demo;
using GoldenThread.Scorecard;
using GoldenThread.Tests.Infrastructure;

namespace GoldenThread.Tests.Api;

/// <summary><c>GET /api/v1/scorecard</c>: its declared schema, and problems a person can act on for bad input.</summary>
public sealed class ScorecardApiTests(ReadOnlyWebTestHost host) : IClassFixture<ReadOnlyWebTestHost>
{
    [Fact]
    public async Task Scorecard_StreamedJson_ReadsIntoTheDeclaredRecordsWithNoFieldMissingOrExtra()
    {
        var json = await host.Client.GetStringAsync(new Uri($"/api/v1/scorecard?period={DemoBundle.LatestQuarter}", UriKind.Relative));

        var scorecard = JsonSerializer.Deserialize<ScorecardDocument>(json, StrictJson.Options)!;

        Assert.Equal(DemoBundle.LatestQuarter, scorecard.Period);
        Assert.NotEmpty(scorecard.Entries);
        Assert.All(scorecard.Entries, e => Assert.Equal(DemoBundle.LatestQuarter, e.Period));
    }

    [Fact]
    public void ScorecardEntryDocument_DeclaresTheWritersFieldsInOrder()
    {
        var declared = typeof(ScorecardEntryDocument).GetProperties()
            .Select(p => p.GetCustomAttributes(typeof(JsonPropertyNameAttribute), false).Cast<JsonPropertyNameAttribute>().Single().Name);

        Assert.Equal(ScorecardOutput.Fields, declared);
    }

    [Fact]
    public async Task Scorecard_WithoutPeriod_Is400ProblemNamingThePeriodWithAnExample()
    {
        var problem = await GetProblemAsync("/api/v1/scorecard", 400);

        Assert.Equal(ApiProblems.InvalidParameterTitle, problem.GetProperty("title").GetString());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("'period' is required", detail, StringComparison.Ordinal);
        Assert.Contains("2009-10-Q2", detail, StringComparison.Ordinal);
        Assert.Equal(detail, problem.GetProperty("errors").GetProperty("period")[0].GetString());
    }

    [Theory]
    [InlineData("2009-10-Q5")]
    [InlineData("2009-Q2")]
    [InlineData("Q2")]
    public async Task Scorecard_WithMalformedPeriod_Is400ProblemQuotingItAndShowingGoodCodes(string period)
    {
        var problem = await GetProblemAsync($"/api/v1/scorecard?period={period}", 400);

        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains($"'{period}'", detail, StringComparison.Ordinal);
        Assert.Contains("2009-10-H1", detail, StringComparison.Ordinal);
        Assert.True(problem.GetProperty("errors").TryGetProperty("period", out _));
    }

    [Theory]
    [InlineData("area")]
    [InlineData("body")]
    public async Task Scorecard_WithEmptyCode_Is400ProblemNamingTheParameter(string parameter)
    {
        var problem = await GetProblemAsync($"/api/v1/scorecard?period={DemoBundle.LatestQuarter}&{parameter}=", 400);

        Assert.Contains($"'{parameter}' is empty", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _));
    }

    [Theory]
    [InlineData("area", "There is no area with the code 'NOWHERE'.")]
    [InlineData("body", "There is no body with the code 'NOWHERE'.")]
    public async Task Scorecard_WithUnknownCode_Is404Problem(string parameter, string detail)
    {
        var problem = await GetProblemAsync($"/api/v1/scorecard?period={DemoBundle.LatestQuarter}&{parameter}=NOWHERE", 404);

        Assert.Equal(ApiProblems.NotFoundTitle, problem.GetProperty("title").GetString());
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task UnknownApiAddress_Is404ProblemPointingToTheReference()
    {
        var problem = await GetProblemAsync("/api/v1/scorecards", 404);

        Assert.Contains("/api", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<JsonElement> GetProblemAsync(string path, int status)
    {
        using var response = await host.Client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode == status, $"GET {path}: expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
