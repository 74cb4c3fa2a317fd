using GoldenThread.Access;
using GoldenThread.Audit;
using GoldenThread.Intervention;
using GoldenThread.Storage;
using GoldenThread.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Pages.Ladder;

/// <summary><c>/ladder/triggers/{id}</c>: a stage set by hand, who raised it and why; the executive board clears it here with the reason.</summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = ExecutiveBoardPolicy.ToPost)]
public sealed class TriggerModel(GoldenThreadDb db, CurrentPerson current, ClearLadderTrigger clear) : PageModel
{
    public LadderTrigger Trigger { get; private set; } = null!;

    public string IndicatorCode { get; private set; } = "";

    public string AreaCode { get; private set; } = "";

    public bool MayClear { get; private set; }

    [BindProperty]
    public string? Reason { get; set; }

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!MayClear)
        {
            return Forbid();
        }

        var person = (await current.GetAsync(cancellationToken))!;
        var outcome = await clear.RunAsync(await HttpAuditActor.OfAsync(HttpContext), new TriggerClearance(person.Actor, id, Reason), cancellationToken);
        if (!outcome.Succeeded)
        {
            Errors = outcome.Errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return Redirect(Pages.Indicators.IndicatorLinks.Indicator(IndicatorCode, AreaCode) + "#manual-stages");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var trigger = await db.LadderTriggers.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (trigger is null)
        {
            return false;
        }

        Trigger = trigger;
        (IndicatorCode, AreaCode) = await TriggerRules.PairCodesAsync(db, trigger.IndicatorId, trigger.AreaId, cancellationToken);
        MayClear = trigger.ClearedInPeriod is null
            && await current.GetAsync(cancellationToken) is { ByToken: false } person
            && await TriggerRules.MayActAsync(db, person.Actor, cancellationToken);
        return true;
    }
}
