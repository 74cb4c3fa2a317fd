using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Periods;
using GoldenThread.Indicators;
using GoldenThread.Scorecard;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Tests.Scorecard;

namespace GoldenThread.Tests.Web;

/// <summary>
/// The indicator list, the indicator page and the area comparison, through the real host over the demonstration
/// partnership: what each shows, that it agrees with the command line's scorecard, and its accessible markup.
/// </summary>
public sealed class IndicatorPagesTests(ReadOnlyWebTestHost host) : IClassFixture<ReadOnlyWebTestHost>
{
    private static readonly string[] ClimbingQuarters = ["2008/09 Q3", "2008/09 Q4", "2009/10 Q1", "2009/10 Q2"];

    [Fact]
    public async Task List_ShowsEveryIndicator_InCodeOrder_WithLinks()
    {
        var page = await host.GetPageAsync("/indicators");

        var rows = page.QuerySelectorAll("table.govuk-table tbody tr");
        Assert.Equal(35, rows.Length);
        Assert.Equal("All 35 indicators", page.QuerySelector("table caption")?.TextContent.Trim());
        Assert.Equal(["NI 4", "NI 6", "NI 8", "NI 15", "NI 16"], rows.Take(5).Select(r => r.QuerySelector("th")!.TextContent.Trim()));
        var ni195 = rows.Single(r => r.QuerySelector("th")!.TextContent.Trim() == "NI 195");
        Assert.Equal("/indicators/NI%20195", ni195.QuerySelector("th a")?.GetAttribute("href"));
        Assert.Equal(
            ["Improved street and environmental cleanliness (levels of litter, detritus, graffiti and fly posting)", "Environment and Housing Partnership", "Annual", "LAA, NIS"],
            ni195.QuerySelectorAll("td").Select(c => c.TextContent.Trim()));
        Assert.Equal("true", page.QuerySelector(".govuk-service-navigation__item--active a")?.GetAttribute("aria-current"));
        Assert.Equal("/indicators", page.QuerySelector(".govuk-service-navigation__item--active a")?.GetAttribute("href"));
    }

    [Fact]
    public async Task Indicator_DefaultsToTheCounty_AndShowsTheDefinition()
    {
        var page = await host.GetPageAsync("/indicators/NI%2016");

        Assert.Equal("Serious acquisitive crime rate", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.Equal("NI 16 in Wessexshire", page.QuerySelector(".govuk-caption-l")?.TextContent.Trim());
        var definition = SummaryList(page);
        Assert.Equal("NI 16", definition["Code"]);
        Assert.Equal("Rate", definition["Unit"]);
        Assert.Equal("2 decimal places", definition["Decimals"]);
        Assert.Equal("Lower is better", definition["Polarity"]);
        Assert.Equal("Quarterly", definition["Frequency"]);
        Assert.StartsWith("Cumulative", definition["Accumulation"], StringComparison.Ordinal);
        Assert.Equal("Safer and Stronger Communities Partnership (SSC)", definition["Accountable body"]);
        Assert.Equal("Wessexshire Police (WPOL)", definition["Lead organisation"]);
        Assert.Contains("Local Area Agreement (LAA)", definition["Frameworks"], StringComparison.Ordinal);
        Assert.Contains("National Indicator Set (NIS)", definition["Frameworks"], StringComparison.Ordinal);
        Assert.Contains("PVT from -5% to just below 0%", definition["Tolerances in force"], StringComparison.Ordinal);
        Assert.Contains("this indicator's own tolerance", definition["Tolerances in force"], StringComparison.Ordinal);
        Assert.Equal("Owen Price", definition["Owner"]);
        Assert.Equal("Dana Ellis", definition["Deputy"]);
        Assert.Equal("Not recorded", definition["Definition and calculation"]);
    }

    [Fact]
    public async Task Indicator_WhoseRolesNoOneHolds_SaysOwnerAndDeputyAreNotRecorded()
    {
        var definition = SummaryList(await host.GetPageAsync("/indicators/NI%2015"));

        Assert.Equal("Not recorded", definition["Owner"]);
        Assert.Equal("Not recorded", definition["Deputy"]);
    }

    [Theory]
    [InlineData("/indicators/NI16", "/indicators/NI%2016")]
    [InlineData("/indicators/ni16", "/indicators/NI%2016")]
    [InlineData("/indicators/ni%2016?area=HRT", "/indicators/NI%2016?area=HRT")]
    [InlineData("/indicators/Ni16/areas?period=2009-10-Q1", "/indicators/NI%2016/areas?period=2009-10-Q1")]
    public async Task Indicator_CodeWithoutSpacesOrInAnotherCase_RedirectsPermanentlyToTheCanonicalAddress(string asked, string canonical)
    {
        using var client = await host.SignInAsync(GoldenThread.Domain.Access.Role.PerformanceOfficer, followRedirects: false);

        using var response = await client.GetAsync(new Uri(asked, UriKind.Relative));

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(canonical, response.Headers.Location?.OriginalString);
        var followed = await host.GetPageAsync(canonical);
        Assert.Equal("Serious acquisitive crime rate", followed.QuerySelector("h1")?.TextContent.Trim());
    }

    [Fact]
    public async Task Indicator_CodeThatMatchesNoIndicator_IsNotFound()
    {
        await host.GetPageAsync("/indicators/NI999", expectedStatus: 404);
    }

    [Fact]
    public async Task Indicator_AreaSelect_IsALabelledGetFormOverTheAreasWithFigures()
    {
        var page = await host.GetPageAsync("/indicators/NI%2016");

        var form = page.QuerySelector("main form")!;
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.Equal("/indicators/NI%2016", form.GetAttribute("action"));
        var select = (IHtmlSelectElement)form.QuerySelector("select")!;
        Assert.Equal("area", select.Name);
        Assert.Equal("Area", page.QuerySelector($"label[for='{select.Id}']")?.TextContent.Trim());
        Assert.Equal(["WSX", "FNM", "HRT", "KSB", "LNB", "OKV", "WTD"], select.Options.Select(o => o.Value));
        Assert.Equal("WSX", select.Value);
        Assert.Equal("Hartmere (in Wessexshire)", select.Options.Single(o => o.Value == "HRT").TextContent.Trim());
        Assert.NotNull(form.QuerySelector("button[type='submit']"));
    }

    [Fact]
    public async Task Indicator_ForADistrict_ShowsThatDistrictsFigures()
    {
        var page = await host.GetPageAsync("/indicators/NI%2016?area=HRT");

        Assert.Equal("NI 16 in Hartmere", page.QuerySelector(".govuk-caption-l")?.TextContent.Trim());
        Assert.Equal("HRT", ((IHtmlSelectElement)page.QuerySelector("select#area")!).Value);
        var figures = Table(page, "figures-table");
        Assert.Equal("24.07", figures.Cell("2009/10 Q2", "Projected outturn"));
        Assert.Equal("19.76", figures.Cell("2009/10 Q2", "Annual target"));
    }

    [Fact]
    public async Task Indicator_NI16InTheCounty_LadderClimbsStagesZeroToThree()
    {
        var page = await host.GetPageAsync("/indicators/NI%2016?area=WSX");

        var ladder = Table(page, "ladder-table");
        Assert.Equal(["0", "1", "2", "3"], ClimbingQuarters.Select(q => ladder.Cell(q, "Stage")));
        Assert.Equal(["No", "Yes", "Yes", "Yes"], ClimbingQuarters.Select(q => ladder.Cell(q, "Off trajectory")));
        Assert.StartsWith(
            "Off trajectory: the status is Red. Off trajectory for 3 quarters in a row: Stage 3 — the executive board asks for a detailed report",
            ladder.Cell("2009/10 Q2", "Why"),
            StringComparison.Ordinal);
        Assert.StartsWith("Off trajectory: the status is Amber. Off trajectory for 1 quarter in a row: Stage 1", ladder.Cell("2008/09 Q4", "Why"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Indicator_RedQuarter_ExplainsWhyInPlainEnglish()
    {
        var page = await host.GetPageAsync("/indicators/NI%2016");

        var quarters = Table(page, "quarters-table");
        Assert.Equal("Red", quarters.Cell("2009/10 Q2", "Status"));
        Assert.Equal("-9.21", quarters.Cell("2009/10 Q2", "PVT (%)"));
        Assert.Equal(
            "Projected outturn 16.60 is 9.21% above the target of 15.20, which is worse when lower is better; PVT -9.21%, and Red is below -5%.",
            quarters.Cell("2009/10 Q2", "Why"));
        Assert.Equal("Worsening for 2 quarters", quarters.Cell("2009/10 Q2", "Short-term trend"));
        Assert.Equal("Worsening on a year earlier", quarters.Cell("2009/10 Q2", "Direction of travel"));
        Assert.Equal("Amber", quarters.Cell("2008/09 Q4", "Status"));
        Assert.NotNull(quarters.Row("2009/10 Q2").QuerySelector("strong.govuk-tag.govuk-tag--red"));

        var years = Table(page, "years-table");
        Assert.StartsWith("Outturn 16.10 is 1.90% above the target of 15.80", years.Cell("2008/09", "Why"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Indicator_ZeroTarget_IsRedWithoutAPvtAndSaysWhy()
    {
        var page = await host.GetPageAsync("/indicators/NI%2039");

        var quarters = Table(page, "quarters-table");
        Assert.Equal("Red", quarters.Cell("2009/10 Q2", "Status"));
        Assert.Equal("None", quarters.Cell("2009/10 Q2", "PVT (%)"));
        Assert.Equal(
            "Projected outturn 1.2 is above the target of 0.0, which is worse when lower is better, so the target is missed; with a target of 0 there is no percentage (PVT): Green is meeting or beating it, Red is missing it.",
            quarters.Cell("2009/10 Q2", "Why"));
        Assert.Equal("2", Table(page, "ladder-table").Cell("2009/10 Q2", "Stage"));
    }

    [Fact]
    public async Task Indicator_MissedProfile_PutsAGreenForecastOffTrajectory()
    {
        var page = await host.GetPageAsync("/indicators/NI%20191");

        var ladder = Table(page, "ladder-table");
        Assert.StartsWith("Off trajectory: the actual 356 missed the profiled target of 350, although the forecast is Green.", ladder.Cell("2009/10 Q2", "Why"), StringComparison.Ordinal);
        var targets = page.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")!.TextContent.Contains("Targets for Wessexshire", StringComparison.Ordinal));
        Assert.Equal(["Year", "Annual target", "Q1 profile", "Q2 profile", "Q3 profile", "Q4 profile"], targets.QuerySelectorAll("thead th").Select(h => h.TextContent.Trim()));
        Assert.Equal(["690", "175", "350", "515", "690"], targets.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Trim() == "2009/10").QuerySelectorAll("td").Select(c => c.TextContent.Trim()));
    }

    [Theory]
    [InlineData("NI%2016", "Projected outturn")]
    [InlineData("NI%2020", "Projected outturn")]
    [InlineData("NI%208", "Actual")]
    [InlineData("NI%20195", "Actual")]
    public async Task Indicator_ChartAndItsTable_CarryTheSameNumbers(string code, string plottedColumn)
    {
        var page = await host.GetPageAsync($"/indicators/{code}");

        var svg = page.QuerySelector("main svg")!;
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.NotNull(svg.GetAttribute("viewBox"));
        var labelledBy = svg.GetAttribute("aria-labelledby")!.Split(' ');
        Assert.Equal(2, labelledBy.Length);
        Assert.False(string.IsNullOrWhiteSpace(page.GetElementById(labelledBy[0])?.TextContent));
        Assert.False(string.IsNullOrWhiteSpace(page.GetElementById(labelledBy[1])?.TextContent));
        Assert.Equal("title", page.GetElementById(labelledBy[0])!.LocalName);
        Assert.Equal("desc", page.GetElementById(labelledBy[1])!.LocalName);

        var table = Table(page, "figures-table");
        var plotted = table.Rows
            .Where(r => table.Cell(r, plottedColumn) != "Not given")
            .Select(r => (r, table.Cell(r, plottedColumn)))
            .ToList();
        var points = svg.QuerySelectorAll("circle.app-chart__point")
            .Select(c => (Period.Parse(c.GetAttribute("data-period")!).DisplayName, c.GetAttribute("data-value")!))
            .ToList();
        Assert.NotEmpty(points);
        Assert.Equal(plotted, points);

        var targets = svg.QuerySelectorAll("path.app-chart__target-point")
            .Select(c => (Period.Parse(c.GetAttribute("data-period")!).DisplayName, c.GetAttribute("data-value")!))
            .ToList();
        Assert.Equal(table.Rows.Where(r => table.Cell(r, "Annual target") != "None").Select(r => (r, table.Cell(r, "Annual target"))), targets);
        Assert.NotNull(svg.QuerySelector("polyline[stroke-dasharray]"));
    }

    [Theory]
    [InlineData("NI%2016")]
    [InlineData("NI%20192")]
    [InlineData("NI%20195")]
    public async Task Indicator_EveryQuarterAgreesWithTheCommandLine(string code)
    {
        var indicator = Uri.UnescapeDataString(code);
        var page = await host.GetPageAsync($"/indicators/{code}");
        var quarters = Table(page, "quarters-table");
        var ladder = Table(page, "ladder-table");

        foreach (var quarter in quarters.Rows)
        {
            var period = Period.Parse(quarter.Replace("/", "-", StringComparison.Ordinal).Replace(' ', '-'));
            var entry = (await ScorecardAsync(period.Code)).Entry(indicator, "WSX");
            Assert.Equal(StatusName(entry.GetProperty("status").GetString()!), quarters.Cell(quarter, "Status"));
            Assert.Equal(entry.GetProperty("ladder_stage").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), ladder.Cell(quarter, "Stage"));
        }
    }

    [Fact]
    public async Task Indicator_Unknown_IsNotFound()
    {
        var page = await host.GetPageAsync("/indicators/NI%20999", expectedStatus: 404);

        Assert.Equal("Page not found", page.QuerySelector("h1")?.TextContent.Trim());
    }

    [Theory]
    [InlineData("/indicators/NI%2016?area=NOWHERE")]
    [InlineData("/indicators/NI%20999/areas")]
    public async Task UnknownAreaOrIndicator_IsNotFound(string path)
    {
        var page = await host.GetPageAsync(path, expectedStatus: 404);

        Assert.Equal("Page not found", page.QuerySelector("h1")?.TextContent.Trim());
    }

    [Theory]
    [InlineData("NI 16", "2009-10-Q2")]
    [InlineData("NI 192", "2009-10-Q1")]
    [InlineData("NI 195", "2009-10-Q2")]
    [InlineData("NI 152", "2009-10-Q2")]
    [InlineData("NI 49", "2008-09-Q3")]
    public async Task Areas_ListEveryAreaWithData_AndAgreeWithTheCommandLine(string indicator, string period)
    {
        var page = await host.GetPageAsync($"/indicators/{Uri.EscapeDataString(indicator)}/areas?period={period}");
        var scorecard = await ScorecardAsync(period);

        var entries = scorecard.Entries.Where(e => e.GetProperty("indicator").GetString() == indicator).ToList();
        var rows = page.QuerySelectorAll("#areas-table tbody tr");
        Assert.Equal(
            entries.Select(e => e.GetProperty("area").GetString()!).Order(StringComparer.Ordinal),
            rows.Select(r => r.GetAttribute("data-area")!).Order(StringComparer.Ordinal));
        var table = Table(page, "areas-table");
        foreach (var row in rows)
        {
            var entry = scorecard.Entry(indicator, row.GetAttribute("data-area")!);
            var name = row.QuerySelector("th a")!.TextContent.Trim();
            Assert.Equal(StatusName(entry.GetProperty("status").GetString()!), table.Cell(name, "Status"));
            Assert.Equal(entry.GetProperty("ladder_stage").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), table.Cell(name, "Ladder stage"));
            var pvt = entry.GetProperty("pvt");
            Assert.Equal(pvt.ValueKind == System.Text.Json.JsonValueKind.Null ? "None" : Figures.Pvt(pvt.GetDecimal()), table.Cell(name, "PVT (%)"));
        }

        Assert.Equal(period, ((IHtmlSelectElement)page.QuerySelector("select#period")!).Value);
    }

    [Fact]
    public async Task Areas_CountyComesFirst_WithItsDistrictsIndentedBeneath()
    {
        var page = await host.GetPageAsync("/indicators/NI%2016/areas");

        var rows = page.QuerySelectorAll("#areas-table tbody tr");
        Assert.Equal(["WSX", "FNM", "HRT", "KSB", "LNB", "OKV", "WTD"], rows.Select(r => r.GetAttribute("data-area")));
        Assert.DoesNotContain("govuk-!-padding-left-6", rows[0].QuerySelector("th")!.ClassList);
        Assert.All(rows.Skip(1), r => Assert.Contains("govuk-!-padding-left-6", r.QuerySelector("th")!.ClassList));
        Assert.Equal(", within Wessexshire", rows[1].QuerySelector("th .govuk-visually-hidden")?.TextContent);
        Assert.Equal("/indicators/NI%2016?area=HRT", rows[2].QuerySelector("th a")?.GetAttribute("href"));
        Assert.Equal("NI 16 in every area, 2009/10 Q2", page.QuerySelector("#areas-table caption")?.TextContent.Trim());
    }

    [Fact]
    public async Task Areas_UnreadablePeriod_IsABadRequestWithTheGovukErrorSummary()
    {
        var page = await host.GetPageAsync("/indicators/NI%2016/areas?period=last-quarter", expectedStatus: 400);

        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        Assert.Equal("Choose a period from the list", page.QuerySelector(".govuk-error-summary__list a[href='#period']")?.TextContent.Trim());
        Assert.Equal("period-error", page.QuerySelector("select#period")?.GetAttribute("aria-describedby"));
        Assert.Null(page.QuerySelector("#areas-table"));
    }

    [Fact]
    public void Areas_ManyWeakDistricts_AreCountedRatherThanNamed()
    {
        var county = new IndicatorArea(1, "C01", "Synthetic County 01", null, 0);
        var weak = Enumerable.Range(2, 7)
            .Select(i => new Pages.Indicators.AreasModel.Row(
                new IndicatorArea(i, $"D{i}", $"District {i}", 1, 1),
                new Assessment(Period.Parse("2009-10-Q2"), null, null, 10m, 8m, -20m, i % 2 == 0 ? Status.Red : Status.Amber, Direction.None, 0, Direction.None, true, 1)))
            .ToList();

        var few = new Pages.Indicators.AreasModel.HiddenWeakness(county, Status.Green, 49, weak[..2]).Sentence;
        var many = new Pages.Indicators.AreasModel.HiddenWeakness(county, Status.Green, 49, weak).Sentence;

        Assert.Equal("Synthetic County 01 is green overall, but 2 of the 49 areas within it are red or amber: District 2 (red), District 3 (amber).", few);
        Assert.Equal("Synthetic County 01 is green overall, but 7 of the 49 areas within it are red or amber (4 red, 3 amber); the table below shows each.", many);
    }

    [Fact]
    public async Task Areas_AStrongCounty_DoesNotHideWeakDistricts()
    {
        var page = await host.GetPageAsync("/indicators/NI%20195/areas?period=2009-10-Q2");

        var inset = page.QuerySelector(".govuk-inset-text")?.TextContent;
        Assert.NotNull(inset);
        Assert.Equal(
            "Wessexshire is green overall, but 2 of the 6 areas within it are red or amber: Fenmouth (red), Hartmere (amber).",
            System.Text.RegularExpressions.Regex.Replace(inset, @"\s+", " ").Trim());
    }

    [Theory]
    [InlineData("/indicators")]
    [InlineData("/indicators/NI%2016")]
    [InlineData("/indicators/NI%204")]
    [InlineData("/indicators/NI%20113")]
    [InlineData("/indicators/NI%2016/areas")]
    public async Task Pages_HaveNoInlineScriptOrStyle_CaptionEveryTable_AndLabelEveryControl(string path)
    {
        var page = await host.GetPageAsync(path);

        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
        Assert.Empty(page.QuerySelectorAll("[style]"));
        Assert.Empty(page.QuerySelectorAll("style"));
        Assert.All(page.QuerySelectorAll("table"), t => Assert.False(string.IsNullOrWhiteSpace(t.QuerySelector("caption")?.TextContent)));
        Assert.All(page.QuerySelectorAll("select, input:not([type=hidden])"), c => Assert.NotNull(page.QuerySelector($"label[for='{c.Id}']")));
        Assert.Single(page.QuerySelectorAll("h1"));
        var ids = page.QuerySelectorAll("[id]").Select(e => e.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    private async Task<ScorecardJson> ScorecardAsync(string period)
    {
        var result = await CliRunner.RunAsync("--database", host.Database.ConnectionString, "scorecard", "--period", period, "--format", "json");
        Assert.True(result.ExitCode == 0, result.Error);
        return ScorecardJson.Parse(result.Out);
    }

    private static string StatusName(string code) => Enum.GetValues<Status>().Single(s => s.Code() == code).Name();

    private static Dictionary<string, string> SummaryList(IHtmlDocument page) =>
        page.QuerySelectorAll(".govuk-summary-list__row").ToDictionary(
            r => r.QuerySelector("dt")!.TextContent.Trim(),
            r => System.Text.RegularExpressions.Regex.Replace(r.QuerySelector("dd")!.TextContent, @"\s+", " ").Trim(),
            StringComparer.Ordinal);

    private static TableReader Table(IHtmlDocument page, string id) =>
        new(page.GetElementById(id) ?? throw new InvalidOperationException($"There is no table #{id} on the page."));

    /// <summary>Reads a GOV.UK table by its row headers and column headers.</summary>
    private sealed class TableReader(IElement table)
    {
        private readonly List<string> _columns = [.. table.QuerySelectorAll("thead th").Select(h => Text(h))];

        public IReadOnlyList<string> Rows => [.. table.QuerySelectorAll("tbody tr").Select(r => Text(r.QuerySelector("th")!))];

        public IElement Row(string header) =>
            table.QuerySelectorAll("tbody tr").SingleOrDefault(r => Text(r.QuerySelector("th")!) == header)
            ?? throw new InvalidOperationException($"No row '{header}' in [{string.Join(", ", Rows)}].");

        public string Cell(string row, string column)
        {
            var index = _columns.IndexOf(column);
            Assert.True(index > 0, $"No column '{column}' in [{string.Join(", ", _columns)}].");
            return Text(Row(row).Children[index]);
        }

        private static string Text(IElement element)
        {
            // The row header's visually hidden context ("within Wessexshire") is for screen readers, not the name.
            var clone = (IElement)element.Clone();
            foreach (var hidden in clone.QuerySelectorAll(".govuk-visually-hidden").ToList())
            {
                hidden.Remove();
            }

            return System.Text.RegularExpressions.Regex.Replace(clone.TextContent, @"\s+", " ").Trim();
        }
    }
}
