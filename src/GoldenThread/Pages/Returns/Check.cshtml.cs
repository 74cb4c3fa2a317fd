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
/// <c>/returns/{id}/check</c>: "check your answers and submit": every line's figures and status, what still stops
/// submission, the central team's query and the answer to it (when queried), the reason (when amending a return signed
/// off before); submitting goes through <see cref="ReturnEntry.SubmitAsync"/>.
/// </summary>
public sealed class CheckModel(GoldenThreadDb db, CurrentPerson current, ReturnEntry entry, ReportingClock clock, FigureLimits limits) : PageModel
{
    [BindProperty(Name = "query-answer")]
    public string? QueryAnswer { get; set; }

    [BindProperty(Name = "reason")]
    public string? Reason { get; set; }

    public ReturnViewer Viewer { get; private set; } = null!;

    public IReadOnlyList<LinePreview> Lines { get; private set; } = [];

    public List<FieldError> Errors { get; } = [];

    public bool IsQueried => Viewer.Return.State == ReturnState.Queried;

    public bool IsAmendment => ReturnEntry.IsAmendment(Viewer.Return);

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        QueryAnswer = Viewer.Return.QueryAnswer;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var request = new EntryRequest(await HttpAuditActor.OfAsync(HttpContext), Viewer.Person.Actor, FigureSources.Web, Reason, QueryAnswer);
        switch (await entry.SubmitAsync(id, request, cancellationToken))
        {
            case EntryOutcome.Submitted:
                Notice = $"The {Viewer.Snapshot.Quarter.DisplayName} return is submitted. Its figures are stored, provisional until they are signed off.";
                return Redirect($"/returns/{id}");
            case EntryOutcome.Invalid invalid:
                Errors.AddRange(invalid.Problems.Select(p => new FieldError(Anchor(p), Message(p))));
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            case EntryOutcome.NotFound:
                return NotFound();
            case EntryOutcome.Refused:
                return Forbid();
            case var other:
                Errors.Add(new FieldError("submit", other is EntryOutcome.Closed closed ? closed.Detail : "The return could not be submitted."));
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
        }
    }

    public string? ErrorFor(string inputId) => Errors.Where(e => e.Field == inputId).Select(e => e.Message).FirstOrDefault();

    /// <summary>Where a problem is fixed: the return's own fields here, a line's on its own page's section in this list.</summary>
    private static string Anchor(LineProblem problem) =>
        problem.LineId == 0 ? ReturnPage.InputId(problem.Field) : $"line-{problem.LineId}";

    private string Message(LineProblem problem)
    {
        if (problem.LineId == 0)
        {
            return problem.Message;
        }

        var line = Lines.FirstOrDefault(l => l.LineId == problem.LineId);
        return line is null ? problem.Message : $"{line.IndicatorCode} in {line.AreaName}, {line.Period.DisplayName}: {problem.Message}";
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var (viewer, status) = await ReturnPage.LoadAsync(db, current, id, cancellationToken);
        if (viewer is null)
        {
            return StatusCode(status);
        }

        if (!viewer.MayEnter)
        {
            // Only someone who may enter an open return checks and submits it; readers see the return's own page.
            return Domain.Returns.ReturnStates.IsOpenForEntry(viewer.Return.State) ? Forbid() : Redirect($"/returns/{id}");
        }

        Viewer = viewer;
        Lines = viewer.Snapshot.Evaluate(clock.Today, limits).Lines;
        return null;
    }
}
