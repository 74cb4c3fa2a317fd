using System.Diagnostics;
using System.Net;
using System.Text.Json;
using GoldenThread.Api;
using GoldenThread.Api.V1;
using GoldenThread.Domain.Access;
using GoldenThread.Tests.Access;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Tokens;
using Xunit.Abstractions;

namespace GoldenThread.Tests.Api;

/// <summary>Item 23: the API answers as its document says, for wrong methods, content types and bodies too.</summary>
public sealed class ApiContractTests(WebTestHost host) : IClassFixture<WebTestHost>
{
    private const string Figure = "/api/v1/figures/NI%2015/HRT/2009-10-Q1";

    [Theory]
    [InlineData("POST", Figure, "PUT, DELETE")]
    [InlineData("GET", Figure, "PUT, DELETE")]
    [InlineData("POST", "/api/v1/scorecard", "GET")]
    [InlineData("PUT", "/api/v1/indicators/NI%2015", "GET")]
    public async Task A_wrong_method_is_405_with_allow(string method, string path, string allowed)
    {
        using var client = Hardened.WithToken(host, await Hardened.TokenForAsync(host, Role.DeliveryLead, TokenScope.Submit));
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(allowed.Split(", ").Order(StringComparer.Ordinal), response.Content.Headers.Allow.Order(StringComparer.Ordinal));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_wrong_content_type_is_415_and_an_unknown_address_still_404()
    {
        using var client = Hardened.WithToken(host, await Hardened.TokenForAsync(host, Role.DeliveryLead, TokenScope.Submit));
        using var text = await Hardened.PutJsonAsync(client, Figure, """{"actual": 0.3}""", "text/plain");
        using var unknown = await client.GetAsync(new Uri("/api/v1/no-such-operation", UriKind.Relative));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Equal("application/problem+json", text.Content.Headers.ContentType?.MediaType);
        Assert.Contains("application/json", await text.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Theory]
    [InlineData("""{"Actual": 0.3}""", "body", "'Actual' is not a field")]
    [InlineData("""{"ACTUAL": 0.3}""", "body", "'ACTUAL' is not a field")]
    [InlineData("""{"actual": 0.3, "actual": 0.4}""", "actual", "given more than once")]
    [InlineData("""{"actual": 0.3, "Actual": 0.4}""", "Actual", "given more than once")]
    [InlineData("""{"actual": 1e40}""", "actual", "too large to store")]
    [InlineData("""{"projected_outturn": 79228162514264337593543950336}""", "projected_outturn", "too large to store")]
    public async Task Unknown_duplicate_and_oversized_fields_are_refused_by_name(string body, string field, string message)
    {
        using var client = Hardened.WithToken(host, await Hardened.TokenForAsync(host, Role.DeliveryLead, TokenScope.Submit));
        using var response = await Hardened.PutJsonAsync(client, Figure, body);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains(errors, e => e!.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Reading_is_strict_about_names_whatever_reads_them()
    {
        var options = ApiJson.CreateOptions();

        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<FigureSubmissionDocument>("""{"Actual": 1}""", options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<FigureSubmissionDocument>("""{"actual": 1, "actual": 2}""", options));
        Assert.Equal(1m, JsonSerializer.Deserialize<FigureSubmissionDocument>("""{"actual": 1}""", options)!.Actual);
    }

    [Fact]
    public async Task The_openapi_document_is_readable_without_signing_in()
    {
        using var client = host.NewClient(followRedirects: false);
        using var response = await client.GetAsync(new Uri(ApiDocument.Path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_document_gives_401_and_429_on_every_operation_servers_a_licence_tag_descriptions_and_string_enums()
    {
        using var client = host.NewClient(followRedirects: false);
        var document = JsonDocument.Parse(await client.GetStringAsync(new Uri(ApiDocument.Path, UriKind.Relative))).RootElement;

        var operations = document.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject()).ToList();
        Assert.NotEmpty(operations);
        Assert.All(operations, o =>
        {
            var responses = o.Value.GetProperty("responses");
            Assert.True(responses.TryGetProperty("401", out _), $"{o.Name} has no 401");
            Assert.True(responses.TryGetProperty("429", out _), $"{o.Name} has no 429");
        });
        Assert.NotEmpty(document.GetProperty("servers").EnumerateArray());
        Assert.False(string.IsNullOrEmpty(document.GetProperty("info").GetProperty("license").GetProperty("name").GetString()));
        Assert.All(document.GetProperty("tags").EnumerateArray(), t => Assert.False(string.IsNullOrEmpty(t.GetProperty("description").GetString())));
        var enums = document.GetProperty("components").GetProperty("schemas").EnumerateObject().Where(s => s.Value.TryGetProperty("enum", out _)).ToList();
        Assert.NotEmpty(enums);
        Assert.All(enums, e => Assert.Equal("string", e.Value.GetProperty("type").GetString()));
    }
}

/// <summary>Item 23: the committed OpenAPI document passes Redocly CLI's recommended rules (pinned in tests/GoldenThread.Tests/lint).</summary>
public sealed class OpenApiLintTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_committed_document_has_no_lint_errors()
    {
        var lint = Path.Combine(Repository.Root, "tests", "GoldenThread.Tests", "lint");
        var redocly = Path.Combine(lint, "node_modules", ".bin", "redocly");
        Assert.True(File.Exists(redocly), $"{redocly} is missing: the test project's build installs it (npm ci in {lint}).");

        var start = new ProcessStartInfo(redocly) { WorkingDirectory = lint, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("lint");
        start.ArgumentList.Add(Path.Combine(Repository.Root, ApiDocument.CommittedPath));
        start.ArgumentList.Add("--format=stylish");
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await stdout + await stderr;
        output.WriteLine(text);

        Assert.True(process.ExitCode == 0, $"Redocly found errors in {ApiDocument.CommittedPath}:\n{text}");
        Assert.DoesNotContain(" error ", text, StringComparison.Ordinal);
    }
}
