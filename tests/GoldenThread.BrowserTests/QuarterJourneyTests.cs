using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GoldenThread.BrowserTests.Infrastructure;
using GoldenThread.Returns.Workbook;
using Microsoft.Playwright;

namespace GoldenThread.BrowserTests;

/// <summary>
/// A whole quarter in a real browser, on a site of its own (<see cref="QuarterSite"/>): the central team issues the
/// forms; a council lead enters a return on the web, with a red line whose exception report is needed before it can
/// be submitted; a police lead downloads the workbook, fills it in and uploads it; a health partner's system submits
/// through the API with its token; the central team queries one return and its assignee corrects it; every return is
/// accepted and then signed off by another officer. The scorecard then shows the figures as final, and the audit trail
/// and the record of every figure show every step, who and when. Every page visited passes axe.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class QuarterJourneyCollection : ICollectionFixture<QuarterSite>
{
    public const string Name = "A quarter's site";
}

[Collection(QuarterJourneyCollection.Name)]
public sealed class QuarterJourneyTests(QuarterSite site)
{
    private const string QuarterName = "2009/10 Q3";

    /// <summary>When each step happened by the site's clock, to compare with what the audit trail says.</summary>
    private readonly Dictionary<string, DateTimeOffset> _at = [];

    /// <summary>The pages axe has checked, by address and variant.</summary>
    private readonly HashSet<string> _axed = [];

    [Fact]
    public async Task A_whole_quarter_from_forms_issued_to_final_figures_with_every_step_on_record()
    {
        // 1. The central team issues the quarter's forms from the timetable; the worker's job makes the returns.
        await using var assurer = await site.SignInAsync(site.Assurer);
        await assurer.VisitAsync("/timetable");
        await AxeAsync(assurer);
        Step("forms issued");
        await ClickAndWaitAsync(assurer, assurer.Page.GetByRole(AriaRole.Button, new() { Name = $"Issue forms for {QuarterName}", Exact = true }));
        await Assertions.Expect(assurer.Page.Locator(".govuk-notification-banner--success")).ToContainTextAsync($"The {QuarterName} forms are issued");
        Step("returns issued");
        Assert.True(await site.RunDueJobsAsync() >= 1, "The returns.issue job did not run.");
        await assurer.VisitAsync("/returns/dashboard");
        await Assertions.Expect(assurer.Page.Locator("tr[data-return]")).ToHaveCountAsync(3);
        await Assertions.Expect(assurer.Page.Locator("tr[data-return][data-state='not_started']")).ToHaveCountAsync(3);
        await AxeAsync(assurer);

        // 2. The council lead enters their return on the web: NI 8 on track, NI 110 red, which needs an exception report.
        await using var council = await site.SignInAsync(site.CouncilLead);
        var councilReturn = await OpenReturnAsync(council);
        await EnterLineAsync(council, "NI 8", actual: "24.1", projected: "24.5", note: "Up with the new leisure centre's classes.");
        await EnterLineAsync(council, "NI 110", actual: "58", projected: "60", note: "Two youth centres closed for repairs all autumn.");
        await ClickAndWaitAsync(council, council.Page.GetByRole(AriaRole.Button, new() { Name = "Check your answers and submit" }));
        await Assertions.Expect(council.Page.Locator("main")).ToContainTextAsync("Still to do");
        await AxeAsync(council);
        var keyboard = new KeyboardUser(council.Page);
        await keyboard.TabToButton(new Regex("^Submit the return$"));
        await PressEnterAndWaitAsync(council);
        await Assertions.Expect(council.Page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
        Assert.StartsWith("Error:", await council.Page.TitleAsync(), StringComparison.Ordinal);
        await AxeAsync(council, "with errors");

        await ClickAndWaitAsync(council, council.Page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Change the figures for NI 110") }));
        await Assertions.Expect(council.Page.Locator("main fieldset legend").First).ToContainTextAsync("Exception report");
        await AxeAsync(council, "with an exception report");
        // The exception report, with the keyboard alone: Tab to its first field, then type and Tab through the rest.
        keyboard = new KeyboardUser(council.Page);
        await keyboard.TabToField("Reason for the variance from target");
        string[] exception =
        [
            "Two of the county's four youth centres were closed for repairs from September to December.",
            "Both reopen in January with extended evening sessions; a mobile youth bus covers the gap.",
            "Back to the profile by the end of Q4.",
            "The county council with the district councils and the voluntary sector.",
            "Met from the youth service's existing budget.",
        ];
        for (var i = 0; i < exception.Length; i++)
        {
            if (i > 0)
            {
                await keyboard.PressTab();
            }

            await council.Page.Keyboard.TypeAsync(exception[i]);
        }

        await Assertions.Expect(council.Page.GetByLabel("Resources", new() { Exact = true })).ToHaveValueAsync(exception[^1]);

        await keyboard.TabToButton(new Regex("^Save and continue$"));
        await PressEnterAndWaitAsync(council);
        await ClickAndWaitAsync(council, council.Page.GetByRole(AriaRole.Button, new() { Name = "Check your answers and submit" }));
        await Assertions.Expect(council.Page.Locator("main")).Not.ToContainTextAsync("Still to do");
        Step("council submits");
        await ClickAndWaitAsync(council, council.Page.GetByRole(AriaRole.Button, new() { Name = "Submit the return" }));
        await Assertions.Expect(council.Page.Locator("main dl")).ToContainTextAsync("Submitted");
        await AxeAsync(council, "submitted");

        // 3. The police lead downloads the workbook, fills it in (as Excel would save it) and uploads it.
        await using var police = await site.SignInAsync(site.PoliceLead);
        var policeReturn = await OpenReturnAsync(police);
        await ClickAndWaitAsync(police, police.Page.GetByRole(AriaRole.Link, new() { Name = "fill in this return in a spreadsheet" }));
        await AxeAsync(police);
        var download = await police.Page.RunAndWaitForDownloadAsync(() =>
            police.Page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Download the workbook") }).ClickAsync());
        var workbook = FillWorkbook(await File.ReadAllBytesAsync(await download.PathAsync()), "NI 16", actual: 4.6m, projected: 14.8m, note: "From the crime system's quarterly extract.");
        await police.Page.GetByLabel("The filled-in workbook").SetInputFilesAsync(new FilePayload
        {
            Name = download.SuggestedFilename,
            MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = workbook,
        });
        Step("police submits by workbook");
        await ClickAndWaitAsync(police, police.Page.GetByRole(AriaRole.Button, new() { Name = "Upload and submit the return" }));
        await Assertions.Expect(police.Page.Locator(".govuk-notification-banner--success")).ToBeVisibleAsync();
        await Assertions.Expect(police.Page.Locator("main")).ToContainTextAsync("This return is submitted");
        await AxeAsync(police, "submitted");

        // 4. The health partner's system finds its return through the API and submits it with its token.
        Step("health submits by API");
        var healthReturn = await SubmitThroughTheApiAsync();

        // 5. The central team queries the police return and accepts the other two.
        Step("police return queried");
        await ReviewAsync(assurer, policeReturn, async page =>
        {
            await page.GetByLabel($"Query for {site.PoliceLead.FullName}").FillAsync("Q3's actual of 4.60 is higher than the crime system's extract for the quarter (3.64): please check it.");
            await ClickAndWaitAsync(assurer, page.GetByRole(AriaRole.Button, new() { Name = "Send back with this query" }));
        }, "Queried");
        Step("council return accepted");
        await AcceptAsync(assurer, councilReturn);
        Step("health return accepted");
        await AcceptAsync(assurer, healthReturn);

        // 6. The police lead sees the query, corrects the figure on the web and answers the query.
        await police.VisitAsync($"/returns/{policeReturn}");
        await Assertions.Expect(police.Page.Locator("main dl")).ToContainTextAsync("3.64");
        await AxeAsync(police, "queried");
        await ClickAndWaitAsync(police, police.Page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^NI 16 ") }));
        await police.Page.GetByLabel($"Actual for {QuarterName}").FillAsync("3.64");
        await ClickAndWaitAsync(police, police.Page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }));
        await ClickAndWaitAsync(police, police.Page.GetByRole(AriaRole.Button, new() { Name = "Check your answers and submit" }));
        await police.Page.GetByLabel("Your answer to the query").FillAsync("Right: 4.60 was the year to date's first month. Corrected to the quarter's 3.64.");
        await AxeAsync(police, "queried");
        Step("police corrects");
        await ClickAndWaitAsync(police, police.Page.GetByRole(AriaRole.Button, new() { Name = "Submit the return" }));
        await Assertions.Expect(police.Page.Locator("main dl")).ToContainTextAsync("Submitted");
        Step("police return accepted");
        await AcceptAsync(assurer, policeReturn);

        // 7. Another officer signs every return off (four eyes); until then the scorecard says the figures are provisional.
        await using var signer = await site.SignInAsync(site.Signer);
        await signer.VisitAsync("/scorecard");
        await Assertions.Expect(signer.Page.Locator("#provisional-count")).ToContainTextAsync("4 entries rest on provisional figures");
        await Assertions.Expect(signer.Page.Locator("#scorecard .app-provisional")).ToHaveCountAsync(4);
        foreach (var (name, id) in new[] { ("council", councilReturn), ("police", policeReturn), ("health", healthReturn) })
        {
            Step($"{name} return signed off");
            await ReviewAsync(signer, id, page => ClickAndWaitAsync(signer, page.GetByRole(AriaRole.Button, new() { Name = "Sign off", Exact = true })), "Signed off");
            await Assertions.Expect(signer.Page.Locator("#figures td[data-column='final']").First).ToHaveTextAsync("Final (signed off)");
        }

        // 8. The scorecard shows the signed-off figures, as final.
        await signer.VisitAsync("/scorecard");
        await Assertions.Expect(signer.Page.Locator("#provisional-count")).ToHaveTextAsync("Every figure shown is final (signed off).");
        await Assertions.Expect(signer.Page.Locator("#scorecard .app-provisional")).ToHaveCountAsync(0);
        await Assertions.Expect(signer.Page.Locator("#scorecard tbody tr")).ToHaveCountAsync(4);
        await ExpectEntryAsync(signer, "NI 8", "24.1", "Green");
        await ExpectEntryAsync(signer, "NI 110", "58.0", "Red");
        await ExpectEntryAsync(signer, "NI 16", "3.64", "Green");
        await ExpectEntryAsync(signer, "NI 39", "372", "Green");
        await Assertions.Expect(signer.Page.Locator("#scorecard tr[data-indicator='NI 110'] td[data-column='exception']")).ToHaveTextAsync("Yes");
        await AxeAsync(signer);
        using (var api = site.ApiClient())
        {
            using var scorecard = JsonDocument.Parse(await api.GetStringAsync(new Uri($"/api/v1/scorecard?period={QuarterSite.Quarter.Code}", UriKind.Relative)));
            var entries = scorecard.RootElement.GetProperty("entries").EnumerateArray().ToList();
            Assert.Equal(4, entries.Count);
            Assert.All(entries, e => Assert.True(e.GetProperty("final").GetBoolean(), $"{e.GetProperty("indicator")} is not final in the API's scorecard."));
        }

        // 9. The auditor reads every step in the audit trail, who and when, and every figure's record.
        await using var auditor = await site.SignInAsync(site.Auditor);
        await auditor.VisitAsync("/audit");
        await AxeAsync(auditor);
        await ExpectAuditAsync(auditor, "forms_issued", (site.Assurer.Email, "forms issued"));
        await ExpectAuditAsync(auditor, "returns_issued", ("worker", "returns issued"));
        await ExpectAuditAsync(
            auditor,
            "return_submitted",
            (site.CouncilLead.Email, "council submits"),
            (site.PoliceLead.Email, "police submits by workbook"),
            (site.HealthPartner.Email, "health submits by API"),
            (site.PoliceLead.Email, "police corrects"));
        await ExpectAuditAsync(auditor, "return_queried", (site.Assurer.Email, "police return queried"));
        await ExpectAuditAsync(
            auditor,
            "return_accepted",
            (site.Assurer.Email, "council return accepted"),
            (site.Assurer.Email, "health return accepted"),
            (site.Assurer.Email, "police return accepted"));
        await ExpectAuditAsync(
            auditor,
            "return_signed_off",
            (site.Signer.Email, "council return signed off"),
            (site.Signer.Email, "police return signed off"),
            (site.Signer.Email, "health return signed off"));

        var csv = await auditor.Page.Context.APIRequest.GetAsync($"/audit/figures.csv?period={QuarterSite.Quarter.Code}");
        Assert.Equal(200, csv.Status);
        var records = Csv.Read(await csv.TextAsync());
        ExpectRecord(records, "NI 8", "actual", null, "24.1", site.CouncilLead, "web", "council submits");
        ExpectRecord(records, "NI 110", "exception.reason", null, "Two of the county's four youth centres were closed for repairs from September to December.", site.CouncilLead, "web", "council submits");
        ExpectRecord(records, "NI 16", "actual", null, "4.6", site.PoliceLead, "workbook", "police submits by workbook");
        ExpectRecord(records, "NI 16", "actual", "4.6", "3.64", site.PoliceLead, "web", "police corrects");
        ExpectRecord(records, "NI 39", "actual", null, "372", site.HealthPartner, "api", "health submits by API");
        ExpectRecord(records, "NI 8", "signed_off", null, "signed off", site.Signer, "web", "council return signed off");
        ExpectRecord(records, "NI 110", "signed_off", null, "signed off", site.Signer, "web", "council return signed off");
        ExpectRecord(records, "NI 16", "signed_off", null, "signed off", site.Signer, "web", "police return signed off");
        ExpectRecord(records, "NI 39", "signed_off", null, "signed off", site.Signer, "web", "health return signed off");

        foreach (var tab in new[] { assurer, council, police, signer, auditor })
        {
            tab.AssertEverySubRequestSucceeded();
        }

        // The council's tab logged the 400 of the check page that refused the incomplete exception report, and nothing else.
        foreach (var tab in new[] { assurer, police, signer, auditor })
        {
            tab.AssertNoConsoleErrors();
        }
    }

    /// <summary>Runs axe on a page the journey has not checked yet: each address (ids aside) in each of its variants once, to keep the journey short.</summary>
    private async Task AxeAsync(BrowserTab tab, string variant = "")
    {
        var key = Regex.Replace(new Uri(tab.Page.Url).AbsolutePath, "[0-9]+", "{id}") + " " + variant;
        if (_axed.Add(key))
        {
            await tab.AssertNoAxeViolationsAsync();
        }
    }

    /// <summary>Moves the site's clock on two minutes and notes the moment as the step's.</summary>
    private void Step(string name)
    {
        site.Clock.Advance(TimeSpan.FromMinutes(2));
        _at.Add(name, site.Clock.GetUtcNow());
    }

    private static Task ClickAndWaitAsync(BrowserTab tab, ILocator target) => NavigateAsync(tab, () => target.ClickAsync());

    private static Task PressEnterAndWaitAsync(BrowserTab tab) => NavigateAsync(tab, () => tab.Page.Keyboard.PressAsync("Enter"));

    /// <summary>
    /// Does something that loads a new document (a link, or a form that may answer on the same address, as a form with
    /// errors does) and waits until that document has loaded: the old document is marked first, and the mark is gone
    /// from the new one.
    /// </summary>
    private static async Task NavigateAsync(BrowserTab tab, Func<Task> act)
    {
        await tab.Page.EvaluateAsync("() => { window.journeyOldDocument = true; }");
        await act();
        await tab.Page.WaitForFunctionAsync("() => !window.journeyOldDocument && document.readyState === 'complete'");
        await tab.WaitForPageAsync();
    }

    /// <summary>From "Your returns" to the quarter's return; its id.</summary>
    private async Task<int> OpenReturnAsync(BrowserTab tab)
    {
        await tab.VisitAsync("/returns");
        await AxeAsync(tab);
        await ClickAndWaitAsync(tab, tab.Page.GetByRole(AriaRole.Link, new() { Name = $"{QuarterName} return", Exact = true }));
        await AxeAsync(tab);
        var match = Regex.Match(tab.Page.Url, "/returns/(\\d+)$");
        Assert.True(match.Success, $"Not on a return's page: {tab.Page.Url}");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>From the return's task list, one indicator's figures, saved (not submitted).</summary>
    private async Task EnterLineAsync(BrowserTab tab, string indicator, string actual, string projected, string note)
    {
        await ClickAndWaitAsync(tab, tab.Page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"^{indicator} ") }));
        await tab.Page.GetByLabel($"Actual for {QuarterName}").FillAsync(actual);
        await tab.Page.GetByLabel("Projected outturn (the forecast for the year)").FillAsync(projected);
        await tab.Page.GetByLabel("Commentary").FillAsync(note);
        await AxeAsync(tab);
        await ClickAndWaitAsync(tab, tab.Page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }));
        Assert.Matches(new Regex("/returns/\\d+$"), tab.Page.Url);
    }

    /// <summary>The downloaded workbook with the indicator's row filled in, through the Open XML SDK, as Excel saves it.</summary>
    private static byte[] FillWorkbook(byte[] downloaded, string indicator, decimal actual, decimal projected, string note)
    {
        using var stream = new MemoryStream();
        stream.Write(downloaded);
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            var part = document.WorkbookPart!;
            var sheetId = part.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == ReturnWorkbookLayout.ReturnSheet).Id!.Value!;
            var sheet = (WorksheetPart)part.GetPartById(sheetId);
            var strings = part.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
            string Text(Cell cell) => cell.DataType?.Value == CellValues.SharedString
                ? strings[int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)]
                : cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? "";
            var indicatorColumn = ReturnWorkbookLayout.ColumnOf("indicator")!.Letter;
            var row = sheet.Worksheet.Descendants<Row>()
                .Single(r => r.Elements<Cell>().Any(c => c.CellReference == $"{indicatorColumn}{r.RowIndex}" && Text(c) == indicator));

            void Set(string field, Action<Cell> fill)
            {
                var reference = $"{ReturnWorkbookLayout.ColumnOf(field)!.Letter}{row.RowIndex}";
                var cell = row.Elements<Cell>().SingleOrDefault(c => c.CellReference == reference);
                if (cell is null)
                {
                    // A cell left empty may not be written at all: add it in its place in the row, as a spreadsheet program does.
                    cell = new Cell { CellReference = reference };
                    var before = row.Elements<Cell>().LastOrDefault(c => ColumnNumber(c.CellReference!) < ColumnNumber(reference));
                    if (before is null)
                    {
                        row.PrependChild(cell);
                    }
                    else
                    {
                        before.InsertAfterSelf(cell);
                    }
                }

                cell.CellFormula = null;
                cell.InlineString = null;
                fill(cell);
            }

            Set("actual", c => { c.DataType = null; c.CellValue = new CellValue(actual); });
            Set("projected_outturn", c => { c.DataType = null; c.CellValue = new CellValue(projected); });
            Set("note", c => { c.DataType = CellValues.InlineString; c.CellValue = null; c.InlineString = new InlineString(new Text(note)); });
        }

        return stream.ToArray();
    }

    private static int ColumnNumber(string reference) =>
        reference.TakeWhile(char.IsLetter).Aggregate(0, (n, c) => (n * 26) + (c - 'A' + 1));

    /// <summary>The health partner's system: lists its returns, reads the one due, and PUTs its figures with submit.</summary>
    private async Task<int> SubmitThroughTheApiAsync()
    {
        using var api = site.ApiClient();
        using var list = JsonDocument.Parse(await api.GetStringAsync(new Uri("/api/v1/returns", UriKind.Relative)));
        Assert.Equal(QuarterSite.Quarter.Code, list.RootElement.GetProperty("period").GetString());
        var mine = list.RootElement.GetProperty("returns").EnumerateArray().Single(r => r.GetProperty("may_enter").GetBoolean());
        var id = mine.GetProperty("id").GetInt32();
        using var document = JsonDocument.Parse(await api.GetStringAsync(new Uri($"/api/v1/returns/{id}", UriKind.Relative)));
        var line = document.RootElement.GetProperty("lines").EnumerateArray().Single();
        Assert.Equal("NI 39", line.GetProperty("indicator").GetString());
        using var answer = await api.PutAsJsonAsync(new Uri($"/api/v1/returns/{id}", UriKind.Relative), new
        {
            submit = true,
            lines = new[] { new { line = line.GetProperty("line").GetInt32(), actual = 372m, projected_outturn = 1480m, note = "From the trust's admissions system." } },
        });
        var body = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.IsSuccessStatusCode, $"PUT /api/v1/returns/{id}: {(int)answer.StatusCode} {body}");
        using var saved = JsonDocument.Parse(body);
        Assert.Equal("submitted", saved.RootElement.GetProperty("state").GetString());
        return id;
    }

    /// <summary>From the dashboard to a return's review page, one action there, and the state it leaves.</summary>
    private async Task ReviewAsync(BrowserTab tab, int returnId, Func<IPage, Task> act, string state)
    {
        await tab.VisitAsync("/returns/dashboard");
        await ClickAndWaitAsync(tab, tab.Page.Locator($"tr[data-return='{returnId}'] a[href='/returns/{returnId}/review']"));
        await AxeAsync(tab, await tab.Page.Locator("#state").InnerTextAsync());
        await act(tab.Page);
        await Assertions.Expect(tab.Page.Locator("#notice")).ToBeVisibleAsync();
        await Assertions.Expect(tab.Page.Locator("#state")).ToHaveTextAsync(state);
        await AxeAsync(tab, state + " with a notice");
    }

    private Task AcceptAsync(BrowserTab tab, int returnId) =>
        ReviewAsync(tab, returnId, page => ClickAndWaitAsync(tab, page.GetByRole(AriaRole.Button, new() { Name = "Accept (quality-assured)" })), "Quality-assured");

    private static async Task ExpectEntryAsync(BrowserTab tab, string indicator, string actual, string status)
    {
        var row = tab.Page.Locator($"#scorecard tr[data-indicator='{indicator}'][data-area='{QuarterSite.Area}']");
        await Assertions.Expect(row.Locator("td[data-column='actual']")).ToHaveTextAsync(actual);
        await Assertions.Expect(row.Locator("td[data-column='status']")).ToContainTextAsync(status);
    }

    /// <summary>The audit trail filtered to one action: exactly these entries, oldest first, each by whom and at the step's moment.</summary>
    private async Task ExpectAuditAsync(BrowserTab tab, string action, params (string Who, string Step)[] expected)
    {
        await tab.VisitAsync($"/audit?action={action}");
        var rows = tab.Page.Locator($"#audit tr[data-action='{action}']");
        var found = new List<(string Who, string At)>();
        for (var i = await rows.CountAsync() - 1; i >= 0; i--)
        {
            var row = rows.Nth(i);
            found.Add(((await row.Locator("td[data-column='actor']").InnerTextAsync()).Trim(), (await row.Locator("time").GetAttributeAsync("datetime"))!));
        }

        Assert.Equal(expected.Select(e => (e.Who, QuarterSite.AuditTime(_at[e.Step]))).ToList(), found);
    }

    /// <summary>One record of a figure of the quarter: the field's change, by whom, how and when.</summary>
    private void ExpectRecord(IReadOnlyList<Dictionary<string, string>> records, string indicator, string field, string? was, string now, QuarterPerson who, string source, string step)
    {
        var at = QuarterSite.AuditTime(_at[step]);
        Assert.True(
            records.Any(r => r["indicator"] == indicator && r["area"] == QuarterSite.Area && r["period"] == QuarterSite.Quarter.Code && r["field"] == field
                && r["old_value"] == (was ?? "") && r["new_value"] == now && r["who"].Contains(who.Email, StringComparison.Ordinal) && r["source"] == source && r["at"] == at),
            $"No record of {indicator} {field} {was ?? "(none)"} -> {now} by {who.Email} ({source}) at {at}. The records:\n"
                + string.Join("\n", records.Where(r => r["indicator"] == indicator).Select(r => string.Join(", ", r.Select(kv => $"{kv.Key}={kv.Value}")))));
    }

    /// <summary>Reads RFC 4180 CSV into rows keyed by the header's names.</summary>
    private static class Csv
    {
        public static IReadOnlyList<Dictionary<string, string>> Read(string text)
        {
            var rows = new List<List<string>>();
            var row = new List<string>();
            var field = new System.Text.StringBuilder();
            var quoted = false;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        field.Append(c);
                    }
                }
                else if (c == '"')
                {
                    quoted = true;
                }
                else if (c == ',')
                {
                    row.Add(field.ToString());
                    field.Clear();
                }
                else if (c == '\n')
                {
                    row.Add(field.ToString().TrimEnd('\r'));
                    field.Clear();
                    rows.Add(row);
                    row = [];
                }
                else
                {
                    field.Append(c);
                }
            }

            if (field.Length > 0 || row.Count > 0)
            {
                row.Add(field.ToString());
                rows.Add(row);
            }

            var header = rows[0];
            return [.. rows.Skip(1).Select(r => header.Select((name, i) => (name, value: i < r.Count ? r[i] : "")).ToDictionary(x => x.name, x => x.value))];
        }
    }
}
