using GoldenThread.Access;
using GoldenThread.Audit;
using GoldenThread.Domain.Indicators;
using GoldenThread.Returns.Workbook;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoldenThread.Pages.Returns;

/// <summary><c>/returns/{id}/workbook.xlsx</c>: the return's data collection workbook, pre-filled with its lines and drafts.</summary>
[IgnoreAntiforgeryToken]
public sealed class WorkbookDownloadModel(GoldenThreadDb db, CurrentPerson current, ReportingClock clock, FigureLimits limits, TimeProvider time) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var person = await current.GetAsync(cancellationToken);
        var (found, may) = await WorkbookAccess.FindAsync(db, id, person, cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        if (!may)
        {
            await AccessAudit.DeniedAsync(HttpContext, $"may not enter return {id}");
            return Forbid();
        }

        var address = $"{Request.Scheme}://{Request.Host}{Request.PathBase}/returns/{id}/workbook";
        var loaded = await ReturnWorkbookQuery.LoadAsync(db, id, address, time.GetUtcNow(), clock.Today, limits, cancellationToken);
        if (loaded is not { } workbook)
        {
            return NotFound();
        }

        var buffer = new MemoryStream();
        ReturnWorkbook.Write(workbook.Workbook, limits, buffer);
        buffer.Position = 0;
        return File(buffer, ReturnWorkbook.ContentType, ReturnWorkbook.FileName(id, found.Period));
    }
}
