using GoldenThread.Actions;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using Microsoft.AspNetCore.Mvc;

namespace GoldenThread.Pages.Actions;

/// <summary>
/// <c>/reports/half-yearly?half=2009-10-H1</c>: the executive board's half-yearly report to the strategic board on every
/// action at stages 2 and 3, with its Word download. Without a half, the half whose last quarter is the current period's.
/// </summary>
public sealed class HalfYearlyModel(GoldenThreadDb db, ReportingClock clock) : ActionsPageModel
{
    public HalfYearlyReport? Report { get; private set; }

    [BindProperty(Name = "half", SupportsGet = true)]
    public string? Half { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Half ??= HalfYearlyReports.HalfOf(await clock.CurrentPeriodAsync(db, cancellationToken)).Code;
        var (half, problem) = HalfYearlyReports.Half(Half);
        if (problem is not null)
        {
            Errors.Add(problem);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Report = await HalfYearlyReports.BuildAsync(db, half!.Value, clock.Today, cancellationToken);
        return Page();
    }
}
