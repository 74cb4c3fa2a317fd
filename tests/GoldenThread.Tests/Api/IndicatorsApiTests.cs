using System.Text.Json;
using GoldenThread.Api;
using GoldenThread.Tests.Infrastructure;

namespace GoldenThread.Tests.Api;

/// <summary><c>GET /api/v1/indicators</c> and <c>/api/v1/indicators/{code}</c>: the contract's words, and problems for unknown codes.</summary>
public sealed class IndicatorsApiTests(ReadOnlyWebTestHost host) : IClassFixture<ReadOnlyWebTestHost>
{
    [Fact]
    public async Task Indicators_UseTheBundlesWords()
    {
        var json = await host.Client.GetStringAsync(new Uri("/api/v1/indicators", UriKind.Relative));
        var indicators = JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();

        var ni8 = indicators.Single(i => i.GetProperty("code").GetString() == "NI 8");
        Assert.Equal("half_yearly", ni8.GetProperty("frequency").GetString());
        Assert.Equal("percent", ni8.GetProperty("unit").GetString());
        Assert.Equal("higher", ni8.GetProperty("polarity").GetString());
        Assert.Equal("snapshot", ni8.GetProperty("accumulation").GetString());
        Assert.Equal("HCOP", ni8.GetProperty("body").GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Number, ni8.GetProperty("max_value").ValueKind);
    }

    [Fact]
    public async Task Indicator_WithCodeInTheWrongCase_Is404ProblemNamingTheRightCode()
    {
        var problem = await GetProblemAsync("/api/v1/indicators/ni%20195", 404);

        Assert.Equal(ApiProblems.NotFoundTitle, problem.GetProperty("title").GetString());
        Assert.Contains("did you mean 'NI 195'?", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Indicator_WithUnknownCode_Is404ProblemPointingToTheList()
    {
        var problem = await GetProblemAsync("/api/v1/indicators/NI%209999", 404);

        Assert.Equal("There is no indicator with the code 'NI 9999'. GET /api/v1/indicators lists them all.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Indicator_WithUnknownArea_Is404Problem()
    {
        var problem = await GetProblemAsync("/api/v1/indicators/NI%20195?area=NOWHERE", 404);

        Assert.Equal("There is no area with the code 'NOWHERE'.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Indicator_WithEmptyArea_Is400ProblemNamingTheArea()
    {
        var problem = await GetProblemAsync("/api/v1/indicators/NI%20195?area=", 400);

        Assert.True(problem.GetProperty("errors").TryGetProperty("area", out _));
    }

    private async Task<JsonElement> GetProblemAsync(string path, int status)
    {
        using var response = await host.Client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode == status, $"GET {path}: expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
