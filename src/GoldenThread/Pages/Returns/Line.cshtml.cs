using System.Globalization;
using GoldenThread.Access;
using GoldenThread.Audit;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Returns;
using GoldenThread.History;
using GoldenThread.Returns;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using GoldenThread.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoldenThread.Pages.Returns;

/// <summary>
/// <c>/returns/{id}/lines/{lineId}</c>: one line of a return: the actual, the projected outturn and the commentary;
/// beside them the preview (the targets, the last values, the status the figures will give with its reason in words);
/// the exception report's fields when the preview says one is needed; and the movement note when a figure is unusual.
/// "Preview" recomputes without saving; "Save and continue" saves the line through <see cref="ReturnEntry"/>.
/// </summary>
public sealed class LineModel(GoldenThreadDb db, CurrentPerson current, ReturnEntry entry, ReturnPreview previewer, ReportingClock clock, FigureLimits limits) : PageModel
{
    [BindProperty(Name = "actual")]
    public string? Actual { get; set; }

    [BindProperty(Name = "projected-outturn")]
    public string? ProjectedOutturn { get; set; }

    [BindProperty(Name = "note")]
    public string? Note { get; set; }

    [BindProperty(Name = "movement-note")]
    public string? MovementNote { get; set; }

    /// <summary>Whether the form carried the exception report's fields (they are kept as drafted when it did not).</summary>
    [BindProperty(Name = "exception-shown")]
    public bool ExceptionShown { get; set; }

    [BindProperty(Name = "exception-reason")]
    public string? ExceptionReason { get; set; }

    [BindProperty(Name = "exception-plans")]
    public string? ExceptionPlans { get; set; }

    [BindProperty(Name = "exception-timescales")]
    public string? ExceptionTimescales { get; set; }

    [BindProperty(Name = "exception-lead-partners")]
    public string? ExceptionLeadPartners { get; set; }

    [BindProperty(Name = "exception-resources")]
    public string? ExceptionResources { get; set; }

    [BindProperty(Name = "exception-cause")]
    public string? ExceptionCause { get; set; }

    [BindProperty(Name = "exception-explanation")]
    public string? ExceptionExplanation { get; set; }

    [BindProperty(Name = "exception-assurance")]
    public string? ExceptionAssurance { get; set; }

    public ReturnViewer Viewer { get; private set; } = null!;

    public LinePreview Preview { get; private set; } = null!;

    public List<FieldError> Errors { get; } = [];

    /// <summary>Said once after a save that left something to do on this line.</summary>
    public string? Notice { get; private set; }

    /// <summary>The next line of the same indicator and area, if any.</summary>
    public int? NextLineId { get; private set; }

    public static IReadOnlyList<(StrongGreenCause Cause, string Words)> Causes { get; } =
    [
        (StrongGreenCause.TargetSetting, "A flaw in target setting"),
        (StrongGreenCause.TargetedActivity, "A course of targeted activity"),
        (StrongGreenCause.FrontLoading, "Front-loading, to balance expected lower performance later in the year"),
        (StrongGreenCause.Other, "Other (explain below)"),
    ];

    public async Task<IActionResult> OnGetAsync(int id, int lineId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, lineId, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var line = Viewer.Snapshot.Lines.Single(l => l.Id == lineId);
        Actual = ReturnPage.Figure(line.Actual);
        ProjectedOutturn = ReturnPage.Figure(line.ProjectedOutturn);
        Note = line.Note;
        MovementNote = line.MovementNote;
        var exception = Preview.Exception;
        (ExceptionReason, ExceptionPlans, ExceptionTimescales, ExceptionLeadPartners, ExceptionResources, ExceptionExplanation, ExceptionAssurance) =
            (exception.Reason, exception.Plans, exception.Timescales, exception.LeadPartners, exception.Resources, exception.Explanation, exception.Assurance);
        ExceptionCause = exception.Cause is { } cause ? Domain.Codes.Of(cause) : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int lineId, string? action, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, lineId, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        if (!Viewer.MayEnter)
        {
            return Forbid();
        }

        var input = Read(lineId);
        if (Errors.Count > 0 || input is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Preview = await previewer.ForAsync(id, input, cancellationToken) ?? Preview;
        if (action != "save")
        {
            return Page();
        }

        var person = Viewer.Person;
        var request = new EntryRequest(await HttpAuditActor.OfAsync(HttpContext), person.Actor, FigureSources.Web);
        switch (await entry.SaveAsync(id, [input], request, submit: false, cancellationToken))
        {
            case EntryOutcome.Saved saved when saved.Warnings.Any(w => w.LineId == lineId) && input.MovementNote is null:
                Notice = "Saved. A figure is unusual for this indicator: check it, and if it is right, say why in the note on the movement below before you submit.";
                return Page();
            case EntryOutcome.Saved:
                return Redirect(NextLineId is { } next ? $"/returns/{id}/lines/{next}" : $"/returns/{id}");
            case EntryOutcome.Invalid invalid:
                Errors.AddRange(invalid.Problems.Select(p => new FieldError(ReturnPage.InputId(p.Field), p.Message)));
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            case EntryOutcome.NotFound:
                return NotFound();
            case EntryOutcome.Refused:
                return Forbid();
            case EntryOutcome.Closed closed:
                Errors.Add(new FieldError("actual", closed.Detail));
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            default:
                throw new InvalidOperationException("A save cannot submit.");
        }
    }

    public string? ErrorFor(string inputId) => Errors.Where(e => e.Field == inputId).Select(e => e.Message).FirstOrDefault();

    /// <summary>Whether the form shows this exception field: the report the preview needs asks for it (strong green always offers the explanation).</summary>
    public bool Shows(string field) =>
        Preview.ExceptionFields.Contains(field) || (field == ExceptionRules.Explanation && Preview.ExceptionRequired == Domain.Assessment.Status.StrongGreen);

    private async Task<IActionResult?> LoadAsync(int id, int lineId, CancellationToken cancellationToken)
    {
        var (viewer, status) = await ReturnPage.LoadAsync(db, current, id, cancellationToken);
        if (viewer is null)
        {
            return StatusCode(status);
        }

        var line = viewer.Snapshot.Lines.FirstOrDefault(l => l.Id == lineId);
        if (line is null)
        {
            return NotFound();
        }

        Viewer = viewer;
        Preview = viewer.Snapshot.Evaluate(clock.Today, limits).Lines.Single(p => p.LineId == lineId);
        var task = viewer.Snapshot.TaskOf(line).ToList();
        var index = task.FindIndex(l => l.Id == lineId);
        NextLineId = index + 1 < task.Count ? task[index + 1].Id : null;
        return null;
    }

    /// <summary>The form as a line's input, or null with the errors of numbers that do not read.</summary>
    private LineInput? Read(int lineId)
    {
        var actual = Number("actual", "actual", Actual);
        var projected = Number("projected-outturn", "projected outturn", ProjectedOutturn);
        StrongGreenCause? cause = null;
        if (!string.IsNullOrWhiteSpace(ExceptionCause))
        {
            if (Domain.Codes.TryParse<StrongGreenCause>(ExceptionCause, out var parsed))
            {
                cause = parsed;
            }
            else
            {
                Errors.Add(new FieldError("exception-cause", "Choose one of the reasons for the strong performance"));
            }
        }

        if (Errors.Count > 0)
        {
            return null;
        }

        var exception = ExceptionShown
            ? new ExceptionInput(ExceptionReason, ExceptionPlans, ExceptionTimescales, ExceptionLeadPartners, ExceptionResources, cause, ExceptionExplanation, ExceptionAssurance)
            : null;
        return new LineInput(lineId, actual, projected, Note, MovementNote, exception);
    }

    private decimal? Number(string inputId, string name, string? text)
    {
        var trimmed = text?.Trim().Replace(",", string.Empty, StringComparison.Ordinal) ?? string.Empty;
        if (trimmed.Length == 0)
        {
            return null;
        }

        if (!decimal.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            Errors.Add(new FieldError(inputId, $"Enter the {name} as a number, such as 410 or 12.5, or leave it empty if it cannot be given"));
            return null;
        }

        if (FigureRules.Digits(trimmed) is { } digits)
        {
            Errors.Add(new FieldError(inputId, $"The {name} {digits}"));
            return null;
        }

        return value;
    }
}
