using GoldenThread.Access;
using GoldenThread.Audit;
using GoldenThread.Intervention;
using GoldenThread.Storage;
using GoldenThread.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoldenThread.Pages.Ladder;

/// <summary><c>/ladder/triggers/new</c>: the executive board sets a stage by hand for an indicator in an area, with the reason and evidence.</summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = ExecutiveBoardPolicy.Name)]
public sealed class NewTriggerModel(GoldenThreadDb db, CurrentPerson current, RaiseLadderTrigger raise) : PageModel
{
    [BindProperty]
    public string? Indicator { get; set; }

    [BindProperty]
    public string? Area { get; set; }

    [BindProperty]
    public int? Stage { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? Evidence { get; set; }

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    /// <summary>Every indicator and area: the executive board may raise any pair.</summary>
    public PairChoices Choices { get; private set; } = PairChoices.None;

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    public async Task<IActionResult> OnGetAsync(string? indicator, string? area, CancellationToken cancellationToken)
    {
        if (!await MayAsync(cancellationToken))
        {
            return Forbid();
        }

        Indicator = indicator;
        Area = area;
        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var person = await current.GetAsync(cancellationToken);
        if (person is null || !await MayAsync(cancellationToken))
        {
            return Forbid();
        }

        await LoadChoicesAsync(cancellationToken);
        if (Choices.Check(Indicator, Area) is { Count: > 0 } missing)
        {
            Errors = missing;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var outcome = await raise.RunAsync(await HttpAuditActor.OfAsync(HttpContext), new TriggerRaise(person.Actor, Indicator, Area, Stage, Reason, Evidence), cancellationToken);
        if (!outcome.Succeeded)
        {
            Errors = outcome.Errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        TempData["LadderNotice"] = outcome.Done;
        return Redirect(Pages.Indicators.IndicatorLinks.Indicator(Indicator!.Trim(), Area!.Trim()) + "#manual-stages");
    }

    private async Task LoadChoicesAsync(CancellationToken cancellationToken) =>
        Choices = await PairChoices.ForAsync(db, (await current.GetAsync(cancellationToken))?.Actor, PairPurpose.ExecutiveBoard, cancellationToken);

    private async Task<bool> MayAsync(CancellationToken cancellationToken) =>
        await current.GetAsync(cancellationToken) is { ByToken: false } person && await TriggerRules.MayActAsync(db, person.Actor, cancellationToken);
}
