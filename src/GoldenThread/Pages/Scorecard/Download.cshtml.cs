using System.Text;
using GoldenThread.Scorecard;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Net.Http.Headers;

namespace GoldenThread.Pages.Scorecard;

/// <summary>
/// <c>/scorecard/download</c>: the scorecard page's entries as CSV, written by the command line's own writer, so
/// the file is byte for byte what <c>goldenthread scorecard --format csv</c> prints for the same filter. It takes
/// the page's parameters (framework and status filter the entries; sorting is ignored: the file keeps the
/// command line's order).
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class DownloadModel(GoldenThreadDb db, Database database, IMemoryCache cache, ReportingClock clock) : PageModel
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var view = await ScorecardPageView.LoadAsync(db, database, cache, clock, ScorecardPageRequest.FromQuery(Request.Query), recent: false, cancellationToken);
        if (view.Errors.Count > 0)
        {
            return BadRequest(string.Join(Environment.NewLine, view.Errors.Select(e => $"{e.Field}: {e.Message}.")) + Environment.NewLine);
        }

        if (view is not { Filter: { } filter, Scorecard: { } scorecard })
        {
            return NotFound("There are no figures yet: import a bundle first." + Environment.NewLine);
        }

        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = filter.DownloadFileName() }.ToString();
        await using (var writer = new StreamWriter(Response.Body, Utf8, bufferSize: 64 * 1024, leaveOpen: true))
        {
            await ScorecardOutput.WriteCsvAsync(scorecard, writer, cancellationToken);
            await writer.FlushAsync(cancellationToken);
        }

        return new EmptyResult();
    }
}
