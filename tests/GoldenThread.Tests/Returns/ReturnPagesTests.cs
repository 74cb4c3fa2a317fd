using AngleSharp.Html.Parser;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Returns;
using GoldenThread.History;
using GoldenThread.Returns;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Timetable;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GoldenThread.Tests.Returns;

/// <summary>
/// The return pages over the demonstration: the delivery lead enters and submits their return on the web; others are
/// refused (403), a return that does not exist is 404, the auditor reads without a form, and the central team is told
/// they enter on the lead's behalf. The quarter's returns are issued once for the host.
/// </summary>
public sealed class ReturnPagesTests(WebTestHost host) : IClassFixture<WebTestHost>
{
    [Fact]
    public async Task DeliveryLead_EntersAndSubmitsTheirReturn_OnTheWeb()
    {
        var (returnId, lineId) = await LeadReturnAsync();
        using var lead = await host.SignInAsync(Role.DeliveryLead, followRedirects: false);
        var (list, _) = await Forms.ReadAsync(lead, "/returns");
        var (tasks, _) = await Forms.ReadAsync(lead, $"/returns/{returnId}");
        var (form, _) = await Forms.ReadAsync(lead, $"/returns/{returnId}/lines/{lineId}");
        var (actual, projected) = await GreenFiguresAsync(lineId);

        using var saved = await Forms.PostAsync(lead, $"/returns/{returnId}/lines/{lineId}", [
            new("actual", actual), new("projected-outturn", projected), new("note", "As forecast"), new("action", "save")]);
        using var submitted = await Forms.PostAsync(lead, $"/returns/{returnId}/check", []);

        Assert.NotNull(list.QuerySelector($"main a[href='/returns/{returnId}']"));
        Assert.Equal("/returns", list.QuerySelector(".govuk-service-navigation__item--active a")?.GetAttribute("href"));
        Assert.Contains("NI 15", tasks.QuerySelector(".govuk-task-list")!.TextContent, StringComparison.Ordinal);
        // A partner who would rather use a spreadsheet finds the workbook from their return.
        Assert.NotNull(tasks.QuerySelector($"main a[href='/returns/{returnId}/workbook']"));
        Assert.Contains("Status at", form.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(302, (int)saved.StatusCode);
        Assert.True((int)submitted.StatusCode == 302, await submitted.Content.ReadAsStringAsync());
        Assert.Equal($"/returns/{returnId}", submitted.Headers.Location?.OriginalString);
        await using var db = host.Database.Open();
        Assert.Equal(ReturnState.Submitted, (await db.Returns.SingleAsync(r => r.Id == returnId)).State);
        var line = await db.ReturnLines.SingleAsync(l => l.Id == lineId);
        var row = await db.Values.SingleAsync(v => v.IndicatorId == line.IndicatorId && v.AreaId == line.AreaId && v.Period == line.Period);
        Assert.Equal(decimal.Parse(actual, System.Globalization.CultureInfo.InvariantCulture), FigureStore.Normalise(row.Actual));
        Assert.Contains(await db.FigureRecords.Where(r => r.ReturnId == returnId).ToListAsync(), r => r.Source == FigureSources.Web && r.Field == "note");
    }

    [Fact]
    public async Task OthersAreRefused_NoReturnIsNotFound_AndTheAuditorReadsWithoutAForm()
    {
        var (returnId, lineId) = await LeadReturnAsync();
        using var member = await host.SignInAsync(Role.BodyMember);
        using var sponsor = await host.SignInAsync(Role.TargetSponsor);
        using var auditor = await host.SignInAsync(Role.Auditor, followRedirects: false);

        using var memberPage = await member.GetAsync(new Uri($"/returns/{returnId}", UriKind.Relative));
        using var sponsorLine = await sponsor.GetAsync(new Uri($"/returns/{returnId}/lines/{lineId}", UriKind.Relative));
        using var missing = await member.GetAsync(new Uri("/returns/999999", UriKind.Relative));
        using var missingLine = await auditor.GetAsync(new Uri($"/returns/{returnId}/lines/999999", UriKind.Relative));
        var auditorLine = await auditor.GetStringAsync(new Uri($"/returns/{returnId}/lines/{lineId}", UriKind.Relative));
        using var auditorCheck = await auditor.GetAsync(new Uri($"/returns/{returnId}/check", UriKind.Relative));

        Assert.Equal(403, (int)memberPage.StatusCode);
        Assert.Equal(403, (int)sponsorLine.StatusCode);
        Assert.Equal(404, (int)missing.StatusCode);
        Assert.Equal(404, (int)missingLine.StatusCode);
        Assert.Null((await new HtmlParser().ParseDocumentAsync(auditorLine)).QuerySelector("main form"));
        // Checking and submitting is for those who enter the return: 403 while it is open, back to the return once submitted.
        Assert.True((int)auditorCheck.StatusCode is 302 or 403, $"the auditor's check page: {(int)auditorCheck.StatusCode}");
    }

    [Fact]
    public async Task Administrator_IsToldTheyEnterOnTheOwnersBehalf()
    {
        var (returnId, lineId) = await LeadReturnAsync(Role.IndicatorOwner);
        using var administrator = await host.SignInAsync(Role.Administrator);

        var (page, _) = await Forms.ReadAsync(administrator, $"/returns/{returnId}/lines/{lineId}");

        Assert.Contains("on behalf of Owen Price", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("main form"));
    }

    [Fact]
    public async Task Line_WithAFigureThatIsNotANumber_SaysWhereAndWhat_AndSavesNothing()
    {
        var (returnId, lineId) = await LeadReturnAsync(Role.IndicatorOwner);
        using var owner = await host.SignInAsync(Role.IndicatorOwner);

        using var response = await Forms.PostAsync(owner, $"/returns/{returnId}/lines/{lineId}", [new("actual", "12,5x"), new("action", "save")]);
        var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("as a number", page.QuerySelector(".govuk-error-summary a[href='#actual']")?.TextContent, StringComparison.Ordinal);
        await using var db = host.Database.Open();
        Assert.Null((await db.ReturnLines.SingleAsync(l => l.Id == lineId)).SavedAt);
    }

    private static readonly SemaphoreSlim Issuing = new(1, 1);

    /// <summary>The return of the person with the role (the delivery lead's by default) for the demonstration's current quarter, and its first line for the quarter.</summary>
    private async Task<(int ReturnId, int LineId)> LeadReturnAsync(Role role = Role.DeliveryLead)
    {
        await Issuing.WaitAsync();
        try
        {
            await using var scope = host.App.Services.CreateAsyncScope();
            var quarter = scope.ServiceProvider.GetRequiredService<ReportingClock>().CurrentQuarter;
            await scope.ServiceProvider.GetRequiredService<ReturnIssuer>().IssueAsync(quarter, AuditActor.CommandLine, CancellationToken.None);
            await using var db = host.Database.Open();
            var email = host.Account(role).Email;
            var found = await db.Returns.Where(r => r.Period == quarter.Code && r.Assignee!.Email == email)
                .Select(r => new { r.Id, Line = r.Lines.Where(l => l.Period == quarter.Code).OrderBy(l => l.Id).Select(l => l.Id).First() })
                .SingleAsync();
            return (found.Id, found.Line);
        }
        finally
        {
            Issuing.Release();
        }
    }

    /// <summary>Figures that give no exception and no unusual movement: the target (or the usual forecast) as the forecast, the usual actual.</summary>
    private async Task<(string Actual, string Projected)> GreenFiguresAsync(int lineId)
    {
        await using var db = host.Database.Open();
        var line = await db.ReturnLines.SingleAsync(l => l.Id == lineId);
        var year = Domain.Periods.Period.Parse(line.Period).FinancialYear.Code;
        var target = await db.Targets.Where(t => t.IndicatorId == line.IndicatorId && t.AreaId == line.AreaId && t.Period == year).Select(t => (decimal?)t.Value).SingleOrDefaultAsync();
        var rows = await db.Values.Where(v => v.IndicatorId == line.IndicatorId && v.AreaId == line.AreaId && v.Period.Contains("-Q") && v.Period != line.Period).ToListAsync();
        var actuals = rows.Select(v => v.Actual).OfType<decimal>().Select(FigureStore.Normalise).ToList();
        var forecasts = rows.Select(v => v.ProjectedOutturn).OfType<decimal>().Select(FigureStore.Normalise).ToList();
        var projected = target ?? (forecasts.Count == 0 ? 1m : UnusualMovement.Median(forecasts));
        var actual = actuals.Count == 0 ? projected : UnusualMovement.Median(actuals);
        return (Text(actual), Text(projected));

        static string Text(decimal value) => FigureStore.Normalise(value).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
