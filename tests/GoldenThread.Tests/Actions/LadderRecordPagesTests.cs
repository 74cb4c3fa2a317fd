using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using DocumentFormat.OpenXml.Packaging;
using GoldenThread.Actions;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Periods;
using GoldenThread.Tests.Access;
using GoldenThread.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Tests.Actions;

/// <summary>The ladder's record pages on the running site over the demonstration: the forms, the upload and download, and the Word report.</summary>
public sealed class LadderRecordPagesTests(WebTestHost host) : IClassFixture<WebTestHost>
{
    [Fact]
    public async Task ReportRequest_RequestedAnsweredWithAWordFileAndConsidered_ThroughThePages_DownloadOnlyToThoseConcerned()
    {
        using var admin = await host.SignInAsync(Role.Administrator);
        using var lead = await host.SignInAsync(Role.DeliveryLead);
        using var deputy = await host.SignInAsync(Role.IndicatorDeputy);
        using var requested = await Forms.PostAsync(admin, "/report-requests",
        [
            new("indicator", "NI 15"), new("area", "HRT"), new("period", "2009-10-Q2"), new("request", "Why is serious violence up?"),
            new("owner", host.Account(Role.DeliveryLead).Email), new("due", "2099-01-31"),
        ]);
        var path = requested.RequestMessage!.RequestUri!.AbsolutePath;
        var docx = Docx();

        var (answerPage, token) = await Forms.ReadAsync(lead, path);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token!), Forms.TokenField },
            { new StringContent("answer"), "action" },
            { new StringContent("Night-time economy"), "causes" },
            { new StringContent("More licensing checks"), "options" },
        };
        var file = new ByteArrayContent(docx);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        form.Add(file, "document", "causes.docx");
        using var answered = await lead.PostAsync(new Uri(path, UriKind.Relative), form);
        using var download = await lead.GetAsync(new Uri($"{path}/document", UriKind.Relative));
        using var refused = await deputy.GetAsync(new Uri($"{path}/document", UriKind.Relative));
        using var refusedPage = await deputy.GetAsync(new Uri(path, UriKind.Relative));
        using var considered = await Forms.PostAsync(admin, path, [new("action", "consider"), new("decision", "Option agreed")]);
        var final = await Parse(considered);

        Assert.Matches("^/report-requests/[0-9]+$", path);
        Assert.NotNull(answerPage.QuerySelector("form[enctype='multipart/form-data'] input[type=file][name=document]"));
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("causes.docx", download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.True(download.Headers.CacheControl?.NoStore);
        Assert.Equal(docx, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(Outcome.Forbidden, AuthorisationMatrixTests.Classify(refused));
        Assert.Equal(Outcome.Forbidden, AuthorisationMatrixTests.Classify(refusedPage));
        Assert.Equal("Considered", final.QuerySelector("#state .govuk-tag")?.TextContent.Trim());
        Assert.Equal("Option agreed", final.QuerySelector("#decision-text")?.TextContent.Trim());
        Assert.Equal("Night-time economy", final.QuerySelector("#causes-text")?.TextContent.Trim());
    }

    [Fact]
    public async Task ReportRequest_AnswerWithATextFile_IsRefusedAtTheField()
    {
        using var admin = await host.SignInAsync(Role.Administrator);
        using var lead = await host.SignInAsync(Role.DeliveryLead);
        using var requested = await Forms.PostAsync(admin, "/report-requests",
        [
            new("indicator", "NI 15"), new("area", "HRT"), new("period", "2009-10-Q2"), new("request", "Causes and options"),
            new("owner", host.Account(Role.DeliveryLead).Email), new("due", "2099-01-31"),
        ]);
        var path = requested.RequestMessage!.RequestUri!.AbsolutePath;
        var (_, token) = await Forms.ReadAsync(lead, path);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token!), Forms.TokenField },
            { new StringContent("Causes"), "causes" },
            { new StringContent("Options"), "options" },
            { new ByteArrayContent("plain words"u8.ToArray()), "document", "report.txt" },
        };
        using var answered = await lead.PostAsync(new Uri(path, UriKind.Relative), form);
        var page = await Parse(answered);

        Assert.Equal(HttpStatusCode.BadRequest, answered.StatusCode);
        Assert.Equal("The report must be a .docx, .pdf or .odt file", page.QuerySelector(".govuk-error-summary a[href='#document']")?.TextContent.Trim());
    }

    [Fact]
    public async Task StageOneAndPlan_ThroughThePages_RecordedAgreedAndShown()
    {
        using var lead = await host.SignInAsync(Role.DeliveryLead);
        using var recorded = await Forms.PostAsync(lead, "/actions",
            [new("indicator", "NI 15"), new("area", "HRT"), new("period", "2009-10-Q2"), new("what", "Raised at the partnership"), new("who", "Lee Turner")]);
        using var refused = await Forms.PostAsync(lead, "/actions",
            [new("indicator", "NI 16"), new("area", "HRT"), new("period", "2009-10-Q2"), new("what", "Not mine"), new("who", "Lee Turner")]);
        using var drafted = await Forms.PostAsync(lead, "/action-plans", [new("indicator", "NI 15"), new("area", "HRT"), new("period", "2009-10-Q2"), new("title", "Violence plan")]);
        var plan = drafted.RequestMessage!.RequestUri!.AbsolutePath;
        using var added = await Forms.PostAsync(lead, plan,
            [new("action", "save"), new("what", "Licensing checks"), new("who", "Police"), new("due", "2010-03-31"), new("priority", "high"), new("status", "on_track"), new("percent", "10")]);
        var actionId = (await Parse(added)).QuerySelector("#actions tr[data-action]")!.GetAttribute("data-action")!;
        using var milestone = await Forms.PostAsync(lead, plan, [new("action", "milestone"), new("milestone-action", actionId), new("milestone", "First checks"), new("milestone-due", "2010-01-15")]);
        using var agreed = await Forms.PostAsync(lead, plan, [new("action", "agree"), new("agreed-with", "Safer communities partnership")]);
        using var progress = await Forms.PostAsync(lead, $"/actions/{actionId}", [new("action", "progress"), new("status", "at_risk"), new("percent", "35")]);

        var stageOne = await Parse(recorded);
        Assert.Contains("Raised at the partnership", stageOne.QuerySelector("#actions")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.StartsWith("You may not record action for NI 16 in HRT", (await Parse(refused)).QuerySelector(".govuk-error-summary a[href='#indicator']")?.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Matches("^/action-plans/[0-9]+$", plan);
        Assert.Contains("First checks", (await Parse(milestone)).QuerySelector("#actions [data-column=milestones]")?.TextContent, StringComparison.Ordinal);
        var agreedPage = await Parse(agreed);
        Assert.Equal("Agreed", agreedPage.QuerySelector("#state .govuk-tag")?.TextContent.Trim());
        Assert.Contains("Safer communities partnership", agreedPage.QuerySelector("#agreed")?.TextContent, StringComparison.Ordinal);
        var actionPage = await Parse(progress);
        Assert.Equal(("At risk", "35%"), (actionPage.QuerySelector("#status-now")?.TextContent.Trim(), actionPage.QuerySelector("#percent-now")?.TextContent.Trim()));
    }

    [Fact]
    public async Task HalfYearly_PageAndWordFile_ListTheSamePairs_AndTheWordFileOpensInLibreOfficeWriter()
    {
        const string half = "2009-10-H1";
        await using var db = host.Database.Open();
        var report = await HalfYearlyReports.BuildAsync(db, Period.Parse(half), GoldenThread.Demo.DemoBundle.Today, CancellationToken.None);
        var page = await host.GetPageAsync($"/reports/half-yearly?half={half}");
        using var response = await host.Client.GetAsync(new Uri($"/reports/half-yearly.docx?half={half}", UriKind.Relative));
        var docx = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(
            report.Items.Select(i => $"{i.IndicatorCode}|{i.AreaCode}"),
            page.QuerySelectorAll("section[data-item]").Select(s => s.GetAttribute("data-item")));
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        using (var word = WordprocessingDocument.Open(new MemoryStream(docx), false))
        {
            var paragraphs = word.MainDocumentPart!.Document!.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().ToList();
            var headings = paragraphs.Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading1").Select(p => p.InnerText).ToList();
            Assert.Equal(report.Items.Select(i => $"{i.IndicatorCode} in {i.AreaName} ({i.AreaCode}): stage {i.Stage}"), headings);
            Assert.Equal("Title", paragraphs[0].ParagraphProperties?.ParagraphStyleId?.Val?.Value);
            Assert.NotNull(word.MainDocumentPart.StyleDefinitionsPart?.Styles?.Elements<DocumentFormat.OpenXml.Wordprocessing.Style>().SingleOrDefault(s => s.StyleId?.Value == "Heading1"));
        }

        var pdf = await WriterPdf.ConvertAsync(docx);
        Assert.True(pdf.AsSpan().StartsWith("%PDF-"u8));
    }

    /// <summary>A real Word document: the half-yearly report of a half with no items.</summary>
    private static byte[] Docx()
    {
        using var buffer = new MemoryStream();
        HalfYearlyDocument.Write(new HalfYearlyReport(Period.Parse("2001-02-H1"), Period.Parse("2001-02-Q2"), []), buffer);
        return buffer.ToArray();
    }

    private static async Task<IHtmlDocument> Parse(HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
}
