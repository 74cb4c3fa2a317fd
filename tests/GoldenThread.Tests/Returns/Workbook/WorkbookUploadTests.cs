using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Periods;
using GoldenThread.Domain.Returns;
using GoldenThread.History;
using GoldenThread.Returns;
using GoldenThread.Tests.Access;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Tokens;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Tests.Returns.Workbook;

/// <summary>
/// The workbook's download and upload, and the same return through the API, over the real host on each database. Each
/// test makes its own return (its own organisation, indicators and area), issued to the demonstration's delivery lead.
/// </summary>
public abstract class WorkbookUploadTests(WebTestHost host)
{
    private const string Quarter = "2009-10-Q3";

    private static string Cell(string field, int row) => WorkbookFiller.CellOf(field, row);

    [Fact]
    public async Task Upload_WithErrors_IsRefusedWhole_WithAMessagePerCell_ThenCorrected_IsSubmitted()
    {
        var (returnId, lines) = await CreateReturnAsync();
        using var lead = await host.SignInAsync(Role.DeliveryLead);
        var workbook = await DownloadAsync(lead, returnId);

        byte[] bad;
        using (var filler = new WorkbookFiller(workbook))
        {
            bad = filler
                .SharedText(Cell("actual", 2), "twelve")
                .Number(Cell("projected_outturn", 2), "40")
                .Number(Cell("actual", 3), "150")
                .Number(Cell("projected_outturn", 3), "60")
                .Save();
        }

        var (status, page) = await UploadAsync(lead, returnId, bad, submit: true);

        Assert.Equal(400, status);
        var problems = Problems(page);
        Assert.Equal(2, problems.Count);
        Assert.Contains("Return!K2: actual: 'twelve' is not a number. Type the figure as a plain number, such as 12.5, or leave the cell empty for N/A.", problems);
        Assert.Contains(problems, p => p.StartsWith("Return!K3: actual: 150 is outside", StringComparison.Ordinal));
        await AssertUnchangedAsync(returnId, lines);

        byte[] corrected;
        using (var filler = new WorkbookFiller(bad))
        {
            corrected = filler.Number(Cell("actual", 2), "12").Number(Cell("actual", 3), "50").InlineText(Cell("note", 3), "On track").Save();
        }

        var (okStatus, okPage) = await UploadAsync(lead, returnId, corrected, submit: true);

        Assert.True(okStatus == 200, okPage);
        Assert.Contains("submitted", okPage, StringComparison.Ordinal);
        await using var db = host.Database.Open();
        var stored = await db.Returns.Include(r => r.Lines).SingleAsync(r => r.Id == returnId);
        Assert.Equal(ReturnState.Submitted, stored.State);
        var values = await db.Values.Where(v => lines.Contains(v.IndicatorId) && v.Period == Quarter).OrderBy(v => v.IndicatorId).ToListAsync();
        Assert.Equal([12m, 50m], values.Select(v => v.Actual!.Value / 1.000m));
        Assert.Equal([40m, 60m], values.Select(v => v.ProjectedOutturn!.Value / 1.000m));
        var sources = await db.FigureRecords.Where(r => r.ReturnId == returnId).Select(r => r.Source).Distinct().ToListAsync();
        Assert.Equal([FigureSources.Workbook], sources);
    }

    [Fact]
    public async Task Upload_SavedByLibreOffice_WithErrors_IsRefused_ThenCorrected_IsSavedAsADraft()
    {
        var (returnId, lines) = await CreateReturnAsync();
        using var lead = await host.SignInAsync(Role.DeliveryLead);
        var workbook = await DownloadAsync(lead, returnId);

        byte[] filled;
        using (var filler = new WorkbookFiller(workbook))
        {
            filled = filler.Number(Cell("actual", 3), "-5").SharedText(Cell("projected_outturn", 2), "1,5").Save();
        }

        var (status, page) = await UploadAsync(lead, returnId, await LibreOffice.ResaveAsync(filled), submit: false);

        Assert.Equal(400, status);
        var problems = Problems(page);
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Return!K3: actual: -5 is outside", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Return!L2: projected_outturn: '1,5' is not a number", StringComparison.Ordinal));
        await AssertUnchangedAsync(returnId, lines);

        using (var filler = new WorkbookFiller(filled))
        {
            filled = filler.Number(Cell("actual", 3), "5").SharedText(Cell("projected_outturn", 2), "1.5").InlineText(Cell("note", 2), "Saved by LibreOffice").Save();
        }

        var (okStatus, okPage) = await UploadAsync(lead, returnId, await LibreOffice.ResaveAsync(filled), submit: false);

        Assert.True(okStatus == 200, okPage);
        Assert.Contains("saved as a draft", okPage, StringComparison.Ordinal);
        await using var db = host.Database.Open();
        var stored = await db.Returns.Include(r => r.Lines).SingleAsync(r => r.Id == returnId);
        Assert.Equal(ReturnState.InProgress, stored.State);
        var first = stored.Lines.Single(l => l.IndicatorId == lines[0]);
        Assert.Equal((1.5m, "Saved by LibreOffice"), (first.ProjectedOutturn!.Value / 1.000m, first.Note));
        Assert.Equal(5m, stored.Lines.Single(l => l.IndicatorId == lines[1]).Actual!.Value / 1.000m);
        Assert.False(await db.Values.AnyAsync(v => lines.Contains(v.IndicatorId)), "a draft writes no values row");
    }

    [Fact]
    public async Task Upload_OfAnotherReturnsWorkbook_IsRefused_NamingBoth()
    {
        var (mine, _) = await CreateReturnAsync();
        var (other, lines) = await CreateReturnAsync();
        using var lead = await host.SignInAsync(Role.DeliveryLead);
        byte[] workbook;
        using (var filler = new WorkbookFiller(await DownloadAsync(lead, mine)))
        {
            workbook = filler.Number(Cell("actual", 2), "3").Save();
        }

        var (status, page) = await UploadAsync(lead, other, workbook, submit: true);

        Assert.Equal(400, status);
        var problem = Assert.Single(Problems(page));
        Assert.StartsWith($"The file: this workbook belongs to return {mine} ({Quarter}), not to this return ({other},", problem, StringComparison.Ordinal);
        await AssertUnchangedAsync(other, lines);
    }

    [Fact]
    public async Task SomeoneWhoMayNotEnterTheReturn_CannotOpen_Download_OrUpload()
    {
        var (returnId, lines) = await CreateReturnAsync();
        using var lead = await host.SignInAsync(Role.DeliveryLead);
        var workbook = await DownloadAsync(lead, returnId);
        using var sponsor = await host.SignInAsync(Role.TargetSponsor, followRedirects: false);

        using var page = await sponsor.GetAsync(new Uri($"/returns/{returnId}/workbook", UriKind.Relative));
        using var download = await sponsor.GetAsync(new Uri($"/returns/{returnId}/workbook.xlsx", UriKind.Relative));
        using var post = await PostFileAsync(sponsor, $"/returns/{returnId}/workbook", "/account", workbook, "submit");

        Assert.Equal(Outcome.Forbidden, AuthorisationMatrixTests.Classify(page));
        Assert.Equal(Outcome.Forbidden, AuthorisationMatrixTests.Classify(download));
        Assert.Equal(Outcome.Forbidden, AuthorisationMatrixTests.Classify(post));
        await AssertUnchangedAsync(returnId, lines);
    }

    [Fact]
    public async Task Api_RoundTrip_ListReadRefuseThenSubmit_RecordedAsApi()
    {
        var (returnId, lines) = await CreateReturnAsync();
        using var client = Bearer(await TokenAsync(Role.DeliveryLead, TokenScope.Submit));

        var list = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/v1/returns?period={Quarter}", UriKind.Relative))).RootElement;
        Assert.Contains(list.GetProperty("returns").EnumerateArray(), r => r.GetProperty("id").GetInt32() == returnId && r.GetProperty("may_enter").GetBoolean());
        var read = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/v1/returns/{returnId}", UriKind.Relative))).RootElement;
        Assert.Equal("not_started", read.GetProperty("state").GetString());
        var ids = read.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("line").GetInt32()).ToList();
        Assert.Equal(2, ids.Count);
        Assert.All(read.GetProperty("lines").EnumerateArray(), l => Assert.True(l.GetProperty("actual_due").GetBoolean()));

        var bad = $$"""{"submit": true, "lines": [{"line": {{ids[0]}}, "actual": 15, "projected_outturn": 40}, {"line": {{ids[1]}}, "actual": 150}]}""";
        using var refused = await PutAsync(client, $"/api/v1/returns/{returnId}", bad);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(422, (int)refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.Contains($"{ids[1]}/actual", errors);
        Assert.Contains($"{ids[1]}/projected_outturn", errors);
        Assert.Contains(problem.GetProperty("problems").EnumerateArray(), p => p.GetProperty("line").GetInt32() == ids[1] && p.GetProperty("field").GetString() == "actual");
        await AssertUnchangedAsync(returnId, lines);

        var good = $$"""{"submit": true, "lines": [{"line": {{ids[0]}}, "actual": 15, "projected_outturn": 40}, {"line": {{ids[1]}}, "actual": 5, "note": "Outturn not yet known"}]}""";
        using var submitted = await PutAsync(client, $"/api/v1/returns/{returnId}", good);
        var answer = JsonDocument.Parse(await submitted.Content.ReadAsStringAsync()).RootElement;
        using var again = await PutAsync(client, $"/api/v1/returns/{returnId}", good);

        Assert.True((int)submitted.StatusCode == 200, answer.ToString());
        Assert.Equal("submitted", answer.GetProperty("state").GetString());
        Assert.Equal(15m, answer.GetProperty("lines")[0].GetProperty("draft").GetProperty("actual").GetDecimal());
        Assert.Equal(409, (int)again.StatusCode);
        await using var db = host.Database.Open();
        Assert.Equal([FigureSources.Api], await db.FigureRecords.Where(r => r.ReturnId == returnId).Select(r => r.Source).Distinct().ToListAsync());
        Assert.Equal(2, await db.Values.CountAsync(v => lines.Contains(v.IndicatorId) && v.Period == Quarter));
    }

    [Fact]
    public async Task Api_ReadTokenCannotSave_AndOthersCannotReadOrSave()
    {
        var (returnId, lines) = await CreateReturnAsync();
        using var readToken = Bearer(await TokenAsync(Role.DeliveryLead, TokenScope.Read));
        using var other = Bearer(await TokenAsync(Role.TargetSponsor, TokenScope.Submit));
        const string Body = """{"submit": false, "lines": []}""";

        using var readOwn = await readToken.GetAsync(new Uri($"/api/v1/returns/{returnId}", UriKind.Relative));
        using var saveWithRead = await PutAsync(readToken, $"/api/v1/returns/{returnId}", Body);
        using var readOther = await other.GetAsync(new Uri($"/api/v1/returns/{returnId}", UriKind.Relative));
        using var saveOther = await PutAsync(other, $"/api/v1/returns/{returnId}", Body);
        var list = JsonDocument.Parse(await other.GetStringAsync(new Uri($"/api/v1/returns?period={Quarter}", UriKind.Relative))).RootElement;
        using var missing = await PutAsync(Bearer(await TokenAsync(Role.DeliveryLead, TokenScope.Submit)), "/api/v1/returns/987654", Body);

        Assert.Equal(200, (int)readOwn.StatusCode);
        Assert.Equal(403, (int)saveWithRead.StatusCode);
        Assert.Equal(403, (int)readOther.StatusCode);
        Assert.Equal(403, (int)saveOther.StatusCode);
        Assert.DoesNotContain(list.GetProperty("returns").EnumerateArray(), r => r.GetProperty("id").GetInt32() == returnId);
        Assert.Equal(404, (int)missing.StatusCode);
        await AssertUnchangedAsync(returnId, lines);
    }

    /// <summary>A return of two quarterly indicators (the second with a range of 0 to 100) in a new area and organisation, issued to the delivery lead.</summary>
    private async Task<(int ReturnId, List<int> Indicators)> CreateReturnAsync()
    {
        var data = new TestData(host.Database);
        var organisation = await data.CreateOrganisationAsync();
        var area = await data.CreateAreaAsync();
        var first = await data.CreateIndicatorAsync(leadOrganisation: organisation);
        var second = await data.CreateIndicatorAsync(leadOrganisation: organisation, unit: Domain.Indicators.Unit.Percent);
        await using var db = host.Database.Open(tracking: true);
        var stored = await db.Indicators.SingleAsync(i => i.Id == second.Id);
        stored.MinValue = 0;
        stored.MaxValue = 100;
        var lead = await db.People.SingleAsync(p => p.Email == host.Account(Role.DeliveryLead).Email);
        var period = Period.Parse(Quarter);
        var entity = new Return
        {
            Period = Quarter,
            AssigneeId = lead.Id,
            OrganisationId = organisation.Id,
            State = ReturnState.NotStarted,
            IssuedAt = DateTimeOffset.UtcNow,
            Lines =
            [
                new ReturnLine { IndicatorId = first.Id, AreaId = area.Id, Period = Quarter, PeriodStart = period.StartOrdinal, ActualDue = true, ProjectedOutturnDue = true },
                new ReturnLine { IndicatorId = second.Id, AreaId = area.Id, Period = Quarter, PeriodStart = period.StartOrdinal, ActualDue = true, ProjectedOutturnDue = true },
            ],
        };
        db.Returns.Add(entity);
        await db.SaveChangesAsync();
        return (entity.Id, [first.Id, second.Id]);
    }

    private async Task AssertUnchangedAsync(int returnId, List<int> indicators)
    {
        await using var db = host.Database.Open();
        var stored = await db.Returns.Include(r => r.Lines).SingleAsync(r => r.Id == returnId);
        Assert.Equal(ReturnState.NotStarted, stored.State);
        Assert.All(stored.Lines, l => Assert.True(l.Actual is null && l.ProjectedOutturn is null && l.Note is null && l.SavedAt is null, "the line's draft is unchanged"));
        Assert.False(await db.Values.AnyAsync(v => indicators.Contains(v.IndicatorId)));
        Assert.False(await db.FigureRecords.AnyAsync(r => r.ReturnId == returnId));
    }

    private static async Task<byte[]> DownloadAsync(HttpClient client, int returnId)
    {
        using var response = await client.GetAsync(new Uri($"/returns/{returnId}/workbook.xlsx", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(GoldenThread.Returns.Workbook.ReturnWorkbook.ContentType, response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>Uploads as the page's form does; follows the redirect after a success. Returns the status and the page's HTML.</summary>
    private static async Task<(int Status, string Page)> UploadAsync(HttpClient client, int returnId, byte[] workbook, bool submit)
    {
        var path = $"/returns/{returnId}/workbook";
        using var response = await PostFileAsync(client, path, path, workbook, submit ? "submit" : "save");
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> PostFileAsync(HttpClient client, string path, string tokenPage, byte[] workbook, string action)
    {
        var (_, token) = await Forms.ReadAsync(client, tokenPage);
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token ?? string.Empty), Forms.TokenField);
        content.Add(new StringContent(action), "action");
        var file = new ByteArrayContent(workbook);
        file.Headers.ContentType = new MediaTypeHeaderValue(GoldenThread.Returns.Workbook.ReturnWorkbook.ContentType);
        content.Add(file, "file", "return.xlsx");
        return await client.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    private static List<string> Problems(string html)
    {
        var page = new HtmlParser().ParseDocument(html);
        return [.. page.QuerySelectorAll("#workbook-problems li").Select(li => li.TextContent.Trim())];
    }

    private async Task<string> TokenAsync(Role role, TokenScope scope)
    {
        await using var db = host.Database.Open();
        var person = await db.People.SingleAsync(p => p.Email == host.Account(role).Email);
        return await TestPeople.TokenAsync(host.Database, person.Id, scope);
    }

    private HttpClient Bearer(string token)
    {
        var client = host.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, string path, string json) =>
        client.PutAsync(new Uri(path, UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));
}

public sealed class WorkbookUploadOnSqliteTests(WebTestHost host) : WorkbookUploadTests(host), IClassFixture<WebTestHost>;

public sealed class WorkbookUploadOnPostgresTests(PostgresWebTestHost host) : WorkbookUploadTests(host), IClassFixture<PostgresWebTestHost>;
