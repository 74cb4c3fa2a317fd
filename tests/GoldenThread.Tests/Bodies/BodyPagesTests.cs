using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using GoldenThread.Audit;
using GoldenThread.Bodies;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Intervention;
using GoldenThread.Domain.Timetable;
using GoldenThread.Exceptions;
using GoldenThread.Intervention;
using GoldenThread.Notices;
using GoldenThread.Pages.Bodies;
using GoldenThread.Scorecard;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Timetable;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GoldenThread.Tests.Bodies;

/// <summary>
/// The bodies pages (issue 11, item 1) and My tasks' notices (item 6) on the demonstration: the list of bodies, a body's
/// business with the ladder as the scorecard gives it (computed combined with manual), naming a chair and a secretary
/// from the members (administrators only, audited), a meeting's agenda (the executive board's includes the thematic
/// partnerships'), and a person's open notices, each marked done by its own person only.
/// </summary>
public abstract class BodyPagesTests(WebTestHost host)
{
    private static readonly SemaphoreSlim Seeding = new(1, 1);

    [Fact]
    public async Task BodiesList_ShowsEveryBody_WithKindWhatItEscalatesTo_AndItsOpenExceptions()
    {
        var seeded = await SeedAsync();
        using var member = await host.SignInAsync(Role.BodyMember);
        var page = await GetAsync(member, "/bodies");

        var rows = page.QuerySelectorAll("tbody tr").Select(r => r.Children.Select(c => Words(c.TextContent)).ToList()).ToList();
        await using var db = host.Database.Open();
        Assert.Equal(await db.Bodies.CountAsync(), rows.Count);
        var ssc = rows.Single(r => r[0] == "Safer and Stronger Communities Partnership");
        Assert.Equal(["Thematic partnership", "Wessexshire Executive Board"], ssc[1..3]);
        var open = await db.ExceptionReports.CountAsync(e => e.BodyId == seeded.SscId && e.State != ExceptionState.Closed);
        Assert.Equal(open.ToString(System.Globalization.CultureInfo.InvariantCulture), ssc[5]);
        Assert.Equal("Nobody above it", rows.Single(r => r[0] == "Wessexshire Strategic Board")[2]);
        Assert.NotNull(page.QuerySelector("nav a[href='/bodies']"));
    }

    [Fact]
    public async Task BodyPage_ShowsMembers_OpenExceptions_AndEachPairsStage_AsTheScorecardGivesIt_WithTheManualTrigger()
    {
        var seeded = await SeedAsync();
        using var member = await host.SignInAsync(Role.BodyMember);
        var page = await GetAsync(member, "/bodies/SSC");

        Assert.Contains(page.QuerySelectorAll("#members ~ ul li").Select(li => Words(li.TextContent)), m => m.StartsWith("Bea Collins", StringComparison.Ordinal));
        Assert.Contains(page.QuerySelectorAll("#exceptions ~ table a").Select(a => a.GetAttribute("href")), h => h == $"/exceptions/{seeded.ExceptionId}");

        var clock = host.App.Services.GetRequiredService<ReportingClock>();
        await using var db = host.Database.Open();
        var period = await clock.CurrentPeriodAsync(db, CancellationToken.None);
        var scorecard = await ScorecardQuery.RunAsync(db, new ScorecardFilter(period, BodyCode: "SSC"), await ToleranceSetting.CurrentAsync(db, CancellationToken.None), CancellationToken.None);
        var areas = await db.Areas.ToDictionaryAsync(a => a.Code, a => a.Name);
        var expected = scorecard.Entries
            .Select(e => (e.Indicator, areas[e.Area], BodyLinks.Stage(e.Assessment.LadderStage, e.Assessment.LadderStage > e.Assessment.ComputedLadderStage)))
            .Order()
            .ToList();
        var shown = page.QuerySelectorAll("#indicators ~ table tbody tr")
            .Select(r => (r.QuerySelector("th a")!.TextContent.Trim(), Words(r.Children[1].TextContent), Words(r.Children[3].TextContent)))
            .Order()
            .ToList();
        Assert.Equal(expected, shown);
        Assert.Contains(shown, s => s == (seeded.TriggerIndicator, seeded.TriggerAreaName, "Stage 3 (set by hand)"));
        Assert.Contains(page.QuerySelectorAll("#stage-3 + ul li").Select(li => Words(li.TextContent)), li => li.Contains(seeded.TriggerAreaName, StringComparison.Ordinal));
        Assert.Null(page.QuerySelector($"a[href='/bodies/SSC/edit']"));
    }

    [Fact]
    public async Task Administrator_NamesTheChairAndSecretary_FromTheMembers_Audited_AndSomeoneElseIsRefused()
    {
        await SeedAsync();
        using var admin = await host.SignInAsync(Role.Administrator);
        await using var before = host.Database.Open();
        var bea = await before.People.SingleAsync(p => p.Email == host.Account(Role.BodyMember).Email);
        var owen = await before.People.SingleAsync(p => p.Email == host.Account(Role.IndicatorOwner).Email);

        using var refused = await Forms.PostAsync(admin, "/bodies/CYP/edit", [new("chair", owen.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("secretary", "")]);
        var refusedPage = await new HtmlParser().ParseDocumentAsync(await refused.Content.ReadAsStringAsync());
        var id = bea.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var saved = await Forms.PostAsync(admin, "/bodies/SSC/edit", [new("chair", id), new("secretary", id)]);
        var page = await new HtmlParser().ParseDocumentAsync(await saved.Content.ReadAsStringAsync());

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Choose the chair from the body's active members", refusedPage.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("/bodies/SSC", saved.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(["Bea Collins", "Bea Collins"], page.QuerySelectorAll("#officers .govuk-summary-list__value").Skip(1).Select(d => Words(d.TextContent)));
        await using var db = host.Database.Open();
        var body = await db.Bodies.SingleAsync(b => b.Code == "SSC");
        Assert.Equal((bea.Id, bea.Id), (body.ChairId, body.SecretaryId));
        Assert.Null((await db.Bodies.SingleAsync(b => b.Code == "CYP")).ChairId);
        var entry = await db.AuditEntries.Where(e => e.Action == AuditActions.BodyOfficersNamed).OrderBy(e => e.Id).LastAsync();
        Assert.Equal("Safer and Stronger Communities Partnership (SSC): chair from nobody to Bea Collins; secretary from nobody to Bea Collins.", entry.Detail);
    }

    [Fact]
    public async Task Agenda_ListsTheExceptionAwaitingThePartnership_AndTheExecutiveBoardsAgendaToo_ButNotAnotherPartnerships()
    {
        var seeded = await SeedAsync();
        using var member = await host.SignInAsync(Role.BodyMember);

        var ssc = await GetAsync(member, BodyLinks.Meeting("SSC", seeded.ThematicMeeting));
        var web = await GetAsync(member, BodyLinks.Meeting("WEB", seeded.ExecutiveMeeting));
        var cyp = await GetAsync(member, BodyLinks.Meeting("CYP", seeded.ThematicMeeting));
        var body = await GetAsync(member, "/bodies/SSC");

        var link = $"a[href='/exceptions/{seeded.ExceptionId}']";
        Assert.NotNull(ssc.QuerySelector($"#exceptions + ul {link}"));
        Assert.NotNull(web.QuerySelector($"#exceptions + ul {link}"));
        Assert.Null(cyp.QuerySelector(link));
        Assert.Contains(web.QuerySelectorAll("main p"), p => p.TextContent.Contains("Safer and Stronger Communities Partnership", StringComparison.Ordinal));
        Assert.Contains(web.QuerySelectorAll("#triggers + ul li").Select(li => Words(li.TextContent)), li => li.Contains("stage 3 set by", StringComparison.Ordinal));
        var stageTwo = ssc.QuerySelectorAll("#stage-2 + ul li").Select(li => Words(li.TextContent)).ToList();
        Assert.Contains(stageTwo, li => li.StartsWith(seeded.StageTwoIndicator + " ", StringComparison.Ordinal) && li.Contains($"in {seeded.StageTwoAreaName}: No agreed action plan", StringComparison.Ordinal));
        var stageThree = ssc.QuerySelectorAll("#stage-3 + ul li").Select(li => Words(li.TextContent)).ToList();
        Assert.Contains(stageThree, li => li.StartsWith(seeded.TriggerIndicator + " ", StringComparison.Ordinal) && li.Contains($"in {seeded.TriggerAreaName}: report of Lee Turner due 10 January 2030: requested, not yet answered.", StringComparison.Ordinal));
        Assert.Contains(body.QuerySelectorAll("#meetings ~ ul a").Select(a => a.GetAttribute("href")), h => h == BodyLinks.Meeting("SSC", seeded.ThematicMeeting));
        // The body's exceptions in one place for its next meeting: its open ones by default, and not another partnership's.
        Assert.NotNull((await GetAsync(member, "/exceptions?body=SSC")).QuerySelector(link));
        Assert.Null((await GetAsync(member, "/exceptions?body=CYP")).QuerySelector(link));
        await GetAsync(member, "/bodies/SSC/meetings/1999-01-01", expected: 404);
        await GetAsync(member, "/bodies/NOPE", expected: 404);
    }

    [Fact]
    public async Task MyTasks_ListsThePersonsOpenNotices_AndEachIsMarkedDoneByItsPersonOnly()
    {
        await SeedAsync();
        await using (var db = host.Database.Open(tracking: true))
        {
            var bea = await db.People.SingleAsync(p => p.Email == host.Account(Role.BodyMember).Email);
            var lee = await db.People.SingleAsync(p => p.Email == host.Account(Role.DeliveryLead).Email);
            var board = new NoticeBoard(db, TimeProvider.System);
            await board.RaiseAsync(
            [
                new(bea.Id, NoticeKind.ExceptionToConsider, "Exception report to consider: NI 15 in Hartmere", "Submitted with the return.", "/exceptions/1", $"tasks-test:bea:{Guid.NewGuid():N}"),
                new(lee.Id, NoticeKind.ExceptionToWrite, "Exception report needed: NI 15 in Hartmere", null, "/exceptions/1", $"tasks-test:lee:{Guid.NewGuid():N}"),
            ]);
            await db.SaveChangesAsync();
        }

        await using var read = host.Database.Open();
        var beas = await read.Notices.Where(n => n.Key.StartsWith("tasks-test:bea:")).OrderBy(n => n.Id).LastAsync();
        var lees = await read.Notices.Where(n => n.Key.StartsWith("tasks-test:lee:")).OrderBy(n => n.Id).LastAsync();
        using var member = await host.SignInAsync(Role.BodyMember);
        var page = await GetAsync(member, "/tasks");
        var items = page.QuerySelectorAll("ul[aria-labelledby='notices'] > li").Select(li => li.Id).ToList();

        using var othersDone = await Forms.PostAsync(member, "/tasks", [new("notice", lees.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))], "/tasks?handler=Done");
        using var ownDone = await Forms.PostAsync(member, "/tasks", [new("notice", beas.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))], "/tasks?handler=Done");
        var after = await new HtmlParser().ParseDocumentAsync(await ownDone.Content.ReadAsStringAsync());

        Assert.Contains($"notice-{beas.Id}", items);
        Assert.DoesNotContain($"notice-{lees.Id}", items);
        Assert.Equal("/exceptions/1", page.QuerySelector($"#notice-{beas.Id} a")!.GetAttribute("href"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, othersDone.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, ownDone.StatusCode);
        Assert.Null(after.QuerySelector($"#notice-{beas.Id}"));
        Assert.Contains("Marked as done: Exception report to consider", after.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        await using var check = host.Database.Open();
        Assert.NotNull((await check.Notices.SingleAsync(n => n.Id == beas.Id)).DoneAt);
        Assert.Null((await check.Notices.SingleAsync(n => n.Id == lees.Id)).DoneAt);
    }

    [Fact]
    public async Task BodyPage_SaysWhatWaitsOnTheBody_InCountsLinkingToTheLists_AndTheReadersNoticesAboutItsBusinessOnly()
    {
        var seeded = await SeedAsync();
        var clock = host.App.Services.GetRequiredService<ReportingClock>();
        int ssc, elsewhere, elsewhereArea;
        string elsewhereBody;
        var tag = Guid.NewGuid().ToString("N");
        await using (var db = host.Database.Open(tracking: true))
        {
            var bea = await db.People.SingleAsync(p => p.Email == host.Account(Role.BodyMember).Email);
            ssc = seeded.SscId;
            var other = await db.Indicators.Where(i => i.BodyId != null && i.BodyId != ssc).OrderBy(i => i.Id).FirstAsync();
            (elsewhere, elsewhereBody) = (other.Id, await db.Bodies.Where(b => b.Id == other.BodyId).Select(b => b.Code).SingleAsync());
            elsewhereArea = await db.Areas.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
            await new NoticeBoard(db, TimeProvider.System).RaiseAsync(
            [
                new(bea.Id, NoticeKind.ExceptionToConsider, "Exception report to consider: ours", null, $"/exceptions/{seeded.ExceptionId}", $"exception:{seeded.ExceptionId}:consider:{tag}"),
                new(bea.Id, NoticeKind.StageChanged, "Ladder stage up: theirs", null, "/ladder", $"stage:{elsewhere}:{elsewhereArea}:{tag}"),
            ]);
            await db.SaveChangesAsync();
        }

        using var member = await host.SignInAsync(Role.BodyMember);
        var page = await GetAsync(member, "/bodies/SSC");
        var theirs = await GetAsync(member, $"/bodies/{elsewhereBody}");

        await using var read = host.Database.Open();
        var period = await clock.CurrentPeriodAsync(read, CancellationToken.None);
        var codes = await read.Indicators.Where(i => i.BodyId == ssc).Select(i => i.Code).ToListAsync();
        var toConsider = await read.ExceptionReports.CountAsync(e => e.BodyId == ssc && e.State == ExceptionState.Submitted);
        var withoutPlan = (await GoldenThread.Actions.ActionPlanFlags.MissingAsync(read, period, CancellationToken.None)).Count(m => codes.Contains(m.IndicatorCode));
        var notAnswered = await read.ReportRequests.CountAsync(r => r.State == ReportRequestState.Requested && read.Indicators.Any(i => i.Id == r.IndicatorId && i.BodyId == ssc));
        Assert.True(toConsider > 0 && notAnswered > 0, "The seed should leave an exception to consider and a report not answered.");

        Assert.Equal($"{toConsider} exception {(toConsider == 1 ? "report" : "reports")} awaiting consideration", Words(page.QuerySelector("li[data-waiting='exceptions-to-consider']")!.TextContent));
        Assert.Equal("/exceptions?body=SSC&state=submitted", page.QuerySelector("li[data-waiting='exceptions-to-consider'] a")!.GetAttribute("href"));
        Assert.StartsWith($"{notAnswered} stage 3 ", Words(page.QuerySelector("li[data-waiting='reports-not-answered']")!.TextContent), StringComparison.Ordinal);
        if (withoutPlan > 0)
        {
            Assert.Equal($"{withoutPlan} stage 2 {(withoutPlan == 1 ? "indicator" : "indicators")} without an agreed action plan", Words(page.QuerySelector("li[data-waiting='stage-two-without-plan']")!.TextContent));
            Assert.Equal("/action-plans?missing=1", page.QuerySelector("li[data-waiting='stage-two-without-plan'] a")!.GetAttribute("href"));
        }
        else
        {
            Assert.Null(page.QuerySelector("li[data-waiting='stage-two-without-plan']"));
        }

        var ours = page.QuerySelectorAll("ul[aria-labelledby='my-notices'] a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Contains("Exception report to consider: ours", ours);
        Assert.DoesNotContain("Ladder stage up: theirs", ours);
        Assert.Contains("Ladder stage up: theirs", theirs.QuerySelectorAll("ul[aria-labelledby='my-notices'] a").Select(a => a.TextContent.Trim()));
        Assert.DoesNotContain("Exception report to consider: ours", theirs.QuerySelectorAll("ul[aria-labelledby='my-notices'] a").Select(a => a.TextContent.Trim()));
        // The kind of each notice is said in words, not by colour alone.
        var item = page.QuerySelectorAll("ul[aria-labelledby='my-notices'] li").Single(li => li.TextContent.Contains("ours", StringComparison.Ordinal));
        Assert.Equal("Exception report to consider", item.QuerySelector(".govuk-tag")!.TextContent.Trim());
    }

    [Fact]
    public void NoticeKeys_AreReadForWhatTheyAreAbout()
    {
        Assert.Equal(("exception", 12), BodyWaiting.Parse("exception:12:write:7"));
        Assert.Equal(("stage", 3), BodyWaiting.Parse("stage:3:4:2009-10-Q2:2:7"));
        Assert.Equal(("plan-needed", 5), BodyWaiting.Parse("plan-needed:5:6:2009-10-Q2:7"));
        Assert.Equal(("", 0), BodyWaiting.Parse("tasks-test:bea:1"));
    }

    private static async Task<IHtmlDocument> GetAsync(HttpClient client, string path, int expected = 200)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True((int)response.StatusCode == expected, $"GET {path}: expected {expected}, got {(int)response.StatusCode}");
        return await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    private static string Words(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private sealed record Seeded(
        int SscId, int ExceptionId, DateOnly ThematicMeeting, DateOnly ExecutiveMeeting, string TriggerIndicator, string TriggerAreaName, string StageTwoIndicator, string StageTwoAreaName);

    /// <summary>
    /// Once per host: a data-quality exception of an SSC indicator submitted to SSC, a manual stage 3 on another SSC pair
    /// from the current period, and a thematic and an executive meeting for the current period in the timetable.
    /// </summary>
    private async Task<Seeded> SeedAsync()
    {
        await Seeding.WaitAsync();
        try
        {
            await using var db = host.Database.Open(tracking: true);
            var ssc = await db.Bodies.SingleAsync(b => b.Code == "SSC");
            var existing = await db.ExceptionReports.Where(e => e.Kind == ExceptionKind.DataQuality && e.Cause == DataQualityCause.QueriedRepeatedly && e.BodyId == ssc.Id).Select(e => (int?)e.Id).FirstOrDefaultAsync();
            var period = await host.App.Services.GetRequiredService<ReportingClock>().CurrentPeriodAsync(db, CancellationToken.None);
            var indicators = await db.Indicators.Where(i => i.BodyId == ssc.Id).OrderBy(i => i.Id).ToListAsync();
            var area = await db.Areas.OrderBy(a => a.Id).FirstAsync();
            var scorecard = await ScorecardQuery.RunAsync(db, new ScorecardFilter(period, BodyCode: "SSC"), await ToleranceSetting.CurrentAsync(db, CancellationToken.None), CancellationToken.None);
            var target = scorecard.Entries.First(e => e.Assessment.ComputedLadderStage < 3);
            var targetArea = await db.Areas.SingleAsync(a => a.Code == target.Area);
            var second = scorecard.Entries.First(e => e.Assessment.ComputedLadderStage < 2 && (e.Indicator, e.Area) != (target.Indicator, target.Area));
            var secondArea = await db.Areas.SingleAsync(a => a.Code == second.Area);
            if (existing is null)
            {
                var exception = new ExceptionReport
                {
                    IndicatorId = indicators[0].Id,
                    AreaId = area.Id,
                    Period = period.Code,
                    Status = Status.NoData,
                    Kind = ExceptionKind.DataQuality,
                    Cause = DataQualityCause.QueriedRepeatedly,
                    State = ExceptionState.Submitted,
                    BodyId = ssc.Id,
                    RaisedAt = DateTimeOffset.UtcNow,
                    UpdatedAt = DateTimeOffset.UtcNow,
                };
                db.ExceptionReports.Add(exception);
                var targetIndicator = await db.Indicators.SingleAsync(i => i.Code == target.Indicator);
                db.LadderTriggers.Add(new LadderTrigger
                {
                    IndicatorId = targetIndicator.Id,
                    AreaId = targetArea.Id,
                    Stage = 3,
                    FromPeriod = period.Code,
                    Reason = "the inspection found the service failing",
                    Evidence = "Inspection report, October 2009",
                    RaisedAt = DateTimeOffset.UtcNow,
                    RaisedBy = "Alex Morgan",
                });
                db.LadderTriggers.Add(new LadderTrigger
                {
                    IndicatorId = (await db.Indicators.SingleAsync(i => i.Code == second.Indicator)).Id,
                    AreaId = secondArea.Id,
                    Stage = 2,
                    FromPeriod = period.Code,
                    Reason = "a second quarter off trajectory",
                    Evidence = "The quarter's figures",
                    RaisedAt = DateTimeOffset.UtcNow,
                    RaisedBy = "Alex Morgan",
                });
                db.ReportRequests.Add(new ReportRequest
                {
                    IndicatorId = targetIndicator.Id,
                    AreaId = targetArea.Id,
                    Period = period.Code,
                    State = ReportRequestState.Requested,
                    Request = "The causes and the options for recovery",
                    OwnerId = (await db.People.SingleAsync(p => p.Email == host.Account(Role.DeliveryLead).Email)).Id,
                    DueOn = new DateOnly(2030, 1, 10),
                    RequestedAt = DateTimeOffset.UtcNow,
                    RequestedBy = "Alex Morgan",
                });
                foreach (var (milestone, day) in new[] { (Milestone.ThematicMeetings, 1), (Milestone.ExecutiveMeeting, 20) })
                {
                    if (!await db.TimetableMilestones.AnyAsync(m => m.Period == period.Code && m.Milestone == milestone))
                    {
                        db.TimetableMilestones.Add(new TimetableMilestone { Period = period.Code, Milestone = milestone, Date = new DateOnly(2030, 1, day) });
                    }
                }

                await db.SaveChangesAsync();
                existing = exception.Id;
            }

            var meetings = await db.TimetableMilestones.Where(m => m.Period == period.Code).ToListAsync();
            return new Seeded(
                ssc.Id,
                existing.Value,
                meetings.Single(m => m.Milestone == Milestone.ThematicMeetings).Date,
                meetings.Single(m => m.Milestone == Milestone.ExecutiveMeeting).Date,
                target.Indicator,
                targetArea.Name,
                second.Indicator,
                secondArea.Name);
        }
        finally
        {
            Seeding.Release();
        }
    }
}

public sealed class BodyPagesOnSqliteTests(WebTestHost host) : BodyPagesTests(host), IClassFixture<WebTestHost>;

public sealed class BodyPagesOnPostgresTests(PostgresWebTestHost host) : BodyPagesTests(host), IClassFixture<PostgresWebTestHost>;
