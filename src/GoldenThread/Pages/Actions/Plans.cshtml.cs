using GoldenThread.Actions;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using GoldenThread.Web.Forms;
using Microsoft.AspNetCore.Mvc;

namespace GoldenThread.Pages.Actions;

/// <summary>
/// <c>/action-plans</c>: stage 2's action plans, the pairs at stage 2 without an agreed plan at the quarter (flagged;
/// <c>?missing=1</c> shows only those), and the form to record a draft plan.
/// </summary>
public sealed class PlansModel(GoldenThreadDb db, ReportingClock clock) : ActionsPageModel
{
    public IReadOnlyList<ActionPlanSummary> Plans { get; private set; } = [];

    public IReadOnlyList<MissingPlan> Missing { get; private set; } = [];

    public string Quarter { get; private set; } = "";

    [BindProperty(Name = "missing", SupportsGet = true)]
    public string? MissingAsked { get; set; }

    /// <summary>Only the flagged pairs (<c>?missing=1</c>).</summary>
    public bool OnlyMissing => MissingAsked is "1" or "true";

    [BindProperty(Name = "indicator", SupportsGet = true)]
    public string? Indicator { get; set; }

    [BindProperty(Name = "area", SupportsGet = true)]
    public string? AreaCode { get; set; }

    [BindProperty(Name = "period", SupportsGet = true)]
    public string? Period { get; set; }

    [BindProperty(Name = "title")]
    public string? PlanTitle { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var current = (await clock.CurrentPeriodAsync(db, cancellationToken)).Code;
        Period ??= current;
        var (quarter, problem) = ActionPairs.Quarter(Period);
        if (problem is not null)
        {
            Errors.Add(problem);
            Period = current;
            quarter = Domain.Periods.Period.Parse(current);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        await LoadChoicesAsync(db, PairPurpose.Write, cancellationToken);
        await LoadAsync(quarter!.Value, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromServices] DraftActionPlan draft, CancellationToken cancellationToken)
    {
        await LoadChoicesAsync(db, PairPurpose.Write, cancellationToken);
        if (!PairMissing(Indicator, AreaCode))
        {
            var change = await draft.RunAsync(await ActorAsync(), new ActionPlanDraftInput(await ActorOfAsync(), Indicator, AreaCode, Period, PlanTitle), cancellationToken);
            if (Done(change, "Add its actions, with who, when and milestones, then agree it with the partners."))
            {
                return Redirect($"/action-plans/{change.Id}");
            }
        }

        var (quarter, _) = ActionPairs.Quarter(Period);
        await LoadAsync(quarter ?? await clock.CurrentPeriodAsync(db, cancellationToken), cancellationToken);
        return Refused();
    }

    private async Task LoadAsync(Domain.Periods.Period quarter, CancellationToken cancellationToken)
    {
        Quarter = quarter.Code;
        Missing = await ActionPlanFlags.MissingAsync(db, quarter, cancellationToken);
        Plans = OnlyMissing ? [] : await ActionQueries.PlansAsync(db, cancellationToken);
    }
}
