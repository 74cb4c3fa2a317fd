using GoldenThread.Actions;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoldenThread.Pages.Actions;

/// <summary><c>/reports/half-yearly.docx?half=2009-10-H1</c>: the half-yearly report as a Word document for the board secretary to circulate.</summary>
public sealed class HalfYearlyDownloadModel(GoldenThreadDb db, ReportingClock clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "half")] string? half, CancellationToken cancellationToken)
    {
        var (parsed, problem) = HalfYearlyReports.Half(half ?? HalfYearlyReports.HalfOf(await clock.CurrentPeriodAsync(db, cancellationToken)).Code);
        if (problem is not null)
        {
            return BadRequest(problem.Message);
        }

        var report = await HalfYearlyReports.BuildAsync(db, parsed!.Value, clock.Today, cancellationToken);
        var buffer = new MemoryStream();
        HalfYearlyDocument.Write(report, buffer);
        buffer.Position = 0;
        Response.Headers.CacheControl = "no-store";
        return File(buffer, HalfYearlyDocument.ContentType, HalfYearlyDocument.FileName(report));
    }
}
