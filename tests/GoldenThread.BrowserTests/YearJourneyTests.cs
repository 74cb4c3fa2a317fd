using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using GoldenThread.BrowserTests.Infrastructure;
using GoldenThread.Domain.Periods;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace GoldenThread.BrowserTests;

/// <summary>
/// A whole reporting year in a real browser, on a site of its own whose clock the test moves quarter by quarter
/// (<see cref="YearSite"/>): NI 8 goes amber in Q1 (stage 1) and red in Q2 and Q3 (stages 2 and 3), its figures entered
/// on the web return by the delivery lead, accepted by one administrator and signed off by another, each quarter's cycle
/// then closed. The thematic partnership considers the exception reports (notes one; challenges one, which the lead
/// answers, then accepts it); the lead records the stage 1 action; stage 2 flags the missing action plan on the
/// partnership's agenda until one is drafted and agreed; at stage 3 the executive board requests a report, which the lead
/// answers with a Word document, and records its decision. The board raises NI 110 to a stage by hand and later clears
/// it. In Q4 NI 8 recovers: its stage comes down, the ladder record says when and why, and its exception reports close.
/// The half-yearly report lists exactly the pairs at stages 2 and 3, and its Word download is served. The audit trail
/// holds every step, by whom and when. Every page the journey visits passes axe.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class YearJourneyCollection : ICollectionFixture<YearSite>
{
    public const string Name = "A year's site";
}

[Collection(YearJourneyCollection.Name)]
public sealed class YearJourneyTests(YearSite site, ITestOutputHelper output)
{
    private readonly System.Diagnostics.Stopwatch _watch = System.Diagnostics.Stopwatch.StartNew();

    private static readonly Period Q1 = Period.Parse("2009-10-Q1");
    private static readonly Period Q2 = Period.Parse("2009-10-Q2");
    private static readonly Period Q3 = Period.Parse("2009-10-Q3");
    private static readonly Period Q4 = Period.Parse("2009-10-Q4");

    /// <summary>When each step happened by the site's clock, with who took it, to find in the audit trail.</summary>
    private readonly List<(string Action, string Who, DateTimeOffset At, string Step)> _expected = [];

    /// <summary>The pages axe has checked, by address and variant.</summary>
    private readonly HashSet<string> _axed = [];

    private readonly List<BrowserTab> _tabs = [];

    [Fact]
    public async Task A_year_up_the_ladder_and_down_again_with_every_step_on_record()
    {
        try
        {
            await PlayAsync();
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException && _tabs.Count > 0)
        {
            // Where each tab was when the step failed, for the failure's message.
            var where = new List<string>();
            foreach (var tab in _tabs.TakeLast(3))
            {
                where.Add($"{tab.Page.Url}:\n{await tab.Page.Locator("main").InnerTextAsync(new() { Timeout = 2_000 })}");
            }

            throw new InvalidOperationException(e.Message + "\n\nThe last tabs:\n" + string.Join("\n----\n", where), e);
        }
        finally
        {
            foreach (var tab in _tabs)
            {
                await tab.DisposeAsync();
            }
        }
    }

    private async Task PlayAsync()
    {
        // Q1: amber (38 against a profile of 40; a forecast of 43 against 46): stage 1.
        var (assurer, lead) = await OpenQuarterAsync(Q1, new DateTimeOffset(2009, 7, 6, 8, 0, 0, TimeSpan.Zero));
        var q1Return = await EnterReturnAsync(lead, Q1, "38", "43", "Fewer adults at the leisure centres over a wet spring.",
        [
            "Two leisure centres closed for refurbishment in May and June.",
            "Free taster sessions in the parks over the summer.",
            "Back on the profile by the end of Q2.",
            "The county council and the district councils' leisure trusts.",
            "From the sport development budget.",
        ]);
        await AcceptAndSignOffAsync(assurer, Q1, q1Return);
        await ExpectScorecardAsync(assurer, Q1, YearSite.Story, "Amber", stage: 1);

        // The partnership notes Q1's exception report.
        var member = await SignInAsync(site.PartnershipMember);
        var q1Exception = await OpenExceptionFromTheBodyAsync(member, Q1);
        await ConsiderAsync(member, "note", "Noted: the partnership will look at the summer's taster sessions at its next meeting.", "Noted", "Q1 noted");

        // Stage 1: the delivery lead records the action taken with the partnership.
        await lead.VisitAsync("/actions");
        await AxeAsync(lead);
        await ChooseAsync(lead.Page, "indicator", YearSite.Story);
        await ChooseAsync(lead.Page, "area", YearSite.Area);
        await FillPostAsync(lead.Page, "period", Q1.Code);
        await lead.Page.GetByLabel("What action was taken with the thematic partnership").FillAsync("Agreed with the partnership to run free taster sessions in four parks.");
        await lead.Page.GetByLabel("Who is responsible").FillAsync("Casey Morgan, sport development");
        Step("stage_one_action_recorded", site.Lead, "stage 1 action");
        await ClickAndWaitAsync(lead, Button(lead.Page, "Record the action"));
        await Assertions.Expect(lead.Page.Locator("main")).ToContainTextAsync("Agreed with the partnership to run free taster sessions in four parks.");
        await AxeAsync(lead, "with a notice");

        // It is on the partnership's agenda for the quarter.
        await OpenAgendaAsync(member, Q1);
        await Assertions.Expect(member.Page.Locator("#stage-1 + ul li").Filter(new() { HasText = YearSite.Story }))
            .ToContainTextAsync("Agreed with the partnership to run free taster sessions in four parks.");

        await CloseCycleAsync(assurer, Q1);
        await ExpectLadderChangeAsync(assurer, Q1, YearSite.Story, "Up: Stage 0 to Stage 1");

        // Q2: red (39 against 42; a forecast of 41 against 46): stage 2.
        (assurer, lead) = await OpenQuarterAsync(Q2, new DateTimeOffset(2009, 10, 5, 8, 0, 0, TimeSpan.Zero));
        var q2Return = await EnterReturnAsync(lead, Q2, "39", "41", "Still below the profile: the tasters reached fewer people than planned.",
        [
            "The taster sessions were rained off for three weekends in August.",
            "An action plan with the leisure trusts: indoor sessions through the winter.",
            "Back on the profile by the end of Q4.",
            "The county council, the leisure trusts and the primary care trust.",
            "A one-off grant of 20,000 pounds from the partnership's fund.",
        ]);
        await AcceptAndSignOffAsync(assurer, Q2, q2Return);
        await ExpectScorecardAsync(assurer, Q2, YearSite.Story, "Red", stage: 2);

        // The executive board raises NI 110 to stage 2 by hand, with the reason and the evidence.
        var board = await SignInAsync(site.BoardMember);
        await board.VisitAsync("/ladder/triggers/new");
        await AxeAsync(board);
        await ChooseAsync(board.Page, "indicator", YearSite.Raised);
        await ChooseAsync(board.Page, "area", YearSite.Area);
        await board.Page.Locator("#stage-2").CheckAsync();
        await board.Page.GetByLabel("Reason", new() { Exact = true }).FillAsync("Two youth providers have withdrawn from the county's contract.");
        await board.Page.GetByLabel("Evidence of under-performance").FillAsync("The providers' letters of 14 September; the youth service's forecast for Q3.");
        Step("ladder_trigger_raised", site.BoardMember, "NI 110 raised");
        await ClickAndWaitAsync(board, Button(board.Page, "Set the stage"));
        var trigger = board.Page.Locator("tr[data-trigger]").First;
        await Assertions.Expect(trigger).ToContainTextAsync($"By {site.BoardMember.FullName}");
        await Assertions.Expect(trigger).ToContainTextAsync("Two youth providers have withdrawn from the county's contract.");
        await Assertions.Expect(trigger).ToContainTextAsync("In force");
        await AxeAsync(board, "with a manual stage");
        await ExpectScorecardAsync(board, Q2, YearSite.Raised, "Green", stage: 2);

        // The partnership challenges Q2's exception report; the lead answers; the partnership accepts it.
        member = await SignInAsync(site.PartnershipMember);
        var q2Exception = await OpenExceptionFromTheBodyAsync(member, Q2);
        await ConsiderAsync(member, "challenge", "How many adults did the taster sessions reach, and what will the winter sessions cost?", "Challenged", "Q2 challenged");
        await lead.VisitAsync($"/exceptions/{q2Exception}");
        await AxeAsync(lead, "challenged");
        await lead.Page.GetByLabel("Your answer to the body's question").FillAsync("About 600 adults; the winter sessions cost 20,000 pounds, met from the partnership's grant.");
        Step("exception_written", site.Lead, "Q2 answered");
        await ClickAndWaitAsync(lead, Button(lead.Page, "Send the answer"));
        await Assertions.Expect(lead.Page.Locator("main")).ToContainTextAsync("About 600 adults");
        await member.VisitAsync($"/exceptions/{q2Exception}");
        await ConsiderAsync(member, "accept", "Accepted: the winter plan and its funding are agreed.", "Accepted", "Q2 accepted");

        // Stage 2: the partnership's agenda flags NI 8 as having no agreed action plan, until the lead records one and agrees it.
        var agenda = await OpenAgendaAsync(member, Q2);
        var agendaItem = member.Page.Locator("#stage-2 + ul li").Filter(new() { HasText = YearSite.Story });
        await Assertions.Expect(agendaItem).ToContainTextAsync("No agreed action plan");
        await lead.VisitAsync("/action-plans");
        await AxeAsync(lead);
        await Assertions.Expect(lead.Page.Locator($"tr[data-indicator='{YearSite.Story}'][data-area='{YearSite.Area}']").First).ToBeVisibleAsync();
        await ChooseAsync(lead.Page, "indicator", YearSite.Story);
        await ChooseAsync(lead.Page, "area", YearSite.Area);
        await FillPostAsync(lead.Page, "period", Q2.Code);
        await lead.Page.GetByLabel("Title of the plan").FillAsync("Winter participation plan");
        Step("action_plan_drafted", site.Lead, "plan drafted");
        await ClickAndWaitAsync(lead, Button(lead.Page, "Record the draft plan"));
        Assert.Matches(new Regex("/action-plans/\\d+$"), lead.Page.Url);
        await AxeAsync(lead);
        await AddActionAsync(lead, "Indoor sessions at the four leisure centres every weekend", "Leisure trusts", "2010-03-31", "high", "action 1");
        await AddActionAsync(lead, "Publicise the sessions through GP surgeries", "Primary care trust", "2010-01-31", "medium", "action 2");
        var milestoneForm = lead.Page.Locator("main form").Filter(new() { Has = Button(lead.Page, "Add the milestone") });
        await milestoneForm.Locator("[name='milestone-action']").SelectOptionAsync(new SelectOptionValue { Label = "Indoor sessions at the four leisure centres every weekend" });
        await milestoneForm.Locator("[name='milestone']").FillAsync("Sessions running at all four centres");
        await milestoneForm.Locator("[name='milestone-due']").FillAsync("2009-12-01");
        Step("action_milestone_saved", site.Lead, "milestone");
        await ClickAndWaitAsync(lead, Button(lead.Page, "Add the milestone"));
        await Assertions.Expect(lead.Page.Locator("main table")).ToContainTextAsync("Sessions running at all four centres");
        await lead.Page.GetByLabel("Who it was agreed with").FillAsync("The Healthier Communities Partnership at its meeting, with the leisure trusts and the primary care trust.");
        Step("action_plan_agreed", site.Lead, "plan agreed");
        await ClickAndWaitAsync(lead, Button(lead.Page, "Agree the plan"));
        await Assertions.Expect(lead.Page.Locator("main")).ToContainTextAsync("Agreed");
        await AxeAsync(lead, "agreed");
        await member.VisitAsync(agenda);
        await Assertions.Expect(agendaItem).Not.ToContainTextAsync("No agreed action plan");
        await Assertions.Expect(agendaItem).ToContainTextAsync("Winter participation plan (agreed)");

        await CloseCycleAsync(assurer, Q2);
        await ExpectLadderChangeAsync(assurer, Q2, YearSite.Story, "Up: Stage 1 to Stage 2");
        await ExpectLadderChangeAsync(assurer, Q2, YearSite.Raised, "Up: Stage 0 to Stage 2");

        // Q3: red again (40 against 44): stage 3.
        (assurer, lead) = await OpenQuarterAsync(Q3, new DateTimeOffset(2010, 1, 11, 9, 0, 0, TimeSpan.Zero));
        var q3Return = await EnterReturnAsync(lead, Q3, "40", "41", "Up a little with the indoor sessions, still below the profile.",
        [
            "The indoor sessions started a month late: the leisure trusts' staff were not in post.",
            "Double the sessions in February and March.",
            "Back on the profile by the end of Q4.",
            "The leisure trusts.",
            "The partnership's grant.",
        ]);
        await AcceptAndSignOffAsync(assurer, Q3, q3Return);
        await ExpectScorecardAsync(assurer, Q3, YearSite.Story, "Red", stage: 3);

        // The executive board clears NI 110's stage: the providers were replaced.
        board = await SignInAsync(site.BoardMember);
        await board.VisitAsync($"/indicators/{Uri.EscapeDataString(YearSite.Raised)}?area={YearSite.Area}");
        await ClickAndWaitAsync(board, board.Page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Clear this stage") }));
        await AxeAsync(board);
        await board.Page.GetByLabel("Why it is cleared").FillAsync("New providers took over the contract in December.");
        Step("ladder_trigger_cleared", site.BoardMember, "NI 110 cleared");
        await ClickAndWaitAsync(board, Button(board.Page, "Clear the stage"));
        await Assertions.Expect(board.Page.Locator("tr[data-trigger]").First).ToContainTextAsync($"By {site.BoardMember.FullName}, from {Q3.DisplayName}: New providers took over the contract in December.");

        // Stage 3: the executive board requests a report of the delivery lead; the lead answers it with a Word document; the board decides.
        await board.VisitAsync("/report-requests");
        await AxeAsync(board);
        await ChooseAsync(board.Page, "indicator", YearSite.Story);
        await ChooseAsync(board.Page, "area", YearSite.Area);
        await FillPostAsync(board.Page, "period", Q3.Code);
        await board.Page.GetByLabel("What the board asks for").FillAsync("The causes of three quarters below the profile, and the options for reaching the year's target.");
        await board.Page.GetByLabel("Email address of the owner").FillAsync(site.Lead.Email);
        await board.Page.GetByLabel("Due", new() { Exact = true }).FillAsync("2010-02-15");
        Step("report_requested", site.BoardMember, "report requested");
        await ClickAndWaitAsync(board, Button(board.Page, "Request the report"));
        var request = Regex.Match(board.Page.Url, "/report-requests/(\\d+)$");
        Assert.True(request.Success, $"Not on a report request's page: {board.Page.Url}");
        await AxeAsync(board);

        await lead.VisitAsync("/report-requests");
        await ClickAndWaitAsync(lead, lead.Page.Locator($"tr[data-request='{request.Groups[1].Value}'] a"));
        await lead.Page.GetByLabel("The causes of the under-performance").FillAsync("A wet summer, a late start to the indoor sessions, and too few sessions for working adults.");
        await lead.Page.GetByLabel("The options for bringing performance back to target").FillAsync("Double the evening sessions; or open the schools' sports halls at weekends; or both.");
        await lead.Page.Locator("#document").SetInputFilesAsync(new FilePayload
        {
            Name = "ni8-report.docx",
            MimeType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Buffer = WordReport("NI 8: the causes and the options", "Three quarters below the profile; two options for Q4."),
        });
        Step("report_answered", site.Lead, "report answered");
        await ClickAndWaitAsync(lead, Button(lead.Page, "Send the report to the board"));
        await Assertions.Expect(lead.Page.Locator("#document-link")).ToBeVisibleAsync();
        await AxeAsync(lead, "answered");

        await board.VisitAsync($"/report-requests/{request.Groups[1].Value}");
        var document = await board.Page.Context.APIRequest.GetAsync($"/report-requests/{request.Groups[1].Value}/document");
        Assert.Equal(200, document.Status);
        Assert.Contains("Three quarters below the profile", ReadWord(await document.BodyAsync()), StringComparison.Ordinal);
        await board.Page.GetByLabel("The decision of the board").FillAsync("Both options: evening sessions and the schools' halls from February.");
        Step("report_considered", site.BoardMember, "report considered");
        await ClickAndWaitAsync(board, Button(board.Page, "Record the decision"));
        await Assertions.Expect(board.Page.Locator("main")).ToContainTextAsync("Both options: evening sessions and the schools' halls from February.");
        await AxeAsync(board, "considered");

        await CloseCycleAsync(assurer, Q3);
        await ExpectLadderChangeAsync(assurer, Q3, YearSite.Story, "Up: Stage 2 to Stage 3");
        await ExpectLadderChangeAsync(assurer, Q3, YearSite.Raised, "Down: Stage 2 to Stage 0");

        // Q4: 46.5 against 46, the year's outturn on target: green, and the stage comes down.
        (assurer, lead) = await OpenQuarterAsync(Q4, new DateTimeOffset(2010, 4, 12, 8, 0, 0, TimeSpan.Zero));
        var q4Return = await EnterReturnAsync(lead, Q4, "46.5", "46.5", "Back on target with the evening sessions and the schools' halls.", null);
        await AcceptAndSignOffAsync(assurer, Q4, q4Return);
        await ExpectScorecardAsync(assurer, Q4, YearSite.Story, "Green", stage: 0);
        await CloseCycleAsync(assurer, Q4);
        await ExpectLadderChangeAsync(assurer, Q4, YearSite.Story, "Down: Stage 3 to Stage 0");
        var q4Change = assurer.Page.Locator($"#ladder-changes tr[data-indicator='{YearSite.Story}'][data-area='{YearSite.Area}']");
        await Assertions.Expect(q4Change).ToContainTextAsync($"Green at {Q4.DisplayName}");

        // Every exception report of NI 8 has closed on the recovery.
        foreach (var id in new[] { q1Exception, q2Exception })
        {
            await assurer.VisitAsync($"/exceptions/{id}");
            await Assertions.Expect(assurer.Page.Locator("main")).ToContainTextAsync($"Green at {Q4.DisplayName}: the status recovered.");
            await AxeAsync(assurer, "closed");
        }

        // The half-yearly report for the first half lists exactly the pairs at stages 2 and 3 at Q2, and its Word download is served.
        board = await SignInAsync(site.BoardMember);
        await board.VisitAsync("/reports/half-yearly?half=2009-10-H1");
        await Assertions.Expect(board.Page.Locator("h1")).ToHaveTextAsync("Half-yearly report: 2009/10 H1");
        await AxeAsync(board);
        var items = await board.Page.Locator("main section[data-item]").EvaluateAllAsync<string[]>("sections => sections.map(s => s.dataset.item)");
        Assert.Equal(new[] { $"{YearSite.Raised}|{YearSite.Area}", $"{YearSite.Story}|{YearSite.Area}" }.Order(StringComparer.Ordinal), items.Order(StringComparer.Ordinal));
        await Assertions.Expect(board.Page.Locator($"section[data-item='{YearSite.Story}|{YearSite.Area}']")).ToContainTextAsync("Winter participation plan");
        var download = await board.Page.RunAndWaitForDownloadAsync(() => board.Page.Locator("#download").ClickAsync());
        var word = ReadWord(await File.ReadAllBytesAsync(await download.PathAsync()));
        Assert.Contains(YearSite.Story, word, StringComparison.Ordinal);
        Assert.Contains(YearSite.Raised, word, StringComparison.Ordinal);
        Assert.DoesNotContain(YearSite.Quiet, word, StringComparison.Ordinal);

        // The auditor finds every step in the audit trail: who, and when.
        var auditor = await SignInAsync(site.Auditor);
        await auditor.VisitAsync("/audit");
        await AxeAsync(auditor);
        foreach (var action in _expected.Select(e => e.Action).Distinct())
        {
            await ExpectAuditAsync(auditor, action);
        }

        await ExpectWorkerAuditAsync(auditor, "ladder_recorded", 4);
        await ExpectWorkerAuditAsync(auditor, "exception_closed", 3);

        foreach (var tab in _tabs)
        {
            tab.AssertEverySubRequestSucceeded();
            tab.AssertNoConsoleErrors();
        }
    }

    /// <summary>
    /// Moves the clock to a quarter's reporting time, imports the background figures, signs the central team and the lead
    /// in afresh (their sessions of the quarter before have long ended), issues the quarter's forms, and runs the worker.
    /// </summary>
    private async Task<(BrowserTab Assurer, BrowserTab Lead)> OpenQuarterAsync(Period quarter, DateTimeOffset at)
    {
        if (site.Clock.GetUtcNow() < at)
        {
            site.MoveTo(at);
        }

        var background = quarter.Code switch
        {
            "2009-10-Q1" => new[] { (YearSite.Raised, "71", "71"), (YearSite.Quiet, "3.9", "14.8") },
            "2009-10-Q2" => [(YearSite.Raised, "72", "72"), (YearSite.Quiet, "3.7", "14.7")],
            "2009-10-Q3" => [(YearSite.Raised, "71", "71.5"), (YearSite.Quiet, "3.6", "14.6")],
            _ => [(YearSite.Raised, "73", "73"), (YearSite.Quiet, "3.5", "14.5")],
        };
        await site.ImportBackgroundFiguresAsync(quarter, background);

        // The central team issues the forms before the worker's daily run would (timetable.issue-forms issues a quarter's
        // forms on its date when no one has): the worker catches up on its daily jobs after.
        var assurer = await SignInAsync(site.Assurer);
        await assurer.VisitAsync($"/timetable?year={YearSite.Year.Code}");
        await AxeAsync(assurer);
        Step("forms_issued", site.Assurer, $"{quarter.Code} forms issued");
        await ClickAndWaitAsync(assurer, Button(assurer.Page, $"Issue forms for {quarter.DisplayName}"));
        await Assertions.Expect(assurer.Page.Locator(".govuk-notification-banner--success")).ToContainTextAsync($"The {quarter.DisplayName} forms are issued");
        Step("returns_issued", null, $"{quarter.Code} returns issued");
        Assert.True(await site.RunDueJobsAsync() >= 1, "The returns.issue job did not run.");
        var lead = await SignInAsync(site.Lead);
        return (assurer, lead);
    }

    /// <summary>The lead's return for the quarter: NI 8's figures, its exception report where the figures call for one, submitted; the return's id.</summary>
    private async Task<int> EnterReturnAsync(BrowserTab lead, Period quarter, string actual, string projected, string note, string[]? exception)
    {
        await lead.VisitAsync("/returns");
        await AxeAsync(lead);
        await ClickAndWaitAsync(lead, lead.Page.GetByRole(AriaRole.Link, new() { Name = $"{quarter.DisplayName} return", Exact = true }));
        var match = Regex.Match(lead.Page.Url, "/returns/(\\d+)$");
        Assert.True(match.Success, $"Not on a return's page: {lead.Page.Url}");
        await AxeAsync(lead);

        await ClickAndWaitAsync(lead, lead.Page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"^{YearSite.Story} ") }));
        await lead.Page.GetByLabel($"Actual for {quarter.DisplayName}").FillAsync(actual);
        await lead.Page.GetByLabel("Projected outturn (the forecast for the year)").FillAsync(projected);
        await lead.Page.GetByLabel("Commentary").FillAsync(note);
        await AxeAsync(lead);
        Step("return_saved", site.Lead, $"{quarter.Code} saved");
        if (exception is not null)
        {
            Step("exception_raised", site.Lead, $"{quarter.Code} exception raised", advance: false);
        }

        await ClickAndWaitAsync(lead, Button(lead.Page, "Save and continue"));
        var movement = lead.Page.GetByLabel("Note on the unusual movement");
        if (await movement.CountAsync() > 0 && await movement.IsVisibleAsync())
        {
            await movement.FillAsync("The evening sessions and the schools' halls brought the adults back.");
            await ClickAndWaitAsync(lead, Button(lead.Page, "Save and continue"));
        }

        Assert.Matches(new Regex("/returns/\\d+$"), lead.Page.Url);
        if (exception is not null)
        {
            // The saved figures call for an exception report: written on the line's page.
            await ClickAndWaitAsync(lead, lead.Page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"^{YearSite.Story} ") }));
            await Assertions.Expect(lead.Page.Locator("main fieldset legend").First).ToContainTextAsync("Exception report");
            await AxeAsync(lead, "with an exception report");
            string[] labels = ["Reason for the variance from target", "Proposed plans to reduce the variance", "Specific timescales for reducing it", "Lead partners", "Resources"];
            for (var i = 0; i < labels.Length; i++)
            {
                await lead.Page.GetByLabel(labels[i], new() { Exact = true }).FillAsync(exception[i]);
            }

            await ClickAndWaitAsync(lead, Button(lead.Page, "Save and continue"));
        }

        await ClickAndWaitAsync(lead, Button(lead.Page, "Check your answers and submit"));
        await Assertions.Expect(lead.Page.Locator("main")).Not.ToContainTextAsync("Still to do");
        Step("return_submitted", site.Lead, $"{quarter.Code} submitted");
        if (exception is not null)
        {
            Step("exception_written", site.Lead, $"{quarter.Code} exception submitted", advance: false);
        }

        await ClickAndWaitAsync(lead, Button(lead.Page, "Submit the return"));
        await Assertions.Expect(lead.Page.Locator("main dl")).ToContainTextAsync("Submitted");
        await AxeAsync(lead, "submitted");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>One administrator accepts the return, another signs it off (four eyes); then the worker's review runs.</summary>
    private async Task AcceptAndSignOffAsync(BrowserTab assurer, Period quarter, int returnId)
    {
        Step("return_accepted", site.Assurer, $"{quarter.Code} accepted");
        await ReviewAsync(assurer, returnId, page => ClickAndWaitAsync(assurer, page.GetByRole(AriaRole.Button, new() { Name = "Accept (quality-assured)" })), "Quality-assured");
        var signer = await SignInAsync(site.Signer);
        Step("return_signed_off", site.Signer, $"{quarter.Code} signed off");
        await ReviewAsync(signer, returnId, page => ClickAndWaitAsync(signer, page.GetByRole(AriaRole.Button, new() { Name = "Sign off", Exact = true })), "Signed off");
        await site.RunDueJobsAsync();
    }

    private async Task ReviewAsync(BrowserTab tab, int returnId, Func<IPage, Task> act, string state)
    {
        await tab.VisitAsync("/returns/dashboard");
        await AxeAsync(tab);
        await ClickAndWaitAsync(tab, tab.Page.Locator($"tr[data-return='{returnId}'] a[href='/returns/{returnId}/review']"));
        await AxeAsync(tab, await tab.Page.Locator("#state").InnerTextAsync());
        await act(tab.Page);
        await Assertions.Expect(tab.Page.Locator("#state")).ToHaveTextAsync(state);
    }

    /// <summary>The central team closes the quarter's cycle on the timetable; the worker then records the ladder and reviews the exceptions.</summary>
    private async Task CloseCycleAsync(BrowserTab assurer, Period quarter)
    {
        await assurer.VisitAsync($"/timetable?year={YearSite.Year.Code}");
        Step("cycle_closed", site.Assurer, $"{quarter.Code} closed");
        await ClickAndWaitAsync(assurer, Button(assurer.Page, $"Close cycle for {quarter.DisplayName}"));
        await Assertions.Expect(assurer.Page.Locator(".govuk-notification-banner--success")).ToContainTextAsync($"The {quarter.DisplayName} cycle is closed");
        Assert.True(await site.RunDueJobsAsync() >= 1, "The jobs queued by closing the cycle did not run.");
    }

    /// <summary>The scorecard at the quarter shows the pair's status and the stage shown.</summary>
    private async Task ExpectScorecardAsync(BrowserTab tab, Period quarter, string indicator, string status, int stage)
    {
        await tab.VisitAsync($"/scorecard?period={quarter.Code}");
        await AxeAsync(tab);
        var row = tab.Page.Locator($"#scorecard tr[data-indicator='{indicator}'][data-area='{YearSite.Area}']");
        await Assertions.Expect(row.Locator("td[data-column='status']")).ToContainTextAsync(status);
        if (stage > 0)
        {
            await Assertions.Expect(row.Locator("td[data-column='ladder']")).ToHaveTextAsync($"Stage {stage}");
        }

        await tab.VisitAsync($"/ladder?period={quarter.Code}");
        await AxeAsync(tab);
        var entry = tab.Page.Locator($"#ladder-entries tr[data-indicator='{indicator}'][data-area='{YearSite.Area}']");
        if (stage == 0)
        {
            await Assertions.Expect(entry).ToHaveCountAsync(0);
        }
        else
        {
            await Assertions.Expect(entry.Locator("td[data-column='stage']")).ToHaveTextAsync(stage.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The ladder's record at the quarter (<c>ladder_changes</c>, on <c>/ladder</c>) holds the pair's movement.</summary>
    private static async Task ExpectLadderChangeAsync(BrowserTab tab, Period quarter, string indicator, string movement)
    {
        await tab.VisitAsync($"/ladder?period={quarter.Code}");
        var change = tab.Page.Locator($"#ladder-changes tr[data-indicator='{indicator}'][data-area='{YearSite.Area}']");
        await Assertions.Expect(change).ToContainTextAsync(movement);
    }

    /// <summary>From the partnership's page to its open exception report for the story's quarter; the report's id.</summary>
    private async Task<int> OpenExceptionFromTheBodyAsync(BrowserTab member, Period quarter)
    {
        await member.VisitAsync($"/bodies/{YearSite.Partnership}");
        await AxeAsync(member);
        // The performance exception's row (not a data-quality one of the same indicator and quarter).
        var link = member.Page.GetByRole(AriaRole.Link, new() { Name = $"{YearSite.Story} in {YearSite.AreaName}, {quarter.DisplayName}", Exact = true });
        await ClickAndWaitAsync(member, member.Page.Locator("#exceptions ~ table tbody tr").Filter(new() { Has = link }).Filter(new() { HasNotText = "Data quality" }).Locator("a"));
        var match = Regex.Match(member.Page.Url, "/exceptions/(\\d+)$");
        Assert.True(match.Success, $"Not on an exception's page: {member.Page.Url}");
        await AxeAsync(member, "submitted");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>The body's member records a consideration on the open exception's page.</summary>
    private async Task ConsiderAsync(BrowserTab member, string decision, string text, string state, string step)
    {
        await member.Page.Locator($"input[name='decision'][value='{decision}']").CheckAsync();
        await member.Page.GetByLabel("Note, question or decision").FillAsync(text);
        Step("exception_considered", site.PartnershipMember, step);
        await ClickAndWaitAsync(member, Button(member.Page, "Record the consideration"));
        await Assertions.Expect(member.Page.Locator("main")).ToContainTextAsync(text);
        await Assertions.Expect(member.Page.Locator("main")).ToContainTextAsync(state);
        await AxeAsync(member, state);
    }

    /// <summary>From the partnership's page to the agenda of its meeting that considers the quarter; the agenda's address.</summary>
    private async Task<string> OpenAgendaAsync(BrowserTab member, Period quarter)
    {
        await member.VisitAsync($"/bodies/{YearSite.Partnership}");
        var meeting = member.Page.Locator("#meetings ~ ul li").Filter(new() { HasText = quarter.DisplayName }).First;
        await ClickAndWaitAsync(member, meeting.Locator("a"));
        await AxeAsync(member);
        return new Uri(member.Page.Url).PathAndQuery;
    }

    private async Task AddActionAsync(BrowserTab lead, string what, string who, string due, string priority, string step)
    {
        var form = lead.Page.Locator("main form").Filter(new() { Has = Button(lead.Page, "Add the action") });
        await form.Locator("[name='what']").FillAsync(what);
        await form.Locator("[name='who']").FillAsync(who);
        await form.Locator("[name='due']").FillAsync(due);
        await form.Locator("[name='priority']").SelectOptionAsync(priority);
        Step("action_saved", site.Lead, step);
        await ClickAndWaitAsync(lead, Button(lead.Page, "Add the action"));
        await Assertions.Expect(lead.Page.Locator("main table")).ToContainTextAsync(what);
    }

    /// <summary>
    /// Fills an indicator or area field of a form: chooses the option for the code when the control is a choice (a
    /// <c>select</c>), types the code otherwise.
    /// </summary>
    private static async Task ChooseAsync(IPage page, string name, string code)
    {
        var control = page.Locator($"main form[method='post'] [name='{name}' i]").First;
        if (await control.EvaluateAsync<string>("e => e.tagName.toLowerCase()") == "select")
        {
            var value = await control.EvaluateAsync<string?>(
                """
                (select, code) => {
                  const escaped = code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
                  const word = new RegExp('(^|[^A-Za-z0-9])' + escaped + '($|[^A-Za-z0-9])');
                  const option = [...select.options].find(o => o.value === code) || [...select.options].find(o => word.test(o.text));
                  return option ? option.value : null;
                }
                """,
                code);
            Assert.True(value is not null, $"The choice '{name}' on {page.Url} has no option for {code}.");
            await control.SelectOptionAsync(value!);
        }
        else
        {
            await control.FillAsync(code);
        }
    }

    private static Task FillPostAsync(IPage page, string name, string value) =>
        page.Locator($"main form[method='post'] [name='{name}' i]").First.FillAsync(value);

    private static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    private async Task<BrowserTab> SignInAsync(QuarterPerson person)
    {
        // Each authenticator code is taken once: a new half-minute for each sign-in.
        site.Clock.Advance(TimeSpan.FromSeconds(30));
        var tab = await site.SignInAsync(person);
        _tabs.Add(tab);
        return tab;
    }

    /// <summary>Moves the site's clock on a minute and notes the moment as the step's, with who takes it (null: the worker).</summary>
    private void Step(string action, QuarterPerson? who, string name, bool advance = true)
    {
        if (advance)
        {
            site.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        _expected.Add((action, who?.Email ?? "worker", site.Clock.GetUtcNow(), name));
        output.WriteLine($"{_watch.Elapsed.TotalSeconds,6:0.0} s  {name}");
    }

    /// <summary>Runs axe on a page the journey has not checked yet: each address (ids aside) in each of its variants once.</summary>
    private async Task AxeAsync(BrowserTab tab, string variant = "")
    {
        var key = Regex.Replace(new Uri(tab.Page.Url).AbsolutePath, "[0-9]+", "{id}") + " " + variant;
        if (_axed.Add(key))
        {
            await tab.AssertNoAxeViolationsAsync();
        }
    }

    private static Task ClickAndWaitAsync(BrowserTab tab, ILocator target) => NavigateAsync(tab, () => target.ClickAsync());

    /// <summary>Does something that loads a new document and waits until that document has loaded (the old one is marked first).</summary>
    private static async Task NavigateAsync(BrowserTab tab, Func<Task> act)
    {
        await tab.Page.EvaluateAsync("() => { window.journeyOldDocument = true; }");
        await act();
        await tab.Page.WaitForFunctionAsync("() => !window.journeyOldDocument && document.readyState === 'complete'");
        await tab.WaitForPageAsync();
    }

    /// <summary>The audit trail filtered to one action holds every expected step of it: by whom, at the step's moment.</summary>
    private async Task ExpectAuditAsync(BrowserTab tab, string action)
    {
        var found = await AuditEntriesAsync(tab, action);
        foreach (var (_, who, at, step) in _expected.Where(e => e.Action == action))
        {
            Assert.True(
                found.Contains((who, YearSite.AuditTime(at))),
                $"The audit trail has no {action} by {who} at {YearSite.AuditTime(at)} ({step}). It has:\n  " + string.Join("\n  ", found.Select(f => $"{f.Who} at {f.At}")));
        }
    }

    /// <summary>The worker's entries of one action: at least this many.</summary>
    private static async Task ExpectWorkerAuditAsync(BrowserTab tab, string action, int atLeast)
    {
        var found = await AuditEntriesAsync(tab, action);
        Assert.True(found.Count(f => f.Who == "worker") >= atLeast, $"Expected at least {atLeast} {action} entries by the worker; found {string.Join(", ", found)}.");
    }

    private static async Task<List<(string Who, string At)>> AuditEntriesAsync(BrowserTab tab, string action)
    {
        await tab.VisitAsync($"/audit?action={action}");
        var rows = tab.Page.Locator($"#audit tr[data-action='{action}']");
        var found = new List<(string Who, string At)>();
        for (var i = await rows.CountAsync() - 1; i >= 0; i--)
        {
            var row = rows.Nth(i);
            found.Add(((await row.Locator("td[data-column='actor']").InnerTextAsync()).Trim(), (await row.Locator("time").GetAttributeAsync("datetime"))!));
        }

        return found;
    }

    /// <summary>A small Word document, as the lead's word processor would save it, through the Open XML SDK.</summary>
    private static byte[] WordReport(string heading, string text)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(
                new Paragraph(new Run(new Text(heading))),
                new Paragraph(new Run(new Text(text)))));
            main.Document.Save();
        }

        return stream.ToArray();
    }

    /// <summary>A Word document's text, read through the Open XML SDK (which fails on a file that is not one).</summary>
    private static string ReadWord(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = WordprocessingDocument.Open(stream, false);
        return document.MainDocumentPart!.Document!.Body!.InnerText;
    }
}
