using GoldenThread.Domain.Periods;
using GoldenThread.Intervention;
using GoldenThread.Scorecard;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Pages.Ladder;

/// <summary>
/// <c>/ladder</c>: who is at which stage of the ladder of intervention at a quarter, and why, for every body or one
/// (<see cref="LadderQuery"/>, the same as the <c>ladder</c> command and the API), with the changes recorded that quarter.
/// </summary>
public sealed class IndexModel(GoldenThreadDb db, ReportingClock clock, Access.CurrentPerson current) : PageModel
{
    public Period Period { get; private set; }

    public string? Body { get; private set; }

    public IReadOnlyList<(string Code, string Name)> Bodies { get; private set; } = [];

    /// <summary>The entries at Stage 1 or above, highest first.</summary>
    public IReadOnlyList<LadderEntry> OnTheLadder { get; private set; } = [];

    public int PairCount { get; private set; }

    /// <summary>The stage changes recorded at the quarter, with their reasons.</summary>
    public IReadOnlyList<(string Indicator, string Area, LadderChange Change)> Changes { get; private set; } = [];

    public string? Error { get; private set; }

    /// <summary>What the reader may do about each pair on the ladder (the forms, with the pair chosen).</summary>
    public Web.Forms.PairRights Rights { get; private set; } = Web.Forms.PairRights.None;

    public async Task<IActionResult> OnGetAsync(string? period, string? body, CancellationToken cancellationToken)
    {
        Period = await clock.CurrentPeriodAsync(db, cancellationToken);
        Bodies = [.. (await db.Bodies.AsNoTracking().OrderBy(b => b.Name).Select(b => new { b.Code, b.Name }).ToListAsync(cancellationToken)).Select(b => (b.Code, b.Name))];
        if (!string.IsNullOrWhiteSpace(period))
        {
            if (!Period.TryParse(period.Trim(), out var chosen) || chosen.Kind != PeriodKind.Quarter)
            {
                Error = "Enter a quarter, such as 2009-10-Q2";
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }

            Period = chosen;
        }

        if (!string.IsNullOrWhiteSpace(body))
        {
            if (!Bodies.Any(b => b.Code == body))
            {
                Error = "Choose a body from the list";
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }

            Body = body;
        }

        Rights = await Web.Forms.PairRights.ForAsync(db, await current.GetAsync(cancellationToken) is { ByToken: false } person ? person.Actor : null, cancellationToken);
        var report = await LadderQuery.RunAsync(db, new ScorecardFilter(Period, BodyCode: Body), await ToleranceSetting.CurrentAsync(db, cancellationToken), cancellationToken);
        PairCount = report.Entries.Count;
        OnTheLadder = [.. report.Entries.Where(e => e.Stage > 0).OrderByDescending(e => e.Stage).ThenBy(e => e.Indicator, StringComparer.Ordinal).ThenBy(e => e.Area, StringComparer.Ordinal)];
        var pairs = report.Entries.ToDictionary(e => (e.IndicatorId, e.AreaId));
        var changes = await db.LadderChanges.AsNoTracking().Where(c => c.Period == Period.Code).ToListAsync(cancellationToken);
        Changes = [.. changes
            .Where(c => pairs.ContainsKey((c.IndicatorId, c.AreaId)))
            .Select(c => (pairs[(c.IndicatorId, c.AreaId)].Indicator, pairs[(c.IndicatorId, c.AreaId)].Area, c))
            .OrderBy(c => c.Indicator, StringComparer.Ordinal).ThenBy(c => c.Area, StringComparer.Ordinal)];
        return Page();
    }
}
