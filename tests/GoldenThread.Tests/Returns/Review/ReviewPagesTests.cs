using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Returns;
using GoldenThread.People;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Timetable;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Tests.Returns.Review;

/// <summary>The dashboard and the review page on the running site: counts, late, grouping, and the actions through the forms.</summary>
public sealed class ReviewPagesTests(WebTestHost host) : IClassFixture<WebTestHost>
{
    [Fact]
    public async Task Dashboard_CountsPerStateAndLate_WithEachReturnInWords()
    {
        const string quarter = "2008-09-Q1";
        var (officer, owner, _) = await PeopleAsync();
        var data = new TestData(host.Database);
        var body = await data.CreateBodyAsync();
        var area = await data.CreateAreaAsync();
        var indicator = await data.CreateIndicatorAsync(body: body);
        var late = await data.CreateReturnAsync(quarter, owner, state: ReturnState.InProgress);
        await data.CreateReturnLineAsync(late, indicator, area, actual: 3);
        await data.CreateReturnAsync(quarter, officer, state: ReturnState.Submitted);
        await AddDeadlineAsync(quarter, new DateOnly(2008, 7, 20));

        var page = await host.GetPageAsync($"/returns/dashboard?period={quarter}");
        var byBody = await host.GetPageAsync($"/returns/dashboard?period={quarter}&by=body");

        Assert.Equal($"Returns for {Domain.Periods.Period.Parse(quarter).DisplayName}", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.Equal("1", Count(page, "in_progress"));
        Assert.Equal("1", Count(page, "submitted"));
        Assert.Equal("0", Count(page, "signed_off"));
        Assert.Equal("1", Count(page, "late"));
        var row = page.QuerySelector($"tr[data-return='{late.Id}']")!;
        Assert.Equal("In progress", row.QuerySelector(".govuk-tag")?.TextContent.Trim());
        Assert.Equal("Late", row.QuerySelector("[data-column=late]")?.TextContent.Trim());
        Assert.Contains($"{indicator.Code} in {area.Code}, {quarter}: the projected outturn", row.QuerySelector("[data-column=missing]")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(row.QuerySelector($"a[href='/returns/{late.Id}/review']"));
        Assert.NotNull(page.QuerySelector("a[href='/indicators/problems']"));
        Assert.Equal(body.Name, byBody.QuerySelector($"table#body-{body.Code} caption")?.TextContent.Trim());
        Assert.NotNull(byBody.QuerySelector($"table#body-{body.Code} tr[data-return='{late.Id}']"));
    }

    [Fact]
    public async Task Dashboard_PeriodNotAQuarter_SaysSoAtTheField()
    {
        var page = await host.GetPageAsync("/returns/dashboard?period=2009-10", expectedStatus: 400);

        Assert.Equal("'2009-10' is not a quarter: choose one from the list", page.QuerySelector(".govuk-error-summary a[href='#period']")?.TextContent.Trim());
    }

    [Fact]
    public async Task Review_AcceptThenSignOff_ThroughTheForms_MakesTheFiguresFinal()
    {
        const string quarter = "2008-09-Q2";
        var (officer, owner, _) = await PeopleAsync();
        var data = new TestData(host.Database);
        var area = await data.CreateAreaAsync();
        var indicator = await data.CreateIndicatorAsync();
        var r = await data.CreateReturnAsync(quarter, owner, organisation: await OrganisationOfAsync(officer), state: ReturnState.Submitted);
        await data.CreateReturnLineAsync(r, indicator, area, actual: 7, projectedOutturn: 30);
        await data.CreateValueAsync(indicator, area, quarter, actual: 7, projectedOutturn: 30);
        var path = $"/returns/{r.Id}/review";

        var before = await host.GetPageAsync(path);
        var accepted = await PostAsync(path, ("action", "accept"));
        var signed = await PostAsync(path, ("action", "sign-off"));

        Assert.Equal("Submitted", before.QuerySelector("#state")?.TextContent.Trim());
        Assert.Equal("Provisional", before.QuerySelector("#figures [data-column=final]")?.TextContent.Trim());
        Assert.Contains("quality-assured and waits for sign-off", accepted.QuerySelector("#notice")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("its 1 figure is final", signed.QuerySelector("#notice")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Signed off", signed.QuerySelector("#state")?.TextContent.Trim());
        Assert.Equal("Final (signed off)", signed.QuerySelector("#figures [data-column=final]")?.TextContent.Trim());
        Assert.NotNull(signed.QuerySelector("#records tr[data-field=signed_off]"));
        Assert.Equal(["accept", "sign_off"], signed.QuerySelectorAll("#steps tbody tr").Select(t => t.GetAttribute("data-action")));
        Assert.NotNull(signed.QuerySelector("button[value=reopen]"));
    }

    [Fact]
    public async Task Review_QueryWithoutText_IsRefusedAtTheField_AndWithTextShowsInTheHistory()
    {
        const string quarter = "2008-09-Q3";
        var (officer, owner, _) = await PeopleAsync();
        var r = await new TestData(host.Database).CreateReturnAsync(quarter, owner, organisation: await OrganisationOfAsync(officer), state: ReturnState.Submitted);
        var path = $"/returns/{r.Id}/review";

        using var refused = await Forms.PostAsync(host.Client, path, [new("action", "query"), new("query", "")]);
        var refusedPage = await ParseAsync(refused);
        var queried = await PostAsync(path, ("action", "query"), ("query", "Please explain the fall"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("Enter the query for the partner to answer", refusedPage.QuerySelector(".govuk-error-summary a[href='#query']")?.TextContent.Trim());
        Assert.Equal("Queried", queried.QuerySelector("#state")?.TextContent.Trim());
        Assert.Contains("Please explain the fall", queried.QuerySelector("#queries")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("not answered yet", queried.QuerySelector("#queries")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_SubmittedByTheOfficer_OffersThemNoSignOff_FourEyes()
    {
        var (officer, owner, _) = await PeopleAsync();
        var r = await new TestData(host.Database).CreateReturnAsync("2008-09-Q4", owner, organisation: await OrganisationOfAsync(officer), state: ReturnState.QualityAssured, submittedBy: officer);

        var page = await host.GetPageAsync($"/returns/{r.Id}/review");

        Assert.Null(page.QuerySelector("button[value=sign-off]"));
        Assert.Contains("You submitted this return, so someone else must sign it off.", page.QuerySelector("#sign-off-barred")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("button[value=query]"));
    }

    [Fact]
    public async Task Review_AsAuditor_ReadsWithoutActions_AndCannotPost()
    {
        var (officer, owner, _) = await PeopleAsync();
        var r = await new TestData(host.Database).CreateReturnAsync("2007-08-Q1", owner, organisation: await OrganisationOfAsync(officer), state: ReturnState.Submitted);
        using var auditor = await host.SignInAsync(Role.Auditor, followRedirects: false);

        var page = await new HtmlParser().ParseDocumentAsync(await auditor.GetStringAsync(new Uri($"/returns/{r.Id}/review", UriKind.Relative)));
        using var post = await Forms.PostAsync(auditor, $"/returns/{r.Id}/review", [new("action", "accept")]);

        Assert.Null(page.QuerySelector("#actions form"));
        Assert.Equal(GoldenThread.Tests.Access.Outcome.Forbidden, GoldenThread.Tests.Access.AuthorisationMatrixTests.Classify(post));
        await using var db = host.Database.Open();
        Assert.Equal(ReturnState.Submitted, (await db.Returns.SingleAsync(x => x.Id == r.Id)).State);
    }

    private static string? Count(IHtmlDocument page, string state) =>
        page.QuerySelector($"#counts tr[data-state={state}] td")?.TextContent.Trim();

    private async Task<IHtmlDocument> PostAsync(string path, params (string Name, string Value)[] fields)
    {
        using var response = await Forms.PostAsync(host.Client, path, fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST {path}: {(int)response.StatusCode}");
        return await ParseAsync(response);
    }

    private static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>The demonstration's performance officer (this host's client), indicator owner and auditor.</summary>
    private async Task<(Person Officer, Person Owner, Person Auditor)> PeopleAsync()
    {
        await using var db = host.Database.Open();
        async Task<Person> Find(Role role)
        {
            var email = host.Account(role).Email;
            return await db.People.SingleAsync(p => p.Email == email);
        }

        return (await Find(Role.PerformanceOfficer), await Find(Role.IndicatorOwner), await Find(Role.Auditor));
    }

    private async Task<Partnership.Organisation> OrganisationOfAsync(Person person)
    {
        await using var db = host.Database.Open();
        return await db.Organisations.SingleAsync(o => o.Id == person.OrganisationId);
    }

    private async Task AddDeadlineAsync(string quarter, DateOnly date)
    {
        await using var db = host.Database.Open(tracking: true);
        db.TimetableMilestones.Add(new TimetableMilestone { Period = quarter, Milestone = Domain.Timetable.Milestone.ReturnDeadline, Date = date });
        await db.SaveChangesAsync();
    }
}
