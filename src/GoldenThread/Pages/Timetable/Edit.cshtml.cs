using GoldenThread.Access;
using GoldenThread.Audit;
using GoldenThread.Domain.Periods;
using GoldenThread.Domain.Timetable;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Pages.Timetable;

/// <summary>
/// <c>/timetable/{period}/edit</c>: the central team change one quarter's dates by hand (a board that moved its meeting).
/// All or nothing; each changed date is audited, kept when the year is generated again, and raises the calendar event's
/// SEQUENCE so subscribers' calendars move it.
/// </summary>
[Authorize(Policy = Policies.CentralTeam)]
public sealed class EditModel(GoldenThreadDb db, TimetableEditor editor) : PageModel
{
    /// <summary>One milestone's fields: a first day for a span, and the day (or last day).</summary>
    public sealed record Row(Milestone Milestone, bool IsSpan, string? Starts, string? Date, bool Edited);

    private TimetablePattern _pattern = TimetablePattern.Default;

    public Period Quarter { get; private set; }

    public List<Row> Rows { get; } = [];

    public List<FieldError> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(string period, CancellationToken cancellationToken)
    {
        if (!TryQuarter(period))
        {
            return NotFound();
        }

        var stored = await Stored(cancellationToken);
        foreach (var milestone in Milestones.All)
        {
            var row = stored.GetValueOrDefault(milestone);
            Rows.Add(new Row(
                milestone,
                IsSpan(milestone, row),
                row?.Starts is { } s ? TimetableDates.Iso(s) : null,
                row is null ? null : TimetableDates.Iso(row.Date),
                row?.Edited == true));
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string period, CancellationToken cancellationToken)
    {
        if (!TryQuarter(period))
        {
            return NotFound();
        }

        var stored = await Stored(cancellationToken);
        var edits = new List<MilestoneEdit>();
        foreach (var milestone in Milestones.All)
        {
            var word = Domain.Codes.Of(milestone);
            var row = stored.GetValueOrDefault(milestone);
            var span = IsSpan(milestone, row);
            var startsText = span ? Request.Form[$"{word}-starts"].ToString() : null;
            var dateText = Request.Form[word].ToString();
            Rows.Add(new Row(milestone, span, startsText, dateText, row?.Edited == true));
            var name = Milestones.Name(milestone);
            DateOnly? starts = null;
            if (!string.IsNullOrWhiteSpace(startsText))
            {
                if (TimetableDates.TryParseIso(startsText, out var s))
                {
                    starts = s;
                }
                else
                {
                    Errors.Add(new FieldError($"{word}-starts", $"{name}: the first day must be a date such as 2009-07-13"));
                }
            }

            if (string.IsNullOrWhiteSpace(dateText))
            {
                if (row is not null)
                {
                    Errors.Add(new FieldError(word, $"{name}: enter the date, such as 2009-07-17"));
                }
                else if (starts is not null)
                {
                    Errors.Add(new FieldError(word, $"{name}: enter the last day as well as the first"));
                }

                continue;
            }

            if (!TimetableDates.TryParseIso(dateText, out var date))
            {
                Errors.Add(new FieldError(word, $"{name}: the date must be a date such as 2009-07-17"));
                continue;
            }

            if (starts > date)
            {
                Errors.Add(new FieldError($"{word}-starts", $"{name}: the first day must be on or before the last day"));
                continue;
            }

            edits.Add(new MilestoneEdit(milestone, starts, date));
        }

        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var changed = await editor.EditQuarterAsync(Quarter, edits, await HttpAuditActor.OfAsync(HttpContext), cancellationToken);
        TempData["Notice"] = changed switch
        {
            0 => $"No dates of {Quarter.DisplayName} changed.",
            1 => $"1 date of {Quarter.DisplayName} changed.",
            _ => $"{changed} dates of {Quarter.DisplayName} changed.",
        };
        return Redirect($"/timetable?year={Quarter.FinancialYear.Code}");
    }

    public string? ErrorFor(string field) => Errors.Where(e => e.Field == field).Select(e => e.Message).FirstOrDefault();

    private bool IsSpan(Milestone milestone, TimetableMilestone? row) =>
        row?.Starts is not null || _pattern.RuleFor(milestone)?.StartOffset is not null;

    private bool TryQuarter(string period)
    {
        if (!Period.TryParse(period, out var quarter) || quarter.Kind != PeriodKind.Quarter)
        {
            return false;
        }

        Quarter = quarter;
        return true;
    }

    /// <summary>The quarter's stored milestones; also reads the pattern, which says which milestones are spans.</summary>
    private async Task<Dictionary<Milestone, TimetableMilestone>> Stored(CancellationToken cancellationToken)
    {
        _pattern = await TimetableStore.PatternAsync(db, cancellationToken);
        return await db.TimetableMilestones.AsNoTracking().Where(m => m.Period == Quarter.Code).ToDictionaryAsync(m => m.Milestone, cancellationToken);
    }
}
