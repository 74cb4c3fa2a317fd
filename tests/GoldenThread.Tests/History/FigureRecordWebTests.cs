using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GoldenThread.Demo;
using GoldenThread.Domain.Access;
using GoldenThread.History;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Tests.Scorecard;
using GoldenThread.Tokens;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Tests.History;

/// <summary>
/// Over the real host on each database: the API's submit and withdraw write the record of every figure and clear a
/// sign-off they change; <c>final</c> in the scorecard's JSON and CSV and the API; the pages' provisional marks and
/// "in progress" notice; the history of a figure on the indicator's page; the auditor's export and who may have it.
/// Each test uses its own periods of NI 15 in Hartmere (which the demonstration leaves empty) or its own rows.
/// </summary>
public abstract class FigureRecordWebTests(WebTestHost host)
{
    private const string Ni15 = "NI%2015";

    [Fact]
    public async Task ApiSubmit_RecordsEachFieldItChanges_AsTheLeadFromTheApi()
    {
        using var client = await BearerAsync();

        using var first = await PutAsync(client, $"/api/v1/figures/{Ni15}/HRT/2004-05", """{"actual": 0.50, "projected_outturn": 1.1}""");
        using var second = await PutAsync(client, $"/api/v1/figures/{Ni15}/HRT/2004-05", """{"actual": 0.45, "projected_outturn": 1.1, "note": "Reclassified"}""");

        Assert.Equal(200, (int)first.StatusCode);
        Assert.Equal(200, (int)second.StatusCode);
        var records = await RecordsAsync("2004-05");
        Assert.Equal(
            ["actual  -> 0.5", "projected_outturn  -> 1.1", "actual 0.5 -> 0.45", "note  -> Reclassified"],
            records.Select(r => $"{r.Field} {r.OldValue} -> {r.NewValue}").ToList());
        var lead = await PersonIdAsync(Role.DeliveryLead);
        Assert.All(records, r => Assert.Equal(FigureSources.Api, r.Source));
        Assert.All(records, r => Assert.Equal(lead, r.PersonId));
    }

    [Fact]
    public async Task ApiSubmit_ThatChangesASignedOffRow_ClearsTheSignOff_AndOneThatChangesNothing_KeepsIt()
    {
        using var client = await BearerAsync();
        using var put = await PutAsync(client, $"/api/v1/figures/{Ni15}/HRT/2003-04", """{"actual": 0.7}""");
        Assert.Equal(200, (int)put.StatusCode);
        await SignOffAsync("NI 15", "HRT", "2003-04");

        using var same = await PutAsync(client, $"/api/v1/figures/{Ni15}/HRT/2003-04", """{"actual": 0.70}""");
        var kept = await StoredAsync("2003-04");
        using var changed = await PutAsync(client, $"/api/v1/figures/{Ni15}/HRT/2003-04", """{"actual": 0.8}""");
        var cleared = await StoredAsync("2003-04");

        Assert.Equal(200, (int)same.StatusCode);
        Assert.NotNull(kept!.SignedOffAt);
        Assert.Equal(200, (int)changed.StatusCode);
        Assert.Null(cleared!.SignedOffAt);
        Assert.Null(cleared.SignedOffById);
        var records = (await RecordsAsync("2003-04")).Select(r => $"{r.Field} {r.OldValue} -> {r.NewValue}").ToList();
        Assert.Equal(["actual  -> 0.7", "actual 0.7 -> 0.8", "signed_off signed off -> "], records);
    }

    [Fact]
    public async Task ApiWithdraw_RecordsEachFieldGoingToNothing_AndTheSignOffGoing_WithTheReason()
    {
        using var client = await BearerAsync();
        using var put = await PutAsync(client, $"/api/v1/figures/{Ni15}/HRT/2002-03", """{"actual": 0.3, "note": "Wrong row"}""");
        Assert.Equal(200, (int)put.StatusCode);
        await SignOffAsync("NI 15", "HRT", "2002-03");

        using var withdraw = await client.DeleteAsync(new Uri($"/api/v1/figures/{Ni15}/HRT/2002-03?reason=Entered%20against%20the%20wrong%20area", UriKind.Relative));

        Assert.Equal(204, (int)withdraw.StatusCode);
        var records = (await RecordsAsync("2002-03")).Skip(2).ToList();
        Assert.Equal(
            ["actual 0.3 -> ", "note Wrong row -> ", "signed_off signed off -> "],
            records.Select(r => $"{r.Field} {r.OldValue} -> {r.NewValue}").ToList());
        Assert.All(records, r => Assert.Equal("Entered against the wrong area", r.Reason));
    }

    [Fact]
    public async Task Final_IsTrueForAnEntryWhoseRowIsSignedOff_InTheApisScorecardAndIndicator_AndTheCommandLinesJsonAndCsv()
    {
        await SignOffAsync("NI 16", "WSX", DemoBundle.LatestQuarter);

        using var api = await host.Client.GetAsync(new Uri($"/api/v1/scorecard?period={DemoBundle.LatestQuarter}&area=WSX", UriKind.Relative));
        var entries = ScorecardJson.Parse(await api.Content.ReadAsStringAsync()).Entries;
        using var indicator = await host.Client.GetAsync(new Uri("/api/v1/indicators/NI%2016?area=WSX", UriKind.Relative));
        var values = JsonDocument.Parse(await indicator.Content.ReadAsStringAsync()).RootElement.GetProperty("values").EnumerateArray().ToList();
        var json = await CliRunner.RunAsync("--database", host.Database.ConnectionString, "scorecard", "--period", DemoBundle.LatestQuarter, "--area", "WSX", "--format", "json");
        var csv = await CliRunner.RunAsync("--database", host.Database.ConnectionString, "scorecard", "--period", DemoBundle.LatestQuarter, "--area", "WSX", "--format", "csv");

        Assert.Equal(200, (int)api.StatusCode);
        Assert.True(Entry(entries, "NI 16").GetProperty("final").GetBoolean());
        Assert.False(Entry(entries, "NI 15").GetProperty("final").GetBoolean());
        Assert.True(values.Single(v => v.GetProperty("period").GetString() == DemoBundle.LatestQuarter).GetProperty("final").GetBoolean());
        Assert.False(values.Single(v => v.GetProperty("period").GetString() == "2009-10-Q1").GetProperty("final").GetBoolean());
        var cliEntries = ScorecardJson.Parse(json.Out).Entries;
        Assert.True(Entry(cliEntries, "NI 16").GetProperty("final").GetBoolean());
        Assert.False(Entry(cliEntries, "NI 15").GetProperty("final").GetBoolean());
        var lines = csv.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",ladder_stage,final", lines[0].TrimEnd('\r'), StringComparison.Ordinal);
        Assert.EndsWith(",true", lines.Single(l => l.StartsWith("NI 16,WSX,", StringComparison.Ordinal)).TrimEnd('\r'), StringComparison.Ordinal);
        Assert.EndsWith(",false", lines.Single(l => l.StartsWith("NI 15,WSX,", StringComparison.Ordinal)).TrimEnd('\r'), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScorecardPage_MarksProvisionalFiguresInWords_AndSaysWhenTheQuarterIsInProgress()
    {
        const string Page = $"/scorecard?period={DemoBundle.LatestQuarter}&area=HRT";
        var closed = await host.GetPageAsync(Page);
        await using (var db = host.Database.Open(tracking: true))
        {
            var quarter = Domain.Periods.Period.Parse(DemoBundle.LatestQuarter);
            db.PeriodCycles.Add(new GoldenThread.Timetable.PeriodCycle { Period = quarter.Code, PeriodStart = quarter.StartOrdinal, FormsIssuedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }

        var open = await host.GetPageAsync(Page);
        var openAreas = await host.GetPageAsync($"/indicators/NI%2016/areas?period={DemoBundle.LatestQuarter}");
        var openIndicator = await host.GetPageAsync("/indicators/NI%2016?area=HRT");
        await using (var db = host.Database.Open())
        {
            await db.PeriodCycles.Where(c => c.Period == DemoBundle.LatestQuarter).ExecuteDeleteAsync();
        }

        Assert.Null(closed.QuerySelector("#in-progress"));
        Assert.Contains("is still in progress", open.QuerySelector("#in-progress")?.TextContent, StringComparison.Ordinal);
        var provisional = closed.QuerySelectorAll("#scorecard td[data-column='actual'] .app-provisional");
        Assert.NotEmpty(provisional);
        Assert.All(provisional, tag => Assert.Equal("Provisional", tag.TextContent.Trim()));
        Assert.Contains("on provisional figures", closed.QuerySelector("#provisional-count")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("is still in progress", openAreas.QuerySelector("#in-progress")?.TextContent, StringComparison.Ordinal);
        Assert.Contains(openAreas.QuerySelectorAll("#areas-table td[data-column='actual'] .app-provisional"), tag => tag.TextContent.Trim() == "Provisional");
        Assert.Contains("is still in progress", openIndicator.QuerySelector("#in-progress")?.TextContent, StringComparison.Ordinal);
        Assert.Contains(openIndicator.QuerySelectorAll("#figures-table td[data-column='sign-off']"), cell => cell.TextContent.Trim() == "Provisional");
    }

    [Fact]
    public async Task IndicatorPage_ShowsTheHistoryNewestFirst_WithNamesOnlyForThoseWhoReadTheAuditTrail()
    {
        using var client = await BearerAsync();
        using var first = await PutAsync(client, $"/api/v1/figures/{Ni15}/HRT/2001-02", """{"actual": 0.9}""");
        using var second = await PutAsync(client, $"/api/v1/figures/{Ni15}/HRT/2001-02", """{"actual": 0.95}""");
        using var auditor = await host.SignInAsync(Role.Auditor);

        var officerPage = await host.GetPageAsync($"/indicators/{Ni15}?area=HRT");
        using var response = await auditor.GetAsync(new Uri($"/indicators/{Ni15}?area=HRT", UriKind.Relative));
        var auditorPage = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        var rows = officerPage.QuerySelectorAll("#history-table tbody tr").Where(r => r.GetAttribute("data-period") == "2001-02").ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal("0.95", rows[0].QuerySelector("[data-column='new']")!.TextContent.Trim());
        Assert.Equal("0.9", rows[0].QuerySelector("[data-column='old']")!.TextContent.Trim());
        Assert.Equal("(none)", rows[1].QuerySelector("[data-column='old']")!.TextContent.Trim());
        Assert.Contains("The API", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Null(officerPage.QuerySelector("#history-table [data-column='who']"));
        Assert.Contains("shown to auditors and administrators", officerPage.QuerySelector("#history")!.NextElementSibling!.TextContent, StringComparison.Ordinal);
        var lead = host.Account(Role.DeliveryLead).Email;
        var auditorRow = auditorPage.QuerySelectorAll("#history-table tbody tr").First(r => r.GetAttribute("data-period") == "2001-02");
        Assert.Contains(lead, auditorRow.QuerySelector("[data-column='who']")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(auditorPage.QuerySelector("#history-download"));
    }

    [Fact]
    public async Task AuditorsExport_IsACsvOfTheRecords_FilteredByPeriodAndIndicator_AndNoOneElseMayHaveIt()
    {
        using var client = await BearerAsync();
        using var put = await PutAsync(client, $"/api/v1/figures/{Ni15}/HRT/2000-01", """{"actual": 1.5, "note": "=cmd"}""");
        Assert.Equal(200, (int)put.StatusCode);
        using var auditor = await host.SignInAsync(Role.Auditor, followRedirects: false);

        using var export = await auditor.GetAsync(new Uri($"/audit/figures.csv?period=2000-01&indicator={Ni15}", UriKind.Relative));
        var text = await export.Content.ReadAsStringAsync();
        using var badPeriod = await auditor.GetAsync(new Uri("/audit/figures.csv?period=2000-Q9", UriKind.Relative));
        using var badIndicator = await auditor.GetAsync(new Uri("/audit/figures.csv?indicator=NI%20999", UriKind.Relative));
        using var officer = await host.SignInAsync(Role.PerformanceOfficer, followRedirects: false);
        using var refused = await officer.GetAsync(new Uri("/audit/figures.csv", UriKind.Relative));

        Assert.Equal(200, (int)export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("at,indicator,area,period,field,old_value,new_value,who,on_behalf_of,reason,source,return_id", lines[0]);
        Assert.Equal(2, lines.Count - 1);
        Assert.All(lines.Skip(1), l => Assert.Contains("NI 15,HRT,2000-01,", l, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(",note,,'=cmd,", StringComparison.Ordinal) || l.Contains(",note,,\"'=cmd\",", StringComparison.Ordinal));
        Assert.Equal(400, (int)badPeriod.StatusCode);
        Assert.Contains("period:", await badPeriod.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(400, (int)badIndicator.StatusCode);
        Assert.Equal(302, (int)refused.StatusCode);
        Assert.Contains("access-denied", refused.Headers.Location?.OriginalString, StringComparison.OrdinalIgnoreCase);
    }

    private static JsonElement Entry(IReadOnlyList<JsonElement> entries, string indicator) =>
        entries.Single(e => e.GetProperty("indicator").GetString() == indicator);

    private async Task<HttpClient> BearerAsync()
    {
        var token = await TestPeople.TokenAsync(host.Database, await PersonIdAsync(Role.DeliveryLead), TokenScope.Submit);
        var client = host.NewClient(followRedirects: false);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await client.PutAsync(new Uri(path, UriKind.Relative), content);
    }

    private async Task<int> PersonIdAsync(Role role)
    {
        var email = host.Account(role).Email;
        await using var db = host.Database.Open();
        return await db.People.Where(p => p.Email == email).Select(p => p.Id).SingleAsync();
    }

    private async Task SignOffAsync(string indicator, string area, string period)
    {
        await using var db = host.Database.Open(tracking: true);
        var indicatorId = await db.Indicators.Where(i => i.Code == indicator).Select(i => i.Id).SingleAsync();
        var areaId = await db.Areas.Where(a => a.Code == area).Select(a => a.Id).SingleAsync();
        var row = await db.Values.SingleAsync(v => v.IndicatorId == indicatorId && v.AreaId == areaId && v.Period == period);
        row.SignedOffAt = DateTimeOffset.UtcNow;
        row.SignedOffById = await PersonIdAsync(Role.PerformanceOfficer);
        await db.SaveChangesAsync();
    }

    private async Task<GoldenThread.Indicators.IndicatorValue?> StoredAsync(string period)
    {
        await using var db = host.Database.Open();
        var indicatorId = await db.Indicators.Where(i => i.Code == "NI 15").Select(i => i.Id).SingleAsync();
        var areaId = await db.Areas.Where(a => a.Code == "HRT").Select(a => a.Id).SingleAsync();
        return await db.Values.AsNoTracking().SingleOrDefaultAsync(v => v.IndicatorId == indicatorId && v.AreaId == areaId && v.Period == period);
    }

    private async Task<List<FigureRecord>> RecordsAsync(string period)
    {
        await using var db = host.Database.Open();
        var areaId = await db.Areas.Where(a => a.Code == "HRT").Select(a => a.Id).SingleAsync();
        return await db.FigureRecords.AsNoTracking().Where(r => r.AreaId == areaId && r.Period == period).OrderBy(r => r.Id).ToListAsync();
    }
}

/// <summary>The record of every figure over the site on SQLite.</summary>
public sealed class FigureRecordWebOnSqliteTests(WebTestHost host) : FigureRecordWebTests(host), IClassFixture<WebTestHost>;

/// <summary>The record of every figure over the site on PostgreSQL.</summary>
public sealed class FigureRecordWebOnPostgresTests(PostgresWebTestHost host) : FigureRecordWebTests(host), IClassFixture<PostgresWebTestHost>;
