using GoldenThread.Actions;
using GoldenThread.Domain.Access;
using GoldenThread.Storage;
using Microsoft.AspNetCore.Mvc;

namespace GoldenThread.Pages.Actions;

/// <summary>
/// <c>/action-plans/{id}</c>: an action plan with its actions and their milestones; adding and changing actions
/// (<c>?edit={actionId}</c> fills the form with one), adding milestones, and agreeing the plan with the partners.
/// </summary>
public sealed class PlanModel(GoldenThreadDb db) : ActionsPageModel
{
    public ActionPlanView View { get; private set; } = null!;

    public bool MayWrite { get; private set; }

    [BindProperty(Name = "action-id", SupportsGet = true)]
    public int? ActionId { get; set; }

    [BindProperty(Name = "what")]
    public string? What { get; set; }

    [BindProperty(Name = "how")]
    public string? How { get; set; }

    [BindProperty(Name = "who")]
    public string? Who { get; set; }

    [BindProperty(Name = "due")]
    public string? Due { get; set; }

    [BindProperty(Name = "priority")]
    public string? Priority { get; set; }

    [BindProperty(Name = "status")]
    public string? Status { get; set; }

    [BindProperty(Name = "percent")]
    public string? Percent { get; set; }

    [BindProperty(Name = "milestone-action")]
    public int? MilestoneAction { get; set; }

    [BindProperty(Name = "milestone")]
    public string? Milestone { get; set; }

    [BindProperty(Name = "milestone-due")]
    public string? MilestoneDue { get; set; }

    [BindProperty(Name = "agreed-with")]
    public string? AgreedWith { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, [FromQuery(Name = "edit")] int? edit, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (edit is { } actionId && View.Actions.FirstOrDefault(a => a.Action.Id == actionId)?.Action is { } action)
        {
            ActionId = action.Id;
            (What, How, Who, Due) = (action.What, action.How, action.Who, action.DueOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            (Priority, Status, Percent) = (Domain.Codes.Of(action.Priority), Domain.Codes.Of(action.Status), action.PercentComplete.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(
        int id,
        [FromForm(Name = "action")] string? step,
        [FromServices] SaveAction save,
        [FromServices] SaveMilestone milestones,
        [FromServices] AgreeActionPlan agree,
        CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var actor = await ActorOfAsync();
        var change = step switch
        {
            "agree" => await agree.RunAsync(await ActorAsync(), new ActionPlanAgreement(actor, id, AgreedWith), cancellationToken),
            "milestone" when MilestoneAction is { } actionId && View.Actions.Any(a => a.Action.Id == actionId) =>
                await milestones.RunAsync(await ActorAsync(), new MilestoneInput(actor, actionId, null, Milestone, MilestoneDue), cancellationToken),
            "milestone" => Administration.AdminChange.Refused("milestone-action", "Choose the action the milestone belongs to"),
            _ => await save.RunAsync(await ActorAsync(), new ActionInput(actor, id, ActionId, What, How, Who, Due, Priority, Status, Percent), cancellationToken),
        };
        if (Done(change))
        {
            return Redirect($"/action-plans/{id}");
        }

        return Refused();
    }

    public SelectField MilestoneActionField => new(
        "milestone-action",
        "Action",
        [new SelectGroup(null, [new SelectOption("", "Choose an action"), .. View.Actions.Select(a => new SelectOption(a.Action.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Action.What.Length > 80 ? a.Action.What[..79] + "…" : a.Action.What))])],
        MilestoneAction?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ErrorFor("milestone-action"));

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        if (await ActionQueries.PlanAsync(db, id, cancellationToken) is not { } view)
        {
            return false;
        }

        View = view;
        MayWrite = InterventionAccess.MayWriteFor(await ActorOfAsync(), view.Pair.Figures);
        return true;
    }
}
