using GoldenThread.Actions;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using GoldenThread.Web.Forms;
using Microsoft.AspNetCore.Mvc;

namespace GoldenThread.Pages.Actions;

/// <summary>
/// <c>/actions</c>: stage 1 of the ladder: the actions delivery leads took with the thematic partnership, by quarter, and
/// the form to record one (for those who write for the indicator in the area).
/// </summary>
public sealed class IndexModel(GoldenThreadDb db, ReportingClock clock) : ActionsPageModel
{
    public IReadOnlyList<StageOneActionSummary> Actions { get; private set; } = [];

    [BindProperty(Name = "indicator", SupportsGet = true)]
    public string? Indicator { get; set; }

    [BindProperty(Name = "area", SupportsGet = true)]
    public string? AreaCode { get; set; }

    [BindProperty(Name = "period", SupportsGet = true)]
    public string? Period { get; set; }

    [BindProperty(Name = "what")]
    public string? What { get; set; }

    [BindProperty(Name = "how")]
    public string? How { get; set; }

    [BindProperty(Name = "who")]
    public string? Who { get; set; }

    [BindProperty(Name = "due")]
    public string? Due { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Period ??= (await clock.CurrentPeriodAsync(db, cancellationToken)).Code;
        await LoadChoicesAsync(db, PairPurpose.Write, cancellationToken);
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromServices] RecordStageOneAction record, CancellationToken cancellationToken)
    {
        await LoadChoicesAsync(db, PairPurpose.Write, cancellationToken);
        if (PairMissing(Indicator, AreaCode))
        {
            await LoadAsync(cancellationToken);
            return Refused();
        }

        var change = await record.RunAsync(await ActorAsync(), new StageOneActionInput(await ActorOfAsync(), Indicator, AreaCode, Period, What, How, Who, Due), cancellationToken);
        if (Done(change))
        {
            return Redirect($"/actions?period={Uri.EscapeDataString(Period!.Trim())}");
        }

        await LoadAsync(cancellationToken);
        return Refused();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var (quarter, _) = ActionPairs.Quarter(Period);
        Actions = await ActionQueries.StageOneActionsAsync(db, quarter?.Code, cancellationToken);
    }
}
