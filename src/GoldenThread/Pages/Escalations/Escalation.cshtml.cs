using GoldenThread.Access;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Intervention;
using GoldenThread.Intervention;
using GoldenThread.Storage;
using GoldenThread.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Pages.Escalations;

/// <summary>
/// <c>/escalations/{id}</c>: an escalated issue, each step with its decision and date; those at the level it stands at
/// (<see cref="InterventionAccess.MayEscalateFrom"/>) pass it up the chain (<c>?handler=escalate</c>) or resolve it (<c>?handler=resolve</c>).
/// </summary>
public sealed class EscalationModel(GoldenThreadDb db, CurrentPerson current, DecideEscalation decide) : PageModel
{
    public Escalation Escalation { get; private set; } = null!;

    public string IndicatorCode { get; private set; } = "";

    public string AreaCode { get; private set; } = "";

    public IReadOnlyDictionary<int, string> BodyNames { get; private set; } = new Dictionary<int, string>();

    public IReadOnlyList<EscalationStep> Steps { get; private set; } = [];

    public bool MayDecide { get; private set; }

    [BindProperty]
    public string? Decision { get; set; }

    [BindProperty]
    public DateOnly? DecidedOn { get; set; }

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostEscalateAsync(int id, CancellationToken cancellationToken) => DecideAsync(id, resolve: false, cancellationToken);

    public Task<IActionResult> OnPostResolveAsync(int id, CancellationToken cancellationToken) => DecideAsync(id, resolve: true, cancellationToken);

    private async Task<IActionResult> DecideAsync(int id, bool resolve, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!MayDecide)
        {
            return Forbid();
        }

        var person = (await current.GetAsync(cancellationToken))!;
        var outcome = await decide.RunAsync(await HttpAuditActor.OfAsync(HttpContext), new EscalationDecision(person.Actor, id, resolve, Decision, DecidedOn), cancellationToken);
        if (!outcome.Succeeded)
        {
            Errors = outcome.Errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return Redirect(EscalationBodies.Links.Escalation(id));
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var escalation = await db.Escalations.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (escalation is null)
        {
            return false;
        }

        Escalation = escalation;
        (IndicatorCode, AreaCode) = await TriggerRules.PairCodesAsync(db, escalation.IndicatorId, escalation.AreaId, cancellationToken);
        BodyNames = await db.Bodies.AsNoTracking().Select(b => new { b.Id, b.Name }).ToDictionaryAsync(b => b.Id, b => b.Name, cancellationToken);
        Steps = await db.EscalationSteps.AsNoTracking().Where(s => s.EscalationId == id).OrderBy(s => s.At).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        if (escalation.State == EscalationState.Open && await current.GetAsync(cancellationToken) is { ByToken: false } person)
        {
            var lead = await db.Indicators.AsNoTracking().Where(i => i.Id == escalation.IndicatorId).Select(i => i.LeadOrganisationId).SingleAsync(cancellationToken);
            var acting = await EscalationBodies.ActingAtAsync(db, escalation.IndicatorId, escalation.Level, cancellationToken);
            MayDecide = InterventionAccess.MayEscalateFrom(person.Actor, new Figures(escalation.IndicatorId, lead, escalation.AreaId), acting);
        }

        return true;
    }
}
