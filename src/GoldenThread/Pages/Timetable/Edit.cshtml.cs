using GoldenThread.Access;
using GoldenThread.Audit;
using GoldenThread.Domain.Periods;
using GoldenThread.Domain.Timetable;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using GoldenThread.Web.Forms;
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
    /// <summary>One milestone's fields: a first day for a span, and the day (or last day), as GOV.UK date inputs.</summary>
    public sealed record Row(Milestone Milestone, bool IsSpan, DateParts Starts, DateParts Date, bool Edited);

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
                DateParts.Of(row?.Starts),
                DateParts.Of(row?.Date),
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
            var startsParts = span ? DateParts.From(Request.Form, StartsField(word)) : DateParts.Empty;
            var dateParts = DateParts.From(Request.Form, word);
            Rows.Add(new Row(milestone, span, startsParts, dateParts, row?.Edited == true));
            var name = Milestones.Name(milestone);
            var (starts, startsProblem) = DateInput.Read(startsParts, $"{name}: the first day");
            if (startsProblem is not null)
            {
                Fail(StartsField(word), startsProblem);
            }

            var (date, dateProblem) = DateInput.Read(dateParts, $"{name}: the {(span ? "last day" : "date")}");
            if (dateProblem is not null)
            {
                Fail(word, dateProblem);
                continue;
            }

            if (date is null)
            {
                if (row is not null)
                {
                    Fail(word, new DateProblem($"{name}: enter the {(span ? "last day" : "date")}", [DateInput.Day, DateInput.Month, DateInput.Year]));
                }
                else if (starts is not null)
                {
                    Fail(word, new DateProblem($"{name}: enter the last day as well as the first", [DateInput.Day, DateInput.Month, DateInput.Year]));
                }

                continue;
            }

            if (startsProblem is not null)
            {
                continue;
            }

            if (starts > date)
            {
                Fail(StartsField(word), new DateProblem($"{name}: the first day must be on or before the last day", [DateInput.Day, DateInput.Month, DateInput.Year]));
                continue;
            }

            edits.Add(new MilestoneEdit(milestone, starts, date.Value));
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

    /// <summary>The problems of the date inputs, by the input's name (<c>{milestone}</c> or <c>{milestone}-starts</c>).</summary>
    public Dictionary<string, DateProblem> Problems { get; } = new(StringComparer.Ordinal);

    /// <summary>The date input of a milestone's day (or last day), named after the milestone's word.</summary>
    public DateInput DateField(Row row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var word = Domain.Codes.Of(row.Milestone);
        return new DateInput(word, row.IsSpan ? "Last day" : Legend(row), row.Date, Problems.GetValueOrDefault(word));
    }

    /// <summary>The milestone's name, said to be changed by hand when it was.</summary>
    public static string Legend(Row row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Milestones.Name(row.Milestone) + (row.Edited ? " (changed by hand)" : "");
    }

    /// <summary>The date input of a span's first day.</summary>
    public DateInput StartsField(Row row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var name = StartsField(Domain.Codes.Of(row.Milestone));
        return new DateInput(name, "First day", row.Starts, Problems.GetValueOrDefault(name));
    }

    private static string StartsField(string word) => $"{word}-starts";

    /// <summary>A problem with one date input: shown at the input, and in the error summary linking to its first field at fault.</summary>
    private void Fail(string name, DateProblem problem)
    {
        Problems[name] = problem;
        Errors.Add(problem.For(name));
    }

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
