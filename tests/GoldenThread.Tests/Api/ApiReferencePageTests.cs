using System.Text.Json;
using AngleSharp.Dom;
using GoldenThread.Api;
using GoldenThread.Scorecard;
using GoldenThread.Tests.Infrastructure;

namespace GoldenThread.Tests.Api;

/// <summary>The API reference page at <c>/api</c>, read with AngleSharp against the OpenAPI document the site serves.</summary>
public sealed class ApiReferencePageTests(WebTestHost host) : IClassFixture<WebTestHost>
{
    [Fact]
    public async Task ReferencePage_ListsEveryOperationOfTheOpenApiDocument_WithItsParameters()
    {
        using var document = JsonDocument.Parse(await host.Client.GetStringAsync(new Uri(ApiDocument.Path, UriKind.Relative)));
        var page = await host.GetPageAsync("/api");

        var operations = 0;
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                operations++;
                var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                var section = page.QuerySelectorAll("section[data-operation]").SingleOrDefault(s => s.GetAttribute("data-operation") == name);
                Assert.True(section is not null, $"The page has no section for {name}.");
                Assert.Equal(operation.Value.GetProperty("summary").GetString(), section.QuerySelector("h2")?.TextContent.Trim());
                Assert.Contains(path.Name, section.QuerySelector("code.app-api-path")!.TextContent, StringComparison.Ordinal);
                Assert.NotNull(page.QuerySelector($"#operations a[href='#{section.Id}']"));

                var parameters = operation.Value.TryGetProperty("parameters", out var list) ? list.EnumerateArray().ToList() : [];
                var rows = Rows(section, "Parameters");
                Assert.Equal(parameters.Select(p => p.GetProperty("name").GetString()), rows.Select(r => r.QuerySelector("th")!.TextContent.Trim()));
                foreach (var (parameter, row) in parameters.Zip(rows))
                {
                    var required = parameter.TryGetProperty("required", out var r) && r.GetBoolean();
                    Assert.Equal(required ? "Required" : "Optional", row.QuerySelectorAll("td")[1].TextContent.Trim());
                    Assert.Contains(parameter.GetProperty("description").GetString()!, row.QuerySelectorAll("td")[2].TextContent, StringComparison.Ordinal);
                }

                var statuses = operation.Value.GetProperty("responses").EnumerateObject().Select(r => r.Name);
                Assert.Equal(statuses, Rows(section, "Responses").Select(r => r.QuerySelector("th")!.TextContent.Trim()));
            }
        }

        Assert.True(operations >= 3, "The document should describe the scorecard and the indicators.");
        Assert.Equal(operations, page.QuerySelectorAll("section[data-operation]").Length);
    }

    [Fact]
    public async Task ReferencePage_LinksToTheOpenApiDocumentAsJson()
    {
        var page = await host.GetPageAsync("/api");
        var link = page.QuerySelector("main a#openapi-document")?.GetAttribute("href");

        using var response = await host.Client.GetAsync(new Uri(link!, UriKind.Relative));
        Assert.Equal(ApiDocument.Path, link);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ReferencePage_ExampleCurlLines_CarryTheTokenHeader_AndTheReadsAnswerWith200()
    {
        var page = await host.GetPageAsync("/api");
        var examples = page.QuerySelectorAll(".app-api-example code").Select(c => c.TextContent.Trim()).ToList();
        var email = host.Account(GoldenThread.Domain.Access.Role.PerformanceOfficer).Email;
        int personId;
        GoldenThread.People.Person person;
        await using (var db = host.Database.Open())
        {
            person = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.People.Where(p => p.Email == email));
            personId = person.Id;
        }

        // The example of a return's read names return 1; the demonstration the host holds has no cycle, so the test
        // issues the performance officer a return and reads that one through the example's line.
        var own = await new TestData(host.Database).CreateReturnAsync("2009-10-Q2", person);

        using var client = host.NewClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Bearer", await TestPeople.TokenAsync(host.Database, personId, GoldenThread.Tokens.TokenScope.Read));

        Assert.NotEmpty(examples);
        Assert.Contains(examples, e => e.StartsWith("curl -X PUT ", StringComparison.Ordinal));
        foreach (var example in examples)
        {
            Assert.StartsWith("curl ", example, StringComparison.Ordinal);
            Assert.Contains($"-H 'Authorization: Bearer {GoldenThread.Pages.Api.ApiReferenceModel.TokenPlaceholder}'", example, StringComparison.Ordinal);
            var address = example[(example.LastIndexOf(" '", StringComparison.Ordinal) + 2)..^1];
            Assert.StartsWith(host.BaseAddress.GetLeftPart(UriPartial.Authority), address, StringComparison.Ordinal);
            if (example.StartsWith("curl -X PUT ", StringComparison.Ordinal))
            {
                Assert.Contains("-H 'Content-Type: application/json'", example, StringComparison.Ordinal);
                var body = example[(example.IndexOf("-d '", StringComparison.Ordinal) + 4)..];
                body = body[..body.IndexOf("' ", StringComparison.Ordinal)];
                // Each write's example body is one its operation reads (unknown fields are refused, so a stale example fails here).
                object? parsed = address.Contains("/api/v1/returns/", StringComparison.Ordinal)
                    ? System.Text.Json.JsonSerializer.Deserialize<GoldenThread.Api.V1.ReturnEntryDocument>(body, GoldenThread.Api.ApiJson.CreateOptions())
                    : System.Text.Json.JsonSerializer.Deserialize<GoldenThread.Api.V1.FigureSubmissionDocument>(body, GoldenThread.Api.ApiJson.CreateOptions());
                Assert.NotNull(parsed);
                continue;
            }

            if (example.StartsWith("curl -X POST ", StringComparison.Ordinal))
            {
                // The ladder's, exceptions' and escalations' writes: the line is not run, as it would change them; its body is
                // one the operation reads, with no field it would refuse.
                Assert.Contains("-H 'Content-Type: application/json'", example, StringComparison.Ordinal);
                var body = example[(example.IndexOf("-d '", StringComparison.Ordinal) + 4)..];
                body = body[..body.IndexOf("' ", StringComparison.Ordinal)];
                var path = new Uri(address).AbsolutePath;
                var type = path switch
                {
                    _ when path.StartsWith("/api/v1/ladder/triggers/", StringComparison.Ordinal) => typeof(GoldenThread.Api.V1.ClearanceRequestDocument),
                    "/api/v1/ladder/triggers" => typeof(GoldenThread.Api.V1.TriggerRequestDocument),
                    _ when path.EndsWith("/consideration", StringComparison.Ordinal) => typeof(GoldenThread.Api.V1.ConsiderationDocument),
                    _ when path.EndsWith("/answer", StringComparison.Ordinal) => typeof(GoldenThread.Api.V1.ChallengeAnswerDocument),
                    _ when path.EndsWith("/writing", StringComparison.Ordinal) => typeof(GoldenThread.Api.V1.DataQualityWritingDocument),
                    _ when path.EndsWith("/closure", StringComparison.Ordinal) => typeof(GoldenThread.Api.V1.ExceptionClosureDocument),
                    "/api/v1/escalations" => typeof(GoldenThread.Api.V1.EscalationRequestDocument),
                    _ when path.EndsWith("/decisions", StringComparison.Ordinal) => typeof(GoldenThread.Api.V1.EscalationDecisionDocument),
                    _ => throw new InvalidOperationException($"No body type is known for {example}"),
                };
                using var parsedBody = System.Text.Json.JsonDocument.Parse(body);
                var problems = typeof(GoldenThread.Api.ApiJson).GetMethod(nameof(GoldenThread.Api.ApiJson.Problems))!.MakeGenericMethod(type)
                    .Invoke(null, [parsedBody.RootElement, GoldenThread.Api.ApiJson.CreateOptions()]);
                Assert.Empty((IReadOnlyList<(string, string)>)problems!);
                Assert.NotNull(System.Text.Json.JsonSerializer.Deserialize(body, type, GoldenThread.Api.ApiJson.CreateOptions()));
                continue;
            }

            if (example.StartsWith("curl -X DELETE ", StringComparison.Ordinal))
            {
                // Withdrawing a figure needs a reason; the line is not run, as it would delete the figure.
                Assert.Contains("?reason=", example, StringComparison.Ordinal);
                continue;
            }

            address = address.Replace("/api/v1/returns/1", $"/api/v1/returns/{own.Id}", StringComparison.Ordinal);
            address = address.Replace("/api/v1/escalations/1", $"/api/v1/escalations/{await EscalationIdAsync()}", StringComparison.Ordinal);
            if (address.Contains("/api/v1/exceptions/1", StringComparison.Ordinal))
            {
                address = address.Replace("/api/v1/exceptions/1", $"/api/v1/exceptions/{await ExceptionIdAsync()}", StringComparison.Ordinal);
            }
            using var response = await client.GetAsync(new Uri(address));
            Assert.True((int)response.StatusCode == 200, $"{example} answered {(int)response.StatusCode}");
        }
    }

    /// <summary>An escalation for the example of reading one (the demonstration the host holds has none).</summary>
    private async Task<int> EscalationIdAsync()
    {
        await using var db = host.Database.Open(tracking: true);
        var indicator = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.Indicators.Select(i => i.Id));
        var area = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.Areas.Select(a => a.Id));
        var escalation = new GoldenThread.Intervention.Escalation
        {
            IndicatorId = indicator,
            AreaId = area,
            Period = "2009-10-Q2",
            Issue = "An example issue.",
            RaisedBy = "Test",
        };
        db.Escalations.Add(escalation);
        await db.SaveChangesAsync();
        return escalation.Id;
    }

    /// <summary>An exception report for the example of reading one (the host's demonstration plays no returns, so raises none).</summary>
    private async Task<int> ExceptionIdAsync()
    {
        await using var db = host.Database.Open(tracking: true);
        var indicator = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.Indicators.Select(i => i.Id));
        var area = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.Areas.Select(a => a.Id));
        var period = "2008-09-Q1";
        var report = new GoldenThread.Exceptions.ExceptionReport { IndicatorId = indicator, AreaId = area, Period = period, Status = GoldenThread.Domain.Assessment.Status.Red };
        db.ExceptionReports.Add(report);
        await db.SaveChangesAsync();
        return report.Id;
    }

    [Fact]
    public async Task ReferencePage_DescribesTheScorecardEntryFields()
    {
        var page = await host.GetPageAsync("/api");

        var entry = page.QuerySelector("section#schema-scorecardentrydocument");
        Assert.NotNull(entry);
        Assert.Equal(ScorecardOutput.Fields, entry.QuerySelectorAll("tbody th").Select(th => th.TextContent.Trim()));
        Assert.Contains("strong_green", page.QuerySelector("section#schema-status")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReferencePage_IsAnAccessibleGovukPageWithoutInlineScript()
    {
        var page = await host.GetPageAsync("/api");

        Assert.Equal("API reference - GoldenThread", page.Title);
        Assert.Single(page.QuerySelectorAll("h1"));
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
        Assert.Empty(page.QuerySelectorAll("[style]"));
        Assert.NotNull(page.QuerySelector("footer a[href='/api']"));
        Assert.All(page.QuerySelectorAll("main table"), table => Assert.NotNull(table.QuerySelector("caption")));
        Assert.All(page.QuerySelectorAll("main th"), th => Assert.True(th.GetAttribute("scope") is "col" or "row", th.OuterHtml));
        var ids = page.QuerySelectorAll("[id]").Select(e => e.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(page.QuerySelectorAll("main a[href^='#']"), a => Assert.Contains(a.GetAttribute("href")![1..], ids));
    }

    private static List<IElement> Rows(IElement section, string caption) =>
        section.QuerySelectorAll("table")
            .Where(t => t.QuerySelector("caption")?.TextContent.Trim() == caption)
            .SelectMany(t => t.QuerySelectorAll("tbody tr"))
            .ToList();
}
