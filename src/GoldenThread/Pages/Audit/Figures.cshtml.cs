using System.Text;
using GoldenThread.Access;
using GoldenThread.History;
using GoldenThread.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace GoldenThread.Pages.Audit;

/// <summary>
/// <c>/audit/figures.csv</c>: the record of every figure for the auditor, as CSV, newest first; <c>?period=</c> (a
/// period code, exactly) and <c>?indicator=</c> (a code) narrow it. Auditors and administrators, as the audit trail.
/// </summary>
[Authorize(Policy = Policies.AuditTrail)]
[IgnoreAntiforgeryToken]
public sealed class FiguresModel(GoldenThreadDb db) : PageModel
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public async Task<IActionResult> OnGetAsync(string? period, string? indicator, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        string? periodCode = null;
        if (!string.IsNullOrWhiteSpace(period))
        {
            if (Domain.Periods.Period.TryParse(period.Trim(), out var parsed))
            {
                periodCode = parsed.Code;
            }
            else
            {
                problems.Add($"period: '{period.Trim()}' is not a period code; give one such as 2009-10-Q2, 2009-10-M04, 2009-10-H1 or 2009-10.");
            }
        }

        int? indicatorId = null;
        if (!string.IsNullOrWhiteSpace(indicator))
        {
            var code = indicator.Trim();
            indicatorId = await db.Indicators.Where(i => i.Code == code).Select(i => (int?)i.Id).SingleOrDefaultAsync(cancellationToken);
            if (indicatorId is null)
            {
                problems.Add($"indicator: there is no indicator with the code '{code}' (codes are case-sensitive, such as NI 195).");
            }
        }

        if (problems.Count > 0)
        {
            return BadRequest(string.Join(Environment.NewLine, problems) + Environment.NewLine);
        }

        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = FigureRecordsCsv.FileName }.ToString();
        await using (var writer = new StreamWriter(Response.Body, Utf8, bufferSize: 64 * 1024, leaveOpen: true))
        {
            await FigureRecordsCsv.WriteAsync(FigureHistory.AllAsync(db, new FigureHistoryFilter(periodCode, indicatorId), cancellationToken), writer, cancellationToken);
            await writer.FlushAsync(cancellationToken);
        }

        return new EmptyResult();
    }
}
