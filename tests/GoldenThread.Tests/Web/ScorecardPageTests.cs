using System.Globalization;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using GoldenThread.Domain.Assessment;
using GoldenThread.Scorecard;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Tests.Scorecard;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Tests.Web;

/// <summary>The scorecard page and its CSV download, checked against the command line's scorecard.</summary>
public sealed class ScorecardPageTests(ReadOnlyWebTestHost host) : IClassFixture<ReadOnlyWebTestHost>
{
    [Theory]
    [InlineData("/scorecard?period=2009-10-Q2&area=&body=SSC", "--period", "2009-10-Q2", "--body", "SSC")]
    [InlineData("/scorecard?period=2009-10-Q1&area=HRT", "--period", "2009-10-Q1", "--area", "HRT")]
    [InlineData("/scorecard?period=2008-09&area=WSX", "--period", "2008-09", "--area", "WSX")]
    [InlineData("/scorecard?period=2009-10-Q2&area=", "--period", "2009-10-Q2")]
    public async Task Scorecard_EveryRow_AgreesWithTheCommandLine(string path, params string[] cliFilter)
    {
        var cli = await CliJsonAsync(host, cliFilter);

        var page = await host.GetPageAsync(path);

        AssertAgrees(cli, page);
    }

    [Fact]
    public async Task Scorecard_ByDefault_ShowsTheLatestQuarterForTheCounty()
    {
        var cli = await CliJsonAsync(host, "--period", "2009-10-Q2", "--area", "WSX");

        var page = await host.GetPageAsync("/scorecard");

        AssertAgrees(cli, page);
        Assert.Equal("2009-10-Q2", page.QuerySelector("select#period option[selected]")?.GetAttribute("value"));
        Assert.Equal("WSX", page.QuerySelector("select#area option[selected]")?.GetAttribute("value"));
        Assert.Equal("2009/10 Q2", page.QuerySelector("main .govuk-caption-l")?.TextContent.Trim());
        Assert.Contains("the area with the most indicators", page.QuerySelector(".govuk-inset-text")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scorecard_PeriodChoices_AreTheQuartersLatestFirstThenTheYears()
    {
        var page = await host.GetPageAsync("/scorecard");

        var quarters = page.QuerySelectorAll("select#period optgroup[label='Quarters'] option").Select(o => o.GetAttribute("value")).ToList();
        var years = page.QuerySelectorAll("select#period optgroup[label='Years'] option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal(["2009-10-Q2", "2009-10-Q1", "2008-09-Q4", "2008-09-Q3", "2008-09-Q2", "2008-09-Q1"], quarters);
        Assert.Equal(["2009-10", "2008-09", "2007-08", "2006-07"], years);
    }

    [Fact]
    public async Task Scorecard_ByFramework_ShowsOnlyThatFrameworksIndicators()
    {
        Dictionary<string, string[]> frameworks;
        await using (var db = host.Database.Open())
        {
            frameworks = await db.Indicators
                .Select(i => new { i.Code, Tags = i.Frameworks.Select(f => f.Tag).ToArray() })
                .ToDictionaryAsync(i => i.Code, i => i.Tags);
        }

        var all = await host.GetPageAsync("/scorecard?period=2009-10-Q2&area=WSX");
        var laa = await host.GetPageAsync("/scorecard?period=2009-10-Q2&area=WSX&framework=LAA");

        var expected = Rows(all).Keys.Where(k => frameworks[k.Indicator].Contains("LAA")).ToHashSet();
        Assert.Equal(expected, Rows(laa).Keys.ToHashSet());
        Assert.True(expected.Count < Rows(all).Count, "the demonstration has indicators outside the LAA");
        Assert.Equal("LAA", laa.QuerySelector("select#framework option[selected]")?.GetAttribute("value"));
    }

    [Fact]
    public async Task Scorecard_ByStatus_ShowsOnlyThatStatus_AndByBodyOnlyThatBodysIndicators()
    {
        var page = await host.GetPageAsync("/scorecard?period=2009-10-Q2&area=&status=amber&body=CYP");

        var rows = Rows(page);
        Assert.NotEmpty(rows);
        Assert.All(rows.Values, r => Assert.Equal("Amber", r.QuerySelector("td[data-column='status'] .govuk-tag")?.TextContent.Trim()));
        var cli = await CliJsonAsync(host, "--period", "2009-10-Q2", "--body", "CYP");
        Assert.Equal(
            cli.Entries.Where(e => e.GetProperty("status").GetString() == "amber").Select(Key).ToHashSet(),
            rows.Keys.ToHashSet());
    }

    [Fact]
    public async Task Scorecard_SortedByPvtDescending_PutsTheBestFirstAndMarksTheHeader()
    {
        var page = await host.GetPageAsync("/scorecard?period=2009-10-Q2&area=&sort=pvt&dir=desc");

        var pvts = page.QuerySelectorAll("table#scorecard tbody td[data-column='pvt']").Select(Value).ToList();
        var known = pvts.TakeWhile(p => p is not null).Select(p => decimal.Parse(p!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(known.OrderDescending(), known);
        Assert.All(pvts.Skip(known.Count), p => Assert.Null(p));
        var sorted = Assert.Single(page.QuerySelectorAll("table#scorecard thead th[aria-sort]"));
        Assert.Equal("descending", sorted.GetAttribute("aria-sort"));
        Assert.StartsWith("PVT", sorted.QuerySelector("a")?.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("dir=asc", sorted.QuerySelector("a")?.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scorecard_SortLinks_KeepTheFilters_AndIndicatorsSortNumerically()
    {
        var page = await host.GetPageAsync("/scorecard?period=2009-10-Q1&area=WSX&framework=NIS");

        var link = page.QuerySelectorAll("table#scorecard thead th a").Single(a => a.TextContent.Trim() == "Ladder stage").GetAttribute("href")!;
        Assert.Equal("/scorecard?period=2009-10-Q1&area=WSX&framework=NIS&sort=ladder&dir=asc", link);
        Assert.Equal("ascending", page.QuerySelector("table#scorecard thead th[aria-sort]")?.GetAttribute("aria-sort"));
        var indicators = Rows(page).Keys.Select(k => k.Indicator).ToList();
        Assert.Equal(indicators.OrderBy(i => int.Parse(i[3..], CultureInfo.InvariantCulture)), indicators);

        var byStage = await host.GetPageAsync(link);

        var stages = byStage.QuerySelectorAll("table#scorecard tbody td[data-column='ladder']").Select(c => Value(c) ?? "Stage 0").ToList();
        Assert.Equal(stages.Order(StringComparer.Ordinal), stages);
        Assert.Equal(Rows(page).Keys.ToHashSet(), Rows(byStage).Keys.ToHashSet());
    }

    [Theory]
    [InlineData("period=2009-10-Q2&area=WSX", "--period", "2009-10-Q2", "--area", "WSX")]
    [InlineData("period=2009-10-Q2&area=", "--period", "2009-10-Q2")]
    [InlineData("period=2008-09-Q3&area=&body=ENH", "--period", "2008-09-Q3", "--body", "ENH")]
    public async Task Download_IsTheCommandLinesCsv_ByteForByte(string query, params string[] cliFilter)
    {
        var cli = await CliRunner.RunAsync(["--database", host.Database.ConnectionString, "scorecard", .. cliFilter, "--format", "csv"]);

        using var response = await host.Client.GetAsync(new Uri("/scorecard/download?" + query, UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(0, cli.ExitCode);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Encoding.UTF8.GetBytes(cli.Out), bytes);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_LinkOnThePage_CarriesTheSameFilter_AndNamesTheFile()
    {
        var page = await host.GetPageAsync("/scorecard?period=2009-10-Q2&area=WSX&framework=LAA&sort=pvt");
        var href = page.QuerySelector("a#download")!.GetAttribute("href")!;

        using var response = await host.Client.GetAsync(new Uri(href, UriKind.Relative));
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("/scorecard/download?period=2009-10-Q2&area=WSX&framework=LAA", href);
        Assert.Equal("scorecard-2009-10-Q2-WSX-LAA.csv", response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(string.Join(",", ScorecardOutput.Fields), lines[0]);
        Assert.Equal(Rows(page).Keys.Select(k => $"{k.Indicator},{k.Area}").Order(StringComparer.Ordinal), lines[1..].Select(l => string.Join(",", l.Split(',')[..2])));
    }

    [Theory]
    [InlineData("period=2009-10-Q5", "period")]
    [InlineData("period=2099-00-Q1", "period")]
    [InlineData("area=NOWHERE", "area")]
    [InlineData("body=NOBODY", "body")]
    [InlineData("framework=XYZ", "framework")]
    [InlineData("status=purple", "status")]
    public async Task Scorecard_WithUnknownInput_ShowsTheErrorSummaryWith400(string query, string field)
    {
        var page = await host.GetPageAsync("/scorecard?" + query, expectedStatus: 400);

        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        var summary = page.QuerySelector(".govuk-error-summary")!;
        Assert.Equal("There is a problem", summary.QuerySelector(".govuk-error-summary__title")?.TextContent.Trim());
        Assert.Equal($"#{field}", Assert.Single(summary.QuerySelectorAll(".govuk-error-summary__list a")).GetAttribute("href"));
        var group = page.QuerySelector($"select#{field}")!.ParentElement!;
        Assert.Contains("govuk-form-group--error", group.ClassList);
        Assert.Equal($"{field}-error", page.QuerySelector($"select#{field}")!.GetAttribute("aria-describedby"));
        Assert.StartsWith("Error:", group.QuerySelector($"p#{field}-error.govuk-error-message")?.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("table#scorecard"));
        Assert.NotNull(page.QuerySelector("main form button"));
    }

    [Fact]
    public async Task Download_WithUnknownInput_Is400WithTheProblem()
    {
        using var response = await host.Client.GetAsync(new Uri("/scorecard/download?period=2009-10-Q2&area=NOWHERE", UriKind.Relative));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("There is no area with the code 'NOWHERE'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scorecard_StatusTags_CarryTheStatusInWords()
    {
        var page = await host.GetPageAsync("/scorecard?period=2009-10-Q2&area=");

        var tags = page.QuerySelectorAll("table#scorecard tbody td[data-column='status'] .govuk-tag");
        Assert.NotEmpty(tags);
        var names = Enum.GetValues<Status>().ToDictionary(s => s.Name());
        Assert.All(tags, tag =>
        {
            Assert.True(names.TryGetValue(tag.TextContent.Trim(), out var status), $"'{tag.TextContent}' is a status in words");
            Assert.Contains(status.CssClass().Split(' ')[^1], tag.ClassList);
        });
        Assert.Equal(Enum.GetValues<Status>().Length, tags.Select(t => t.TextContent.Trim()).Distinct().Count());
    }

    [Fact]
    public async Task Scorecard_Table_HasACaptionScopedHeadersAndRightAlignedFigures()
    {
        var page = await host.GetPageAsync("/scorecard?period=2009-10-Q2&area=WSX");
        var table = page.QuerySelector("table#scorecard.govuk-table")!;

        Assert.StartsWith("Scorecard: Wessexshire, 2009/10 Q2", table.QuerySelector("caption")?.TextContent.Trim(), StringComparison.Ordinal);
        Assert.All(table.QuerySelectorAll("tbody tr"), row => Assert.Equal("row", row.QuerySelector("th")?.GetAttribute("scope")));
        var numeric = table.QuerySelectorAll("thead th.govuk-table__header--numeric").Select(th => th.QuerySelector("a")!.TextContent.Trim());
        Assert.Equal(["Actual", "Annual target", "Projected outturn", "PVT %"], numeric);
        Assert.All(table.QuerySelectorAll("td[data-column='pvt']"), td => Assert.Contains("govuk-table__cell--numeric", td.ClassList));
        AssertAccessibleBasics(page);
    }

    [Fact]
    public async Task Scorecard_ShowsTrendInWords_AndLinksEachIndicatorToItsPage()
    {
        var page = await host.GetPageAsync("/scorecard?period=2009-10-Q2&area=WSX");

        var rows = Rows(page);
        var ni16 = rows[("NI 16", "WSX")];
        Assert.Equal("Worsening for 2 quarters", ni16.QuerySelector("td[data-column='trend']")?.TextContent.Trim());
        Assert.Equal("/indicators/NI%2016?area=WSX", ni16.QuerySelector("th a")?.GetAttribute("href"));
        Assert.Equal("Worsening for 4 months", rows[("NI 117", "WSX")].QuerySelector("td[data-column='trend']")?.TextContent.Trim());
    }

    [Fact]
    public async Task Scorecard_ForAQuarterWithNothingForTheFilter_SaysSo()
    {
        var page = await host.GetPageAsync("/scorecard?period=2009-10-Q2&area=HRT&body=CYP");

        Assert.Equal("0 entries", page.QuerySelector("main h2")?.TextContent.Trim());
        Assert.Null(page.QuerySelector("table#scorecard"));
    }

    /// <summary>Checks shared by the pages: no inline script or style, every control labelled, every table captioned.</summary>
    internal static void AssertAccessibleBasics(IHtmlDocument page)
    {
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
        Assert.Empty(page.QuerySelectorAll("style, [style]"));
        foreach (var control in page.QuerySelectorAll("main select, main input:not([type='hidden'])"))
        {
            Assert.NotNull(page.QuerySelector($"label[for='{control.Id}']"));
        }

        foreach (var table in page.QuerySelectorAll("main table"))
        {
            Assert.False(string.IsNullOrWhiteSpace(table.QuerySelector("caption")?.TextContent), "every table has a caption");
            Assert.All(table.QuerySelectorAll("th"), th => Assert.True(th.HasAttribute("scope"), "every header cell has a scope"));
        }
    }

    internal static async Task<ScorecardJson> CliJsonAsync(WebTestHost host, params string[] filter)
    {
        var result = await CliRunner.RunAsync(["--database", host.Database.ConnectionString, "scorecard", .. filter, "--format", "json"]);
        Assert.True(result.ExitCode == 0, result.Error);
        return ScorecardJson.Parse(result.Out);
    }

    /// <summary>Every command-line entry has one row on the page with the same status (in words), PVT, trend, direction and ladder stage, and no other row.</summary>
    internal static void AssertAgrees(ScorecardJson cli, IHtmlDocument page)
    {
        var rows = Rows(page);
        Assert.NotEmpty(cli.Entries);
        Assert.Equal(cli.Entries.Select(Key).ToHashSet(), rows.Keys.ToHashSet());
        foreach (var entry in cli.Entries)
        {
            var row = rows[Key(entry)];
            var status = Enum.GetValues<Status>().Single(s => s.Code() == entry.GetProperty("status").GetString());
            var pvt = entry.GetProperty("pvt");
            var stage = entry.GetProperty("ladder_stage").GetInt32();
            Assert.Multiple(
                () => Assert.Equal(status.Name(), row.QuerySelector("td[data-column='status'] .govuk-tag")?.TextContent.Trim()),
                () => Assert.Equal(
                    pvt.ValueKind == JsonValueKind.Null ? (decimal?)null : pvt.GetDecimal(),
                    Value(row.QuerySelector("td[data-column='pvt']")!) is { } text ? decimal.Parse(text, CultureInfo.InvariantCulture) : (decimal?)null),
                () => Assert.Equal(stage == 0 ? null : $"Stage {stage}", Value(row.QuerySelector("td[data-column='ladder']")!)),
                () => Assert.Equal(entry.GetProperty("exception_required").ValueKind == JsonValueKind.Null ? "No" : "Yes", row.QuerySelector("td[data-column='exception']")?.TextContent.Trim()),
                () => Assert.StartsWith(
                    entry.GetProperty("trend").GetString() == "none" ? "No trend" : Capitalised(entry.GetProperty("trend").GetString()!),
                    row.QuerySelector("td[data-column='trend']")?.TextContent.Trim(),
                    StringComparison.Ordinal),
                () => Assert.Equal(
                    entry.GetProperty("direction_of_travel").GetString() == "none" ? "No trend" : Capitalised(entry.GetProperty("direction_of_travel").GetString()!),
                    row.QuerySelector("td[data-column='direction']")?.TextContent.Trim()));
        }
    }

    /// <summary>The scorecard table's rows keyed by indicator and area.</summary>
    internal static Dictionary<(string Indicator, string Area), IElement> Rows(IHtmlDocument page) =>
        page.QuerySelectorAll("table#scorecard tbody tr").ToDictionary(r => (r.GetAttribute("data-indicator")!, r.GetAttribute("data-area")!));

    /// <summary>A cell's figure, or null when it shows none (a dash, with "None" for screen readers).</summary>
    internal static string? Value(IElement cell) =>
        cell.QuerySelector(".govuk-visually-hidden")?.TextContent.Trim() == "None" ? null : cell.TextContent.Trim();

    private static (string Indicator, string Area) Key(JsonElement entry) =>
        (entry.GetProperty("indicator").GetString()!, entry.GetProperty("area").GetString()!);

    private static string Capitalised(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}

/// <summary>The scorecard page on PostgreSQL agrees with the command line there too.</summary>
public sealed class ScorecardPagePostgresTests(PostgresWebTestHost host) : IClassFixture<PostgresWebTestHost>
{
    [Fact]
    public async Task Scorecard_OnPostgres_EveryRowAgreesWithTheCommandLine()
    {
        var cli = await ScorecardPageTests.CliJsonAsync(host, "--period", "2009-10-Q2");

        var page = await host.GetPageAsync("/scorecard?period=2009-10-Q2&area=");

        ScorecardPageTests.AssertAgrees(cli, page);
    }

    [Fact]
    public async Task Download_OnPostgres_IsTheCommandLinesCsv()
    {
        var cli = await CliRunner.RunAsync("--database", host.Database.ConnectionString, "scorecard", "--period", "2009-10-Q2", "--format", "csv");

        var bytes = await host.Client.GetByteArrayAsync(new Uri("/scorecard/download?period=2009-10-Q2&area=", UriKind.Relative));

        Assert.Equal(Encoding.UTF8.GetBytes(cli.Out), bytes);
    }
}
