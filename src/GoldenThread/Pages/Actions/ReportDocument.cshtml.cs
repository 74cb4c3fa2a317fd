using GoldenThread.Access;
using GoldenThread.Actions;
using GoldenThread.Audit;
using GoldenThread.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Pages.Actions;

/// <summary><c>/report-requests/{id}/document</c>: the attached report, to those who may read the request; never cached, always as a download.</summary>
public sealed class ReportDocumentModel(GoldenThreadDb db, CurrentPerson current) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var request = await db.ReportRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request?.Document is null || request.DocumentName is null
            || await ActionPairs.FindAsync(db, request.IndicatorId, request.AreaId, cancellationToken) is not { } pair)
        {
            return NotFound();
        }

        var person = await current.GetAsync(cancellationToken);
        if (person is null || !ReportAccess.MayRead(person.Actor, person.Id, request, pair, await ActionPairs.ExecutiveBoardIdsAsync(db, cancellationToken)))
        {
            await AccessAudit.DeniedAsync(HttpContext, $"may not read the report of request {id}");
            return Forbid();
        }

        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Content-Type-Options"] = "nosniff";
        return File(request.Document, request.DocumentType ?? "application/octet-stream", request.DocumentName);
    }
}
