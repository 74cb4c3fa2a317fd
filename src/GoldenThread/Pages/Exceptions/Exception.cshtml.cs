using GoldenThread.Access;
using GoldenThread.Administration;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Intervention;
using GoldenThread.Exceptions;
using GoldenThread.Storage;
using GoldenThread.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Pages.Exceptions;

/// <summary>
/// <c>/exceptions/{id}</c>: one exception report (issue 11, item 2): its fields, its state in words, the history of its
/// steps, and the actions open to this person in that state: the accountable body's members note, challenge or accept it
/// (<see cref="InterventionAccess.MayConsiderFor"/>); the delivery lead answers a challenge and writes a data-quality
/// exception (<see cref="InterventionAccess.MayWriteFor"/>); the central team closes it with a reason. Each action is
/// checked again by its use case.
/// </summary>
public sealed class ExceptionModel(
    GoldenThreadDb db, CurrentPerson current, ConsiderException consider, AnswerChallenge answer, WriteDataQualityException write, CloseException close) : PageModel
{
    public List<FieldError> Errors { get; } = [];

    [TempData]
    public string? Notice { get; set; }

    [BindProperty(Name = "decision")]
    public string? Decision { get; set; }

    [BindProperty(Name = "text")]
    public string? Text { get; set; }

    [BindProperty(Name = "answer")]
    public string? AnswerText { get; set; }

    [BindProperty(Name = "reason")]
    public string? Reason { get; set; }

    [BindProperty(Name = "plans")]
    public string? Plans { get; set; }

    [BindProperty(Name = "close_reason")]
    public string? CloseReason { get; set; }

    public ExceptionDetail Detail { get; private set; } = null!;

    public IReadOnlyDictionary<int, string> Names { get; private set; } = new Dictionary<int, string>();

    public bool MayConsider { get; private set; }

    public bool MayAnswer { get; private set; }

    public bool MayWrite { get; private set; }

    public bool MayClose { get; private set; }

    /// <summary>What the reader may do about the exception's indicator and area on the ladder's forms, with the pair chosen.</summary>
    public PairRights Rights { get; private set; } = PairRights.None;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, string? action, CancellationToken cancellationToken)
    {
        var person = await current.GetAsync(cancellationToken);
        if (person is null || person.ByToken)
        {
            return Forbid();
        }

        var actor = await HttpAuditActor.OfAsync(HttpContext);
        var outcome = action switch
        {
            "consider" => await consider.RunAsync(actor, new Consideration(id, person.Actor, Decision, Text), cancellationToken),
            "answer" => await answer.RunAsync(actor, new ChallengeAnswer(id, person.Actor, AnswerText), cancellationToken),
            "save" or "submit" => await write.RunAsync(actor, new DataQualityWriting(id, person.Actor, Reason, Plans, action == "submit"), cancellationToken),
            "close" => await close.RunAsync(actor, new ExceptionClosure(id, person.Actor, CloseReason), cancellationToken),
            _ => AdminChange.Refused("actions", "Choose an action"),
        };
        if (outcome.Succeeded)
        {
            Notice = outcome.Done;
            return Redirect($"/exceptions/{id}");
        }

        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        // A refusal of the whole (not one field of the form) is shown against the actions.
        Errors.AddRange(outcome.Errors.Select(e => e.Field == "exception" ? e with { Field = "actions" } : e));
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public string? ErrorFor(string field) => Errors.Where(e => e.Field == field).Select(e => e.Message).FirstOrDefault();

    public string NameOf(int? personId) => personId is { } id && Names.TryGetValue(id, out var name) ? name : "";

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var detail = await ExceptionQueries.FindAsync(db, id, cancellationToken);
        if (detail is null)
        {
            return false;
        }

        Detail = detail;
        var ids = detail.Steps.Select(s => s.PersonId).OfType<int>().Distinct().ToList();
        Names = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.FullName, cancellationToken);
        var person = await current.GetAsync(cancellationToken);
        if (person is not null && !person.ByToken)
        {
            var report = detail.Report;
            var figures = new Figures(report.IndicatorId, detail.LeadOrganisationId, report.AreaId);
            MayConsider = InterventionAccess.MayConsiderFor(person.Actor, report.BodyId)
                && (ExceptionStates.After(report.State, ExceptionAction.Note) is not null || ExceptionStates.After(report.State, ExceptionAction.Accept) is not null);
            MayAnswer = report.State == ExceptionState.Challenged && InterventionAccess.MayWriteFor(person.Actor, figures);
            MayWrite = report.Kind == ExceptionKind.DataQuality && ExceptionStates.After(report.State, ExceptionAction.Draft) is not null && InterventionAccess.MayWriteFor(person.Actor, figures);
            MayClose = ExceptionStates.IsOpen(report.State) && CloseException.MayClose(person.Actor, detail.LeadOrganisationId);
            Rights = await PairRights.ForAsync(db, person.Actor, cancellationToken);
        }

        Reason ??= detail.Report.Reason;
        Plans ??= detail.Report.Plans;
        return true;
    }
}
