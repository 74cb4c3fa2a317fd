using GoldenThread.Access;
using GoldenThread.Domain.Indicators;
using GoldenThread.Returns;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoldenThread.Pages.Returns;

/// <summary>
/// <c>/returns/{id}</c>: a return as a GOV.UK task list, one task per indicator and area with its status in words, for
/// whoever may read it (<see cref="Domain.Access.AccessRules.MayReadReturn"/>); 404 for no such return, 403 for
/// someone else's.
/// </summary>
public sealed class ReturnModel(GoldenThreadDb db, CurrentPerson current, ReportingClock clock, FigureLimits limits) : PageModel
{
    /// <summary>One indicator in one area: its lines and whether they are ready to submit.</summary>
    public sealed record TaskRow(string Name, string Hint, int FirstLineId, string Status, IReadOnlyList<LinePreview> Lines);

    public ReturnViewer Viewer { get; private set; } = null!;

    public IReadOnlyList<TaskRow> Tasks { get; private set; } = [];

    public DateOnly? Deadline { get; private set; }

    public bool Late { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var (viewer, status) = await ReturnPage.LoadAsync(db, current, id, cancellationToken);
        if (viewer is null)
        {
            return StatusCode(status);
        }

        Viewer = viewer;
        var evaluation = viewer.Snapshot.Evaluate(clock.Today, limits);
        var lines = viewer.Snapshot.Lines;
        Tasks = [.. lines
            .GroupBy(l => (l.IndicatorId, l.AreaId))
            .Select(g =>
            {
                var first = g.First();
                var previews = g.Select(l => evaluation.Lines.Single(p => p.LineId == l.Id)).ToList();
                var state = g.All(l => l.SavedAt is null) && previews.Any(p => !p.IsComplete) ? "Not yet started"
                    : previews.All(p => p.IsComplete) ? "Completed"
                    : "Incomplete";
                var periods = string.Join(", ", previews.Select(p => p.Period.DisplayName));
                return new TaskRow($"{first.Indicator!.Code} {first.Indicator.Title} in {first.Area!.Name}", $"Figures for {periods}", first.Id, state, previews);
            })];
        var deadlines = await ReturnPage.DeadlinesAsync(db, [viewer.Return.Period], cancellationToken);
        Deadline = deadlines.TryGetValue(viewer.Return.Period, out var d) ? d : null;
        Late = Domain.Returns.ReturnStates.IsLate(viewer.Return.State, Deadline, clock.Today);
        return Page();
    }
}
