using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Periods;
using GoldenThread.Domain.Returns;
using GoldenThread.Domain.Timetable;
using GoldenThread.People;
using GoldenThread.Returns;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Timetable;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Tests.Reminders;

/// <summary>
/// My tasks (<c>/tasks</c>) on the demonstration (its reporting date is Monday 16 November 2009), with two open cycles and
/// one closed: each person sees what is due from them, late first, deadlines and lateness in words, the query on a
/// queried return; deputies the returns they can stand in for; the central team what waits for them.
/// </summary>
public abstract class TasksPageTests(WebTestHost host)
{
    [Fact]
    public async Task Owner_SeesTheirOpenReturns_LateFirst_WithDeadlinesInWords_AndTheQuery_NotAClosedCyclesReturn()
    {
        var ids = await SeedAsync();
        using var owner = await host.SignInAsync(Role.IndicatorOwner);
        var page = await GetAsync(owner);

        var items = Items(page, "to-complete");
        Assert.Equal(
            [
                ($"/returns/{ids.OwnerQ2}", "2009/10 Q2 return", "Was due by Friday 13 November 2009 (3 days late)", "Late In progress"),
                ($"/returns/{ids.OwnerQ1}", "2009/10 Q1 return", "Due by Friday 20 November 2009 (due in 4 working days) The central team's query: Check the units, please.", "Queried"),
            ],
            items);
        Assert.Null(page.QuerySelector("#to-check"));
        Assert.Null(page.QuerySelector("#no-tasks"));
        Assert.NotNull(page.QuerySelector("nav a[href='/tasks']"));
    }

    [Fact]
    public async Task Deputy_SeesTheOwnersReturnsToStandInFor()
    {
        var ids = await SeedAsync();
        using var deputy = await host.SignInAsync(Role.IndicatorDeputy);
        var page = await GetAsync(deputy);

        Assert.Equal(
            [$"/returns/{ids.OwnerQ2}", $"/returns/{ids.OwnerQ1}"],
            Items(page, "as-deputy").Select(i => i.Href));
        Assert.StartsWith("2009/10 Q2 return of Owen Price, ", Items(page, "as-deputy")[0].Name, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#to-complete"));
    }

    [Fact]
    public async Task CentralTeam_SeesReturnsWaitingForQualityAssuranceAndSignOff_OfTheirOrganisation()
    {
        var ids = await SeedAsync();
        using var officer = await host.SignInAsync(Role.PerformanceOfficer);
        var page = await GetAsync(officer);

        Assert.Equal([($"/returns/{ids.LeadSubmitted}", "Submitted")], Items(page, "to-check").Select(i => (i.Href, i.Status)));
        Assert.Equal([($"/returns/{ids.LeadQualityAssured}", "Quality-assured")], Items(page, "to-sign-off").Select(i => (i.Href, i.Status)));
        Assert.DoesNotContain(Items(page, "to-check"), i => i.Href == $"/returns/{ids.OtherOrganisationSubmitted}");
    }

    [Fact]
    public async Task OwnerWithoutADeputy_IsToldSo_AndSomeoneWithNothingDue_IsToldThat()
    {
        await SeedAsync();
        using var sponsor = await host.SignInAsync(Role.TargetSponsor);
        using var auditor = await host.SignInAsync(Role.Auditor);

        var sponsorPage = await GetAsync(sponsor);
        var auditorPage = await GetAsync(auditor);

        Assert.Equal(["NI 15"], sponsorPage.QuerySelectorAll("#without-deputy ~ ul a").Select(a => a.TextContent.Split(' ')[0] + " " + a.TextContent.Split(' ')[1]));
        Assert.Equal("Nothing is due from you at the moment.", auditorPage.QuerySelector("#no-tasks")?.TextContent);
    }

    private static async Task<IHtmlDocument> GetAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/tasks", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    private static List<(string Href, string Name, string Hint, string Status)> Items(IHtmlDocument page, string list) =>
    [
        .. page.QuerySelectorAll($"ul[aria-labelledby='{list}'] li.govuk-task-list__item").Select(li => (
            li.QuerySelector("a")!.GetAttribute("href")!,
            li.QuerySelector("a")!.TextContent.Trim(),
            Words(li.QuerySelector(".govuk-task-list__hint")!.TextContent),
            Words(li.QuerySelector(".govuk-task-list__status")!.TextContent))),
    ];

    private static string Words(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private sealed record Seeded(int OwnerQ1, int OwnerQ2, int LeadSubmitted, int LeadQualityAssured, int OtherOrganisationSubmitted);

    private static readonly SemaphoreSlim Seeding = new(1, 1);

    private async Task<Seeded> SeedAsync()
    {
        await Seeding.WaitAsync();
        try
        {
            await using var db = host.Database.Open(tracking: true);
            var person = await db.People.ToDictionaryAsync(p => p.Email!, p => p);
            var owner = person[host.Account(Role.IndicatorOwner).Email];
            var lead = person[host.Account(Role.DeliveryLead).Email];
            var officer = person[host.Account(Role.PerformanceOfficer).Email];
            var sponsor = person[host.Account(Role.TargetSponsor).Email];
            if (!await db.PeriodCycles.AnyAsync())
            {
                var ni16 = await db.Indicators.SingleAsync(i => i.Code == "NI 16");
                var ni15 = await db.Indicators.SingleAsync(i => i.Code == "NI 15");
                var area = await db.Areas.SingleAsync(a => a.Code == "WSX");
                var other = await db.Organisations.FirstAsync(o => o.Id != officer.OrganisationId);
                Cycle(db, "2009-10-Q1", new DateOnly(2009, 11, 20), closed: false);
                Cycle(db, "2009-10-Q2", new DateOnly(2009, 11, 13), closed: false);
                Cycle(db, "2008-09-Q4", new DateOnly(2009, 5, 15), closed: true);
                db.Returns.AddRange(
                    Return("2009-10-Q1", owner.Id, owner.OrganisationId, ReturnState.Queried, ni16.Id, area.Id, "Check the units, please."),
                    Return("2009-10-Q2", owner.Id, owner.OrganisationId, ReturnState.InProgress, ni16.Id, area.Id),
                    Return("2008-09-Q4", owner.Id, owner.OrganisationId, ReturnState.NotStarted, ni16.Id, area.Id),
                    Return("2009-10-Q2", lead.Id, officer.OrganisationId, ReturnState.Submitted, ni15.Id, area.Id),
                    Return("2009-10-Q1", lead.Id, officer.OrganisationId, ReturnState.QualityAssured, ni15.Id, area.Id),
                    Return("2009-10-Q2", lead.Id, other.Id, ReturnState.Submitted, ni15.Id, area.Id));
                db.RoleAssignments.Add(new RoleAssignment { PersonId = sponsor.Id, Role = Role.IndicatorOwner, IndicatorId = ni15.Id, GrantedAt = DateTimeOffset.UtcNow });
                await db.SaveChangesAsync();
            }

            var returns = await db.Returns.AsNoTracking().ToListAsync();
            int Find(string period, int assignee, ReturnState state, int? organisation = null) =>
                returns.Single(r => r.Period == period && r.AssigneeId == assignee && r.State == state && (organisation is null || r.OrganisationId == organisation)).Id;
            return new Seeded(
                Find("2009-10-Q1", owner.Id, ReturnState.Queried),
                Find("2009-10-Q2", owner.Id, ReturnState.InProgress),
                Find("2009-10-Q2", lead.Id, ReturnState.Submitted, officer.OrganisationId),
                Find("2009-10-Q1", lead.Id, ReturnState.QualityAssured),
                returns.Single(r => r.AssigneeId == lead.Id && r.State == ReturnState.Submitted && r.OrganisationId != officer.OrganisationId).Id);
        }
        finally
        {
            Seeding.Release();
        }
    }

    private static void Cycle(GoldenThread.Storage.GoldenThreadDb db, string period, DateOnly deadline, bool closed)
    {
        var issued = new DateTimeOffset(2009, 7, 1, 9, 0, 0, TimeSpan.Zero);
        db.PeriodCycles.Add(new PeriodCycle { Period = period, PeriodStart = Period.Parse(period).StartOrdinal, FormsIssuedAt = issued, ClosedAt = closed ? issued.AddMonths(1) : null });
        db.TimetableMilestones.Add(new TimetableMilestone { Period = period, Milestone = Milestone.ReturnDeadline, Date = deadline });
    }

    private static Return Return(string period, int assignee, int organisation, ReturnState state, int indicator, int area, string? query = null)
    {
        var quarter = Period.Parse(period);
        var made = new Return
        {
            Period = period,
            AssigneeId = assignee,
            OrganisationId = organisation,
            State = state,
            IssuedAt = new DateTimeOffset(2009, 7, 1, 9, 0, 0, TimeSpan.Zero),
            Query = query,
            QueryCount = query is null ? 0 : 1,
            SubmittedAt = ReturnStates.HasBeenSubmitted(state) || query is not null ? new DateTimeOffset(2009, 11, 1, 9, 0, 0, TimeSpan.Zero) : null,
        };
        made.Lines.Add(new ReturnLine { IndicatorId = indicator, AreaId = area, Period = period, PeriodStart = quarter.StartOrdinal, ActualDue = true, ProjectedOutturnDue = true });
        return made;
    }
}

public sealed class TasksPageOnSqliteTests(WebTestHost host) : TasksPageTests(host), IClassFixture<WebTestHost>;

public sealed class TasksPageOnPostgresTests(PostgresWebTestHost host) : TasksPageTests(host), IClassFixture<PostgresWebTestHost>;
