using GoldenThread.Actions;
using GoldenThread.Domain.Access;
using GoldenThread.Storage;
using Microsoft.AspNetCore.Mvc;

namespace GoldenThread.Pages.Actions;

/// <summary><c>/actions/{id}</c>: one action, its milestones, and updating its status and percentage complete.</summary>
public sealed class ActionModel(GoldenThreadDb db) : ActionsPageModel
{
    public ActionView View { get; private set; } = null!;

    public ActionPair? Pair { get; private set; }

    /// <summary>Whether this person may update the action (its owner, or those who write for its pair).</summary>
    public bool MayUpdate { get; private set; }

    /// <summary>Whether this person may add milestones (those who write for its pair).</summary>
    public bool MayWrite { get; private set; }

    [BindProperty(Name = "status")]
    public string? Status { get; set; }

    [BindProperty(Name = "percent")]
    public string? Percent { get; set; }

    [BindProperty(Name = "milestone")]
    public string? Milestone { get; set; }

    [BindProperty(Name = "milestone-due")]
    public string? MilestoneDue { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Status = Domain.Codes.Of(View.Action.Status);
        Percent = View.Action.PercentComplete.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(
        int id,
        [FromForm(Name = "action")] string? step,
        [FromForm(Name = "milestone-id")] int? milestoneId,
        [FromServices] UpdateActionProgress progress,
        [FromServices] SaveMilestone milestones,
        CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var actor = await ActorOfAsync();
        var change = step switch
        {
            "milestone" => await milestones.RunAsync(await ActorAsync(), new MilestoneInput(actor, id, null, Milestone, MilestoneDue), cancellationToken),
            "milestone-done" or "milestone-undone" when milestoneId is { } m =>
                await milestones.RunAsync(await ActorAsync(), new MilestoneInput(actor, id, m, null, null, step == "milestone-done"), cancellationToken),
            _ => await progress.RunAsync(await ActorAsync(), new ActionProgressInput(actor, id, Status, Percent), cancellationToken),
        };
        if (Done(change))
        {
            return Redirect($"/actions/{id}");
        }

        return Refused();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        if (await ActionQueries.ActionAsync(db, id, cancellationToken) is not { } found)
        {
            return false;
        }

        (View, Pair) = found;
        var person = await PersonAsync();
        MayWrite = Pair is not null && InterventionAccess.MayWriteFor(person.Actor, Pair.Figures);
        MayUpdate = MayWrite || View.Action.OwnerId == person.Id;
        return true;
    }
}
