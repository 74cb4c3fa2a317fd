using GoldenThread.Access;
using GoldenThread.Domain.Periods;
using GoldenThread.Domain.Returns;
using GoldenThread.Returns.Review;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using GoldenThread.Web.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Pages.Returns;

/// <summary>
/// <c>/returns/dashboard</c>: the central team's live view of a quarter's returns (issue 10, item 3), by organisation or
/// by body, with counts per state, what is late and what is missing, a link to each return's review, and "right first
/// time" per quarter and organisation. Auditors read it too; the actions are on the review page.
/// </summary>
[Authorize(Policy = Policies.ReturnsOverview)]
public sealed class DashboardModel(GoldenThreadDb db, ReportingClock clock) : PageModel
{
    /// <summary>One group of returns on the page: an organisation's, or a body's.</summary>
    public sealed record Group(string Id, string Heading, IReadOnlyList<ReturnSummary> Returns);

    public List<FieldError> Errors { get; } = [];

    public Period Quarter { get; private set; }

    public DateOnly? Deadline { get; private set; }

    public bool ByBody { get; private set; }

    public IReadOnlyList<ReturnSummary> Returns { get; private set; } = [];

    public IReadOnlyList<Group> Groups { get; private set; } = [];

    public IReadOnlyList<(ReturnState State, int Count)> ByState { get; private set; } = [];

    public int Late { get; private set; }

    public IReadOnlyList<string> Quarters { get; private set; } = [];

    public IReadOnlyList<RightFirstTimeRow> RightFirstTime { get; private set; } = [];

    public async Task OnGetAsync(string? period, string? by, CancellationToken cancellationToken)
    {
        var current = await clock.CurrentPeriodAsync(db, cancellationToken);
        Quarter = current;
        if (!string.IsNullOrWhiteSpace(period))
        {
            if (Period.TryParse(period, out var chosen) && chosen.Kind == PeriodKind.Quarter)
            {
                Quarter = chosen;
            }
            else
            {
                Errors.Add(new FieldError("period", $"'{period}' is not a quarter: choose one from the list"));
                Response.StatusCode = StatusCodes.Status400BadRequest;
            }
        }

        ByBody = string.Equals(by, "body", StringComparison.Ordinal);
        var issued = await db.Returns.AsNoTracking().Select(r => r.Period).Distinct().ToListAsync(cancellationToken);
        Quarters = [.. issued.Append(current.Code).Append(Quarter.Code).Distinct().OrderDescending(StringComparer.Ordinal)];
        Returns = await ReturnsOverview.ReadAsync(db, Quarter.Code, clock.Today, cancellationToken);
        Deadline = await ReturnsOverview.DeadlineAsync(db, Quarter.Code, cancellationToken);
        (ByState, Late) = ReturnsOverview.Count([.. Returns]);
        Groups = ByBody ? GroupByBody(Returns) : GroupByOrganisation(Returns);
        RightFirstTime = await ReturnsOverview.RightFirstTimeAsync(db, cancellationToken);
    }

    private static List<Group> GroupByOrganisation(IReadOnlyList<ReturnSummary> returns) =>
    [
        .. returns.GroupBy(r => (r.OrganisationCode, r.OrganisationName))
            .Select(g => new Group($"organisation-{g.Key.OrganisationCode ?? "none"}", g.Key.OrganisationName ?? "No organisation", [.. g])),
    ];

    /// <summary>A return whose indicators report to several bodies is listed under each; one with none under "No body".</summary>
    private static List<Group> GroupByBody(IReadOnlyList<ReturnSummary> returns)
    {
        var bodies = returns.SelectMany(r => r.Bodies).Distinct().OrderBy(b => b.Code, StringComparer.Ordinal).ToList();
        var groups = bodies.Select(b => new Group($"body-{b.Code}", b.Name, [.. returns.Where(r => r.Bodies.Contains(b))])).ToList();
        var none = returns.Where(r => r.Bodies.Count == 0).ToList();
        if (none.Count > 0)
        {
            groups.Add(new Group("body-none", "No body", none));
        }

        return groups;
    }

    public string Href(string? quarter = null, bool? byBody = null) =>
        $"/returns/dashboard?period={Uri.EscapeDataString(quarter ?? Quarter.Code)}{((byBody ?? ByBody) ? "&by=body" : "")}";
}
