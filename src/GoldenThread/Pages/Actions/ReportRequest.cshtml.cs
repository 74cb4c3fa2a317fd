using GoldenThread.Actions;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Intervention;
using GoldenThread.Intervention;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using Microsoft.AspNetCore.Mvc;

namespace GoldenThread.Pages.Actions;

/// <summary>
/// <c>/report-requests/{id}</c>: a stage 3 request: what the board asked, of whom, by when; the owner's answer (causes,
/// options and the attached report); the board's decision. Read by those it concerns (<see cref="ReportAccess"/>).
/// </summary>
[RequestSizeLimit(2 * ReportRequest.MaximumDocumentBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = 2 * ReportRequest.MaximumDocumentBytes)]
public sealed class ReportRequestModel(GoldenThreadDb db, ReportingClock clock) : ActionsPageModel
{
    public ReportRequestView View { get; private set; } = null!;

    public bool MayAnswer { get; private set; }

    public bool MayConsider { get; private set; }

    [BindProperty(Name = "causes")]
    public string? Causes { get; set; }

    [BindProperty(Name = "options")]
    public string? Options { get; set; }

    [BindProperty(Name = "decision")]
    public string? Decision { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        (Causes, Options) = (View.Request.Causes, View.Request.Options);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(
        int id,
        [FromForm(Name = "action")] string? step,
        [FromForm(Name = "document")] IFormFile? document,
        [FromServices] AnswerReport answer,
        [FromServices] ConsiderReport consider,
        CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        var actor = await ActorOfAsync();
        Administration.AdminChange change;
        if (step == "consider")
        {
            change = await consider.RunAsync(await ActorAsync(), new ReportDecisionInput(actor, id, Decision), cancellationToken);
        }
        else
        {
            UploadedDocument? upload = null;
            if (document is { Length: > 0 })
            {
                if (document.Length > ReportRequest.MaximumDocumentBytes)
                {
                    Errors.Add(new FieldError("document", $"The report must be smaller than {ReportRequest.MaximumDocumentBytes / (1024 * 1024)} MB"));
                    return Refused();
                }

                using var buffer = new MemoryStream();
                await document.CopyToAsync(buffer, cancellationToken);
                upload = new UploadedDocument(document.FileName, document.ContentType, buffer.ToArray());
            }

            change = await answer.RunAsync(await ActorAsync(), new ReportAnswerInput(actor, id, Causes, Options, upload), cancellationToken);
        }

        return Done(change) ? Redirect($"/report-requests/{id}") : Refused();
    }

    /// <summary>Finds the request and decides what this person may do; a result when they may not see it at all.</summary>
    private async Task<IActionResult?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        if (await ReportRequestQueries.FindAsync(db, id, clock.Today, cancellationToken) is not { } view)
        {
            return NotFound();
        }

        View = view;
        var person = await PersonAsync();
        var board = await ActionPairs.ExecutiveBoardIdsAsync(db, cancellationToken);
        if (!ReportAccess.MayRead(person.Actor, person.Id, view.Request, view.Pair, board))
        {
            await AccessAudit.DeniedAsync(HttpContext, $"may not read report request {id}");
            return Forbid();
        }

        MayAnswer = view.Request.State != ReportRequestState.Considered
            && (view.Request.OwnerId == person.Id || InterventionAccess.MayWriteFor(person.Actor, view.Pair.Figures));
        MayConsider = view.Request.State == ReportRequestState.Answered && InterventionAccess.MayActForExecutiveBoard(person.Actor, board);
        return null;
    }
}

/// <summary>Who reads a stage 3 request's answer and its attached report.</summary>
public static class ReportAccess
{
    /// <summary>
    /// The executive board (and administrators), the owner, those who write for the pair, the members of the body
    /// accountable for the indicator, and auditors.
    /// </summary>
    public static bool MayRead(Actor actor, int personId, ReportRequest request, ActionPair pair, IReadOnlyCollection<int> executiveBoardIds)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(pair);
        return request.OwnerId == personId
            || InterventionAccess.MayActForExecutiveBoard(actor, executiveBoardIds)
            || InterventionAccess.MayWriteFor(actor, pair.Figures)
            || (pair.BodyId is { } body && InterventionAccess.IsMemberOf(actor, body))
            || actor.Holds(Role.Auditor);
    }
}
