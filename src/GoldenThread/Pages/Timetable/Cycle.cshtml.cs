using GoldenThread.Access;
using GoldenThread.Audit;
using GoldenThread.Domain.Periods;
using GoldenThread.Timetable;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoldenThread.Pages.Timetable;

/// <summary>
/// <c>/timetable/{period}/cycle</c>: the central team's actions on a quarter's cycle, posted from the timetable page:
/// <c>?handler=issue</c> issues its forms (queuing the returns), <c>?handler=close</c> closes it. Each answers by going
/// back to the timetable with what happened.
/// </summary>
[Authorize(Policy = Policies.CentralTeam)]
public sealed class CycleModel(CycleActions cycles, ReportingClock clock) : PageModel
{
    [TempData]
    public string? Notice { get; set; }

    [TempData]
    public string? Problem { get; set; }

    public IActionResult OnGet(string period) =>
        Redirect(Period.TryParse(period, out var quarter) ? $"/timetable?year={quarter.FinancialYear.Code}#{quarter.Code}" : "/timetable");

    public async Task<IActionResult> OnPostIssueAsync(string period, CancellationToken cancellationToken)
    {
        if (!TryQuarter(period, out var quarter))
        {
            return NotFound();
        }

        return Answer(quarter, await cycles.IssueFormsAsync(quarter, await HttpAuditActor.OfAsync(HttpContext), clock.Today, cancellationToken));
    }

    public async Task<IActionResult> OnPostCloseAsync(string period, CancellationToken cancellationToken)
    {
        if (!TryQuarter(period, out var quarter))
        {
            return NotFound();
        }

        return Answer(quarter, await cycles.CloseAsync(quarter, await HttpAuditActor.OfAsync(HttpContext), cancellationToken));
    }

    private RedirectResult Answer(Period quarter, CycleOutcome outcome)
    {
        if (outcome.Done)
        {
            Notice = outcome.Message;
        }
        else
        {
            Problem = outcome.Message;
        }

        return Redirect($"/timetable?year={quarter.FinancialYear.Code}");
    }

    private static bool TryQuarter(string period, out Period quarter) =>
        Period.TryParse(period, out quarter) && quarter.Kind == PeriodKind.Quarter;
}
