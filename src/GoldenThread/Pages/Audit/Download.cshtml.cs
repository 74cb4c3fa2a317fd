using System.Text;
using GoldenThread.Access;
using GoldenThread.Audit;
using GoldenThread.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;

namespace GoldenThread.Pages.Audit;

/// <summary>
/// <c>/audit/download</c>: the audit trail as CSV, with the page's filters (the page number is ignored: every
/// matching entry is written, newest first, as it is read).
/// </summary>
[Authorize(Policy = Policies.AuditTrail)]
[IgnoreAntiforgeryToken]
public sealed class DownloadModel(GoldenThreadDb db) : PageModel
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var (filter, errors) = AuditFilter.FromQuery(name => Request.Query[name].FirstOrDefault());
        if (errors.Count > 0)
        {
            return BadRequest(string.Join(Environment.NewLine, errors.Select(e => $"{e.Field}: {e.Message}.")) + Environment.NewLine);
        }

        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = AuditCsv.FileName }.ToString();
        await using (var writer = new StreamWriter(Response.Body, Utf8, bufferSize: 64 * 1024, leaveOpen: true))
        {
            await AuditCsv.WriteAsync(AuditQuery.AllAsync(db, filter), writer, cancellationToken);
            await writer.FlushAsync(cancellationToken);
        }

        return new EmptyResult();
    }
}
