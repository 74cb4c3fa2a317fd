using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using GoldenThread.Demo;
using GoldenThread.Domain.Access;
using GoldenThread.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Tests.Actions;

/// <summary>
/// Choosing the indicator and the area on the ladder's forms (issue 11): selects labelled "Indicator" and "Area" (the
/// forms' field names kept), listing only what the person may act for (the executive board every pair, a delivery lead
/// their own, a partnership's member its indicators when escalating), chosen already when the page is reached from a
/// pair's page, and a posted pair outside the list refused with the field named. On both databases.
/// </summary>
public abstract class PairChoicePagesTests(WebTestHost host)
{
    [Fact]
    public async Task DeliveryLead_ChoosesOnlyTheirPair_OnTheStageOneAndPlanForms_AlreadyChosen()
    {
        using var lead = await host.SignInAsync(Role.DeliveryLead);

        foreach (var path in new[] { "/actions", "/action-plans" })
        {
            var page = await GetAsync(lead, path);
            var form = page.ChoiceForm();
            Assert.Equal("Indicator", Label(form, "indicator"));
            Assert.Equal("Area", Label(form, "area"));
            Assert.Equal(["NI 15"], Options(form, "indicator"));
            Assert.Equal(["HRT"], Options(form, "area"));
            Assert.Equal(("NI 15", "HRT"), (Selected(form, "indicator"), Selected(form, "area")));
            Assert.Equal("You act for NI 15 in Hartmere (HRT).", form.QuerySelector("#indicator-hint")?.TextContent.Trim());
            Assert.Null(form.QuerySelector("input[name=indicator]"));
        }
    }

    [Fact]
    public async Task ExecutiveBoard_ChoosesAnyIndicatorGroupedByBody_AndAnyArea_WithThePairFromTheQueryChosen()
    {
        using var admin = await host.SignInAsync(Role.Administrator);
        await using var db = host.Database.Open();
        var indicators = await db.Indicators.Select(i => new { i.Code, Body = i.Body == null ? null : i.Body.Name }).ToListAsync();
        var areas = await db.Areas.Select(a => a.Code).ToListAsync();

        var requests = (await GetAsync(admin, "/report-requests?indicator=ni%2016&area=hrt")).ChoiceForm();
        var trigger = (await GetAsync(admin, "/ladder/triggers/new?indicator=NI%2016&area=HRT")).ChoiceForm();

        foreach (var (form, name) in new[] { (requests, "indicator"), (trigger, "Indicator") })
        {
            Assert.Equal(indicators.Select(i => i.Code).Order(StringComparer.Ordinal), Options(form, name).Order(StringComparer.Ordinal));
            Assert.Equal(areas.Order(StringComparer.Ordinal), Options(form, name == "indicator" ? "area" : "Area").Order(StringComparer.Ordinal));
            Assert.Equal("", form.QuerySelector($"select[name='{name}'] option")!.GetAttribute("value"));
            Assert.Equal(
                indicators.Select(i => i.Body ?? "No accountable body").Distinct().Order(StringComparer.OrdinalIgnoreCase),
                form.QuerySelectorAll($"select[name='{name}'] optgroup").Select(g => g.GetAttribute("label")!));
        }

        Assert.Equal(("NI 16", "HRT"), (Selected(requests, "indicator"), Selected(requests, "area")));
        Assert.Equal(("NI 16", "HRT"), (Selected(trigger, "Indicator"), Selected(trigger, "Area")));
        Assert.Equal(("Indicator", "Area"), (Label(trigger, "indicator"), Label(trigger, "area")));
    }

    [Fact]
    public async Task PartnershipMember_EscalatesAboutItsIndicatorsOnly_AndRecordsNoAction()
    {
        using var member = await host.SignInAsync(Role.BodyMember);
        await using var db = host.Database.Open();
        var ssc = await db.Bodies.Where(b => b.Code == "SSC").Select(b => b.Id).SingleAsync();
        var own = await db.Indicators.Where(i => i.BodyId == ssc).Select(i => i.Code).ToListAsync();

        var escalation = (await GetAsync(member, "/escalations/new")).ChoiceForm();
        var actions = await GetAsync(member, "/actions");

        Assert.Equal(own.Order(StringComparer.Ordinal), Options(escalation, "Indicator").Order(StringComparer.Ordinal));
        Assert.Equal(await db.Areas.CountAsync(), Options(escalation, "Area").Count);
        Assert.Null(actions.QuerySelector("main form[method=post] select"));
        Assert.NotNull(actions.QuerySelector("#no-choice"));
    }

    [Fact]
    public async Task APairOutsideTheList_OrNone_IsRefusedWithTheFieldNamed()
    {
        using var lead = await host.SignInAsync(Role.DeliveryLead);
        using var member = await host.SignInAsync(Role.BodyMember);
        await using var db = host.Database.Open();
        var ssc = await db.Bodies.Where(b => b.Code == "SSC").Select(b => b.Id).SingleAsync();
        var notSsc = await db.Indicators.Where(i => i.BodyId != ssc).OrderBy(i => i.Id).Select(i => i.Code).FirstAsync();

        using var plan = await Forms.PostAsync(lead, "/action-plans", [new("indicator", "NI 16"), new("area", "HRT"), new("period", "2009-10-Q2"), new("title", "Not mine")]);
        using var escalation = await Forms.PostAsync(member, "/escalations/new", [new("Indicator", notSsc), new("Area", "HRT"), new("Issue", "Not ours")]);
        using var nothing = await Forms.PostAsync(lead, "/actions", [new("indicator", ""), new("area", ""), new("period", "2009-10-Q2"), new("what", "Something"), new("who", "Lee")]);

        Assert.Equal(HttpStatusCode.BadRequest, plan.StatusCode);
        Assert.StartsWith("You may not record an action plan for NI 16 in HRT", await SummaryAsync(plan, "indicator"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, escalation.StatusCode);
        Assert.StartsWith($"Only the people accountable for {notSsc}", await SummaryAsync(escalation, "indicator"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, nothing.StatusCode);
        Assert.Equal("Choose the indicator", await SummaryAsync(nothing, "indicator"));
        var page = await Parse(nothing);
        Assert.Equal("Error: Choose the indicator", page.QuerySelector("#indicator-error")?.TextContent.Trim());
        Assert.Equal("Choose the area", page.QuerySelector(".govuk-error-summary a[href='#area']")?.TextContent.Trim());
        Assert.Equal(0, await db.ActionPlans.CountAsync(p => p.Title == "Not mine"));
    }

    [Fact]
    public async Task PairPages_LinkToTheFormsThePersonMayUse_WithThePairChosen()
    {
        // A delivery lead of NI 16 in Hartmere, a pair with figures (the demonstration's lead's NI 15 has none there).
        int indicatorId, areaId;
        await using (var db = host.Database.Open())
        {
            indicatorId = await db.Indicators.Where(i => i.Code == "NI 16").Select(i => i.Id).SingleAsync();
            areaId = await db.Areas.Where(a => a.Code == "HRT").Select(a => a.Id).SingleAsync();
        }

        var person = await TestPeople.AddAsync(host.Database, $"lead-{Guid.NewGuid():N}@example.org", new Grant(Role.DeliveryLead, indicatorId, areaId));
        using var lead = host.NewClient();
        await Forms.SignInAsync(lead, new DemoAccount(Role.DeliveryLead, person.Email!, person.FullName, "WPOL", TestPeople.Password, null, "NI 16 in Hartmere"));
        using var otherLead = await host.SignInAsync(Role.DeliveryLead);
        using var admin = await host.SignInAsync(Role.Administrator);

        var leadsOwn = await GetAsync(lead, "/indicators/NI%2016?area=HRT");
        var notLeads = await GetAsync(otherLead, "/indicators/NI%2016?area=HRT");
        var admins = await GetAsync(admin, "/indicators/NI%2016?area=HRT");

        Assert.Equal(
            ["/actions?indicator=NI%2016&area=HRT#record", "/action-plans?indicator=NI%2016&area=HRT#new-plan", "/escalations/new?indicator=NI%2016&area=HRT"],
            Links(leadsOwn));
        Assert.Empty(Links(notLeads));
        Assert.Contains("/report-requests?indicator=NI%2016&area=HRT#new-request", Links(admins));
        Assert.DoesNotContain("/report-requests?indicator=NI%2016&area=HRT#new-request", Links(leadsOwn));
        Assert.Equal("Draft an action plan for NI 16 in Hartmere", Words(leadsOwn.QuerySelector("a[data-pair-action='action-plan']")!.TextContent));

        // The link opens the form with the pair chosen, and only that pair is offered to the lead.
        var form = (await GetAsync(lead, Links(leadsOwn).Single(l => l.StartsWith("/action-plans", StringComparison.Ordinal)))).ChoiceForm();
        Assert.Equal(("NI 16", "HRT"), (Selected(form, "indicator"), Selected(form, "area")));
        var adminsForm = (await GetAsync(admin, Links(admins).Single(l => l.StartsWith("/escalations", StringComparison.Ordinal)))).ChoiceForm();
        Assert.Equal(("NI 16", "HRT"), (Selected(adminsForm, "Indicator"), Selected(adminsForm, "Area")));
    }

    [Fact]
    public async Task LadderPage_OffersTheExecutiveBoardToRaiseAnyPairOnIt_AndTheLeadNothingElse()
    {
        using var admin = await host.SignInAsync(Role.Administrator);
        var page = await GetAsync(admin, "/ladder");
        var rows = page.QuerySelectorAll("#ladder-entries tbody tr").ToList();

        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            var (indicator, area) = (row.GetAttribute("data-indicator")!, row.GetAttribute("data-area")!);
            Assert.Equal(
                $"/ladder/triggers/new?indicator={Uri.EscapeDataString(indicator)}&area={Uri.EscapeDataString(area)}",
                row.QuerySelector("a[data-pair-action='trigger']")?.GetAttribute("href"));
            var stage = int.Parse(row.QuerySelector("[data-column='stage']")!.TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(stage >= 3, row.QuerySelector("a[data-pair-action='report-request']") is not null);
        }
    }

    private static List<string> Options(IElement form, string name) =>
        [.. form.QuerySelectorAll($"select[name='{name}'] option").Select(o => o.GetAttribute("value")!).Where(v => v.Length > 0)];

    private static string? Selected(IElement form, string name) =>
        form.QuerySelector($"select[name='{name}'] option[selected]")?.GetAttribute("value");

    private static string? Label(IElement form, string id) => form.QuerySelector($"label[for='{id}']")?.TextContent.Trim();

    private static List<string> Links(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("#act ~ ul a[data-pair-action]").Select(a => a.GetAttribute("href")!)];

    private static string Words(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static async Task<string?> SummaryAsync(HttpResponseMessage response, string field) =>
        (await Parse(response)).QuerySelector($".govuk-error-summary a[href='#{field}']")?.TextContent.Trim();

    private static async Task<IHtmlDocument> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {response.RequestMessage?.RequestUri} {await response.Content.ReadAsStringAsync()}");
        return await Parse(response);
    }

    private static async Task<IHtmlDocument> Parse(HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
}

internal static class ChoicePages
{
    /// <summary>The page's form that posts a choice (the layout's sign-out form also posts).</summary>
    public static IElement ChoiceForm(this IHtmlDocument page) =>
        page.QuerySelectorAll("main form[method=post]").First(f => f.QuerySelector("select") is not null);
}

public sealed class PairChoicePagesOnSqliteTests(WebTestHost host) : PairChoicePagesTests(host), IClassFixture<WebTestHost>;

public sealed class PairChoicePagesOnPostgresTests(PostgresWebTestHost host) : PairChoicePagesTests(host), IClassFixture<PostgresWebTestHost>;
