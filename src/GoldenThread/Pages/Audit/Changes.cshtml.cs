using System.Text;
using GoldenThread.Access;
using GoldenThread.Audit;
using GoldenThread.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace GoldenThread.Pages.Audit;

/// <summary>
/// <c>/audit/{id}/changes</c>: the stored figures one import changed, with their old and new values, as CSV. The
/// import is one entry in the trail; its changes, which may run to thousands, are downloaded from it.
/// </summary>
[Authorize(Policy = Policies.AuditTrail)]
[IgnoreAntiforgeryToken]
public sealed class ChangesModel(GoldenThreadDb db) : PageModel
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (!await db.AuditEntries.AnyAsync(e => e.Id == id && e.Action == AuditActions.BundleImported, cancellationToken))
        {
            return NotFound();
        }

        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = ImportChangesCsv.FileName(id) }.ToString();
        await using (var writer = new StreamWriter(Response.Body, Utf8, bufferSize: 64 * 1024, leaveOpen: true))
        {
            var changes = db.ImportChanges.Where(c => c.AuditEntryId == id).OrderBy(c => c.Id).AsAsyncEnumerable();
            await ImportChangesCsv.WriteAsync(changes, writer, cancellationToken);
            await writer.FlushAsync(cancellationToken);
        }

        return new EmptyResult();
    }
}
