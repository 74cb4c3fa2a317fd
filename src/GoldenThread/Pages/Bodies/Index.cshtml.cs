using GoldenThread.Bodies;
using GoldenThread.Domain.Periods;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoldenThread.Pages.Bodies;

/// <summary>
/// <c>/bodies</c>: every board and partnership in the governance chain, what it escalates to, its chair and secretary,
/// and its business in numbers at the current period. The framework is read by anyone signed in.
/// </summary>
public sealed class IndexModel(GoldenThreadDb db, ReportingClock clock) : PageModel
{
    public IReadOnlyList<BodySummary> Bodies { get; private set; } = [];

    public Period Period { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Period = await clock.CurrentPeriodAsync(db, cancellationToken);
        Bodies = await BodyBusiness.AllAsync(db, Period, cancellationToken);
        return Page();
    }
}
