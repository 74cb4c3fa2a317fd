using GoldenThread.Access;
using GoldenThread.Audit;
using GoldenThread.Intervention;
using GoldenThread.Storage;
using GoldenThread.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoldenThread.Pages.Escalations;

/// <summary><c>/escalations/new</c>: raise an issue about an indicator in an area at the delivery lead's level (who may is <see cref="RaiseEscalation"/>'s check).</summary>
public sealed class NewModel(GoldenThreadDb db, CurrentPerson current, RaiseEscalation raise) : PageModel
{
    [BindProperty]
    public string? Indicator { get; set; }

    [BindProperty]
    public string? Area { get; set; }

    [BindProperty]
    public string? Issue { get; set; }

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    /// <summary>The indicators and areas the person may escalate an issue about.</summary>
    public PairChoices Choices { get; private set; } = PairChoices.None;

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    public async Task OnGetAsync(string? indicator, string? area, CancellationToken cancellationToken)
    {
        Indicator = indicator;
        Area = area;
        await LoadChoicesAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var person = await current.GetAsync(cancellationToken);
        if (person is null || person.ByToken)
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

        var outcome = await raise.RunAsync(await HttpAuditActor.OfAsync(HttpContext), new EscalationRaise(person.Actor, Indicator, Area, Issue), cancellationToken);
        if (!outcome.Succeeded)
        {
            Errors = outcome.Errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return Redirect(EscalationBodies.Links.Escalation(outcome.Id!.Value));
    }

    private async Task LoadChoicesAsync(CancellationToken cancellationToken) =>
        Choices = await PairChoices.ForAsync(db, await current.GetAsync(cancellationToken) is { ByToken: false } person ? person.Actor : null, PairPurpose.Escalate, cancellationToken);
}
