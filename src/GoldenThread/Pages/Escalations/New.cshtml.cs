using GoldenThread.Access;
using GoldenThread.Audit;
using GoldenThread.Intervention;
using GoldenThread.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoldenThread.Pages.Escalations;

/// <summary><c>/escalations/new</c>: raise an issue about an indicator in an area at the delivery lead's level (who may is <see cref="RaiseEscalation"/>'s check).</summary>
public sealed class NewModel(CurrentPerson current, RaiseEscalation raise) : PageModel
{
    [BindProperty]
    public string? Indicator { get; set; }

    [BindProperty]
    public string? Area { get; set; }

    [BindProperty]
    public string? Issue { get; set; }

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    public void OnGet(string? indicator, string? area)
    {
        Indicator = indicator;
        Area = area;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var person = await current.GetAsync(cancellationToken);
        if (person is null || person.ByToken)
        {
            return Forbid();
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
}
