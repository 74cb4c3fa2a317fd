using System.Globalization;
using System.Net;
using AngleSharp.Html.Parser;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Periods;
using GoldenThread.Domain.Timetable;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Timetable;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Tests.Timetable;

/// <summary>
/// The timetable's pages over the demonstration (whose reporting date is 16 November 2009): the public page and feed,
/// the central team's generating, editing and cycle actions, and the home page following the current period.
/// </summary>
public abstract class TimetablePagesTests(WebTestHost host) : IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await using var db = host.Database.Open(tracking: true);
        if (!await db.TimetableMilestones.AnyAsync())
        {
            await new TimetableEditor(db, new AuditLog(db, TimeProvider.System)).GenerateYearAsync(Period.Parse("2009-10"), AuditActor.CommandLine, default);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TimetablePage_ForThePublic_ShowsTheYearsDatesInWords_WithoutTheCycleActions()
    {
        using var publicClient = host.NewClient();

        using var response = await publicClient.GetAsync(new Uri("/timetable", UriKind.Relative));
        var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Reporting timetable", page.QuerySelector("main h1")?.TextContent.Trim());
        var q1 = page.QuerySelector("h2[id='2009-10-Q1']")!.NextElementSibling!;
        var deadline = q1.QuerySelectorAll("tr").Single(r => r.QuerySelector("th")?.TextContent.Trim() == Milestones.Name(Milestone.ReturnDeadline));
        Assert.Equal("Wednesday 15 July 2009", deadline.QuerySelector("td")?.TextContent.Trim());
        var window = q1.QuerySelectorAll("tr").Single(r => r.QuerySelector("th")?.TextContent.Trim() == Milestones.Name(Milestone.ReturnWindow));
        Assert.Equal("Tuesday 30 June 2009 to Wednesday 15 July 2009", window.QuerySelector("td")?.TextContent.Trim());
        Assert.Empty(page.QuerySelectorAll("main form"));
        Assert.NotNull(page.QuerySelector("main a[href='/timetable.ics']"));
    }

    [Fact]
    public async Task CalendarFeed_ForThePublic_IsICalendarWithOneEventPerMilestone()
    {
        using var publicClient = host.NewClient();

        using var response = await publicClient.GetAsync(new Uri("/timetable.ics", UriKind.Relative));
        var calendar = Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(54, calendar.Events.Count(e => e.Uid!.StartsWith("2009-10-", StringComparison.Ordinal)));
        Assert.Contains(calendar.Events, e => e.Uid == $"2009-10-Q1-return_deadline@{host.BaseAddress.Host}");
    }

    [Fact]
    public async Task TimetablePage_BadYear_IsABadRequestWithTheMessage()
    {
        using var response = await host.Client.GetAsync(new Uri("/timetable?year=2009-99", UriKind.Relative));
        var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("There is no year '2009-99'", page.QuerySelector(".govuk-error-summary")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditPage_ChangedDate_IsSavedAudited_AndShownOnTheTimetable()
    {
        using var officer = await host.SignInAsync(Role.PerformanceOfficer);
        var (form, _) = await Forms.ReadAsync(officer, "/timetable/2009-10-Q4/edit");
        var fields = form.QuerySelectorAll("main form input[type=text]")
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""))
            .Select(f => f.Key switch
            {
                "scrutiny_meeting-day" => new KeyValuePair<string, string>(f.Key, "9"),
                "scrutiny_meeting-month" => new KeyValuePair<string, string>(f.Key, "7"),
                "scrutiny_meeting-year" => new KeyValuePair<string, string>(f.Key, "2010"),
                _ => f,
            })
            .ToList();

        using var response = await Forms.PostAsync(officer, "/timetable/2009-10-Q4/edit", fields);
        var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1 date of 2009/10 Q4 changed.", page.QuerySelector(".govuk-notification-banner--success p")?.TextContent.Trim());
        await using var db = host.Database.Open();
        var row = await db.TimetableMilestones.SingleAsync(m => m.Period == "2009-10-Q4" && m.Milestone == Milestone.ScrutinyMeeting);
        Assert.Equal((new DateOnly(2010, 7, 9), true, 1), (row.Date, row.Edited, row.Sequence));
        var entry = await db.AuditEntries.Where(e => e.Action == AuditActions.TimetableEdited).OrderByDescending(e => e.Id).FirstAsync();
        Assert.Equal(host.Account(Role.PerformanceOfficer).Email, entry.ActorName);
        Assert.EndsWith("to Friday 9 July 2010.", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditPage_AsksForEachDateAsDayMonthAndYear_FilledFromTheStoredDate()
    {
        using var officer = await host.SignInAsync(Role.PerformanceOfficer);
        var (page, _) = await Forms.ReadAsync(officer, "/timetable/2009-10-Q4/edit");
        await using var db = host.Database.Open();
        var stored = await db.TimetableMilestones.SingleAsync(m => m.Period == "2009-10-Q4" && m.Milestone == Milestone.ScrutinyMeeting);

        var group = page.QuerySelector("#scrutiny_meeting")!;
        Assert.Equal("govuk-date-input", group.ClassName);
        Assert.Equal(["Day", "Month", "Year"], group.QuerySelectorAll("label").Select(l => l.TextContent.Trim()));
        Assert.Equal(
            [stored.Date.Day.ToString(CultureInfo.InvariantCulture), stored.Date.Month.ToString(CultureInfo.InvariantCulture), stored.Date.Year.ToString(CultureInfo.InvariantCulture)],
            group.QuerySelectorAll("input").Select(i => i.GetAttribute("value")));
        Assert.Equal("numeric", group.QuerySelector("input")!.GetAttribute("inputmode"));
        Assert.NotNull(group.Closest("fieldset[role=group]")?.QuerySelector("legend"));
    }

    [Fact]
    public async Task EditPage_BadDate_IsRefusedAtItsField_AndNothingChanges()
    {
        using var officer = await host.SignInAsync(Role.PerformanceOfficer);
        await using var db = host.Database.Open();
        var before = await db.TimetableMilestones.Where(m => m.Period == "2009-10-Q1").Select(m => new { m.Milestone, m.Date, m.Sequence }).ToListAsync();

        using var response = await Forms.PostAsync(officer, "/timetable/2009-10-Q1/edit",
        [
            new("return_deadline-day", "15"), new("return_deadline-month", "13"), new("return_deadline-year", "2009"),
            new("forms_issued-day", "16"), new("forms_issued-month", "6"), new("forms_issued-year", ""),
        ]);
        var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Error: Deadline for all returns: the date must be a real date", page.QuerySelector("#return_deadline-error")?.TextContent.Trim());
        // The error summary links to the first field at fault; only the fields at fault are marked.
        Assert.Equal("Deadline for all returns: the date must be a real date", page.QuerySelector(".govuk-error-summary a[href='#return_deadline-month']")?.TextContent.Trim());
        Assert.Equal(["return_deadline-month"], page.QuerySelectorAll("#return_deadline .govuk-input--error").Select(i => i.Id));
        Assert.Equal("15", page.QuerySelector("#return_deadline-day")?.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector(".govuk-error-summary a[href='#forms_issued-year']"));
        Assert.EndsWith("must include a year", page.QuerySelector("#forms_issued-error")?.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(
            before.Select(b => (b.Milestone, b.Date, b.Sequence)).Order(),
            (await db.TimetableMilestones.Where(m => m.Period == "2009-10-Q1").Select(m => new { m.Milestone, m.Date, m.Sequence }).ToListAsync()).Select(b => (b.Milestone, b.Date, b.Sequence)).Order());
    }

    [Fact]
    public async Task PatternPage_GenerateAYear_FillsItsQuarters()
    {
        using var officer = await host.SignInAsync(Role.PerformanceOfficer);

        using var response = await Forms.PostAsync(officer, "/timetable/pattern", [new("year", "2010-11")], action: "/timetable/pattern?handler=generate");
        var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Generated the timetable for 2010/11 from the pattern: 54 added, 0 changed, 0 unchanged, 0 kept as edited by hand, 0 removed.", page.QuerySelector(".govuk-notification-banner--success p")?.TextContent.Trim());
        Assert.Equal("2010/11", page.QuerySelector("main .govuk-caption-xl")?.TextContent.Trim());
    }

    [Fact]
    public async Task PatternPage_SpanEndingBeforeItStarts_IsRefusedAtTheMilestone()
    {
        using var officer = await host.SignInAsync(Role.PerformanceOfficer);
        var fields = TimetablePattern.Default.Rules.SelectMany(r => Fields(r.Milestone == Milestone.ThematicMeetings ? r with { StartOffset = 30 } : r)).ToList();

        using var response = await Forms.PostAsync(officer, "/timetable/pattern", fields, action: "/timetable/pattern?handler=save");
        var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("starts (30) after it ends (26)", page.QuerySelector("#thematic_meetings-ends-error")?.TextContent, StringComparison.Ordinal);
        await using var db = host.Database.Open();
        Assert.Empty(await db.TimetablePattern.ToListAsync());
    }

    [Fact]
    public async Task EveryForm_OnTheTimetablePages_CarriesItsOwnAntiforgeryToken()
    {
        // A browser posts the form it is in, so each form needs its own token: without one, "Issue forms" answered 400.
        using var officer = await host.SignInAsync(Role.PerformanceOfficer);
        foreach (var path in new[] { "/timetable", "/timetable/pattern" })
        {
            var (page, _) = await Forms.ReadAsync(officer, path);
            var forms = page.QuerySelectorAll("main form[method='post']");
            Assert.NotEmpty(forms);
            Assert.All(forms, form => Assert.True(
                form.QuerySelector($"input[name='{Forms.TokenField}']") is not null,
                $"The form posting to {form.GetAttribute("action")} on {path} has no anti-forgery token."));
        }
    }

    [Fact]
    public async Task IssueForms_FromTheTimetablePage_OpensTheCycle_AndTheHomePageFollowsIt()
    {
        using var officer = await host.SignInAsync(Role.PerformanceOfficer);
        var (timetable, _) = await Forms.ReadAsync(officer, "/timetable");
        Assert.NotNull(timetable.QuerySelector("form[action='/timetable/2009-10-Q3/cycle?handler=issue']"));
        Assert.Null(timetable.QuerySelector("form[action='/timetable/2009-10-Q3/cycle?handler=close']"));

        using var issued = await Forms.PostAsync(officer, "/timetable", [], action: "/timetable/2009-10-Q3/cycle?handler=issue");
        var after = await new HtmlParser().ParseDocumentAsync(await issued.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        Assert.StartsWith("The 2009/10 Q3 forms are issued.", after.QuerySelector(".govuk-notification-banner--success p")?.TextContent.Trim(), StringComparison.Ordinal);
        Assert.NotNull(after.QuerySelector("form[action='/timetable/2009-10-Q3/cycle?handler=close']"));
        var (home, _) = await Forms.ReadAsync(officer, "/");
        Assert.Equal("2009/10 Q3, the current period", home.QuerySelector("main .govuk-caption-xl")?.TextContent.Trim());

        using var closed = await Forms.PostAsync(officer, "/timetable", [], action: "/timetable/2009-10-Q3/cycle?handler=close");
        var (homeAfter, _) = await Forms.ReadAsync(officer, "/");
        Assert.Equal("2009/10 Q2, the current period", homeAfter.QuerySelector("main .govuk-caption-xl")?.TextContent.Trim());
        await using var db = host.Database.Open();
        Assert.True(await db.Jobs.AnyAsync(j => j.Kind == "returns.issue" && j.UniqueKey == "returns.issue:2009-10-Q3"));
        Assert.Equal(2, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.FormsIssued || e.Action == AuditActions.CycleClosed));
    }

    [Theory]
    [InlineData(Role.IndicatorOwner)]
    [InlineData(Role.Auditor)]
    public async Task TimetablePage_ForOthers_HasNoCycleActions(Role role)
    {
        using var client = await host.SignInAsync(role);

        var (page, _) = await Forms.ReadAsync(client, "/timetable");

        Assert.Empty(page.QuerySelectorAll("main form"));
        Assert.Empty(page.QuerySelectorAll("main a[href$='/edit']"));
    }

    private static IEnumerable<KeyValuePair<string, string>> Fields(MilestoneRule rule)
    {
        var word = Domain.Codes.Of(rule.Milestone);
        yield return new($"{word}-starts", rule.StartOffset?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
        yield return new($"{word}-ends", rule.EndOffset.ToString(System.Globalization.CultureInfo.InvariantCulture));
        for (var i = 1; i <= 4; i++)
        {
            if ((rule.Quarters & (QuarterSet)(1 << (i - 1))) != 0)
            {
                yield return new($"{word}-quarters", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }
}

/// <summary>On SQLite.</summary>
public sealed class TimetablePagesOnSqliteTests(WebTestHost host) : TimetablePagesTests(host), IClassFixture<WebTestHost>;

/// <summary>On PostgreSQL.</summary>
public sealed class TimetablePagesOnPostgresTests(PostgresWebTestHost host) : TimetablePagesTests(host), IClassFixture<PostgresWebTestHost>;
