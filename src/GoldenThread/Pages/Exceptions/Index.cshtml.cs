using GoldenThread.Domain.Intervention;
using GoldenThread.Exceptions;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using GoldenThread.Web.Forms;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Pages.Exceptions;

/// <summary>
/// <c>/exceptions</c>: the exception reports (issue 11, items 2 and 4), filtered by quarter, body, state and kind. With a
/// body, its list for its next meeting: every open exception it is accountable for in one place, under the date of that
/// meeting from the reporting timetable. Anyone signed in reads it, as they read the scorecard.
/// </summary>
public sealed class IndexModel(GoldenThreadDb db, ReportingClock clock) : PageModel
{
    public List<FieldError> Errors { get; } = [];

    public ExceptionFilter Filter { get; private set; } = new();

    public IReadOnlyList<ExceptionRow> Rows { get; private set; } = [];

    public IReadOnlyList<(string Code, string Name)> Bodies { get; private set; } = [];

    public IReadOnlyList<string> Quarters { get; private set; } = [];

    public NextMeeting? Meeting { get; private set; }

    /// <summary>The body chosen, when it exists.</summary>
    public string? BodyName { get; private set; }

    public async Task OnGetAsync(string? period, string? body, string? state, string? kind, CancellationToken cancellationToken)
    {
        // A body's list is its open business unless another state is asked for.
        Filter = new ExceptionFilter(period, body, state ?? (string.IsNullOrWhiteSpace(body) ? null : ExceptionFilter.Open), kind);
        Bodies = [.. (await db.Bodies.AsNoTracking().OrderBy(b => b.Name).Select(b => new { b.Code, b.Name }).ToListAsync(cancellationToken)).Select(b => (b.Code, b.Name))];
        Quarters = [.. (await db.ExceptionReports.AsNoTracking().Select(e => e.Period).Distinct().ToListAsync(cancellationToken)).OrderDescending(StringComparer.Ordinal)];
        var (_, _, _, errors) = Filter.Read();
        Errors.AddRange(errors);
        if (!string.IsNullOrWhiteSpace(body))
        {
            var chosen = Bodies.FirstOrDefault(b => string.Equals(b.Code, body.Trim(), StringComparison.OrdinalIgnoreCase));
            if (chosen.Code is null)
            {
                Errors.Add(new FieldError("body", $"There is no board or partnership with the code {body.Trim()}"));
            }
            else
            {
                BodyName = chosen.Name;
                Meeting = await ExceptionQueries.NextMeetingAsync(db, chosen.Code, clock.Today, cancellationToken);
            }
        }

        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        Rows = await ExceptionQueries.ListAsync(db, Filter, cancellationToken);
    }

    public string? ErrorFor(string field) => Errors.Where(e => e.Field == field).Select(e => e.Message).FirstOrDefault();

    public static IReadOnlyList<(string Code, string Name)> States { get; } =
        [(ExceptionFilter.Open, "Open (not closed)"), .. ExceptionStates.All.Select(s => (ExceptionStates.Code(s), ExceptionStates.Name(s)))];
}
