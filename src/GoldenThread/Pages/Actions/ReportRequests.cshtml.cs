using GoldenThread.Actions;
using GoldenThread.Domain.Access;
using GoldenThread.Intervention;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using GoldenThread.Web.Forms;
using Microsoft.AspNetCore.Mvc;

namespace GoldenThread.Pages.Actions;

/// <summary><c>/report-requests</c>: stage 3's report requests (late ones said so), and, for the executive board, the form to request one.</summary>
public sealed class ReportRequestsModel(GoldenThreadDb db, ReportingClock clock) : ActionsPageModel
{
    public IReadOnlyList<ReportRequestSummary> Requests { get; private set; } = [];

    public bool MayRequest { get; private set; }

    [BindProperty(Name = "indicator", SupportsGet = true)]
    public string? Indicator { get; set; }

    [BindProperty(Name = "area", SupportsGet = true)]
    public string? AreaCode { get; set; }

    [BindProperty(Name = "period", SupportsGet = true)]
    public string? Period { get; set; }

    [BindProperty(Name = "request")]
    public string? Asked { get; set; }

    [BindProperty(Name = "owner")]
    public string? Owner { get; set; }

    [BindProperty(Name = "due")]
    public string? Due { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Period ??= (await clock.CurrentPeriodAsync(db, cancellationToken)).Code;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromServices] RequestReport request, CancellationToken cancellationToken)
    {
        await LoadChoicesAsync(db, PairPurpose.ExecutiveBoard, cancellationToken);
        if (Choices.IsEmpty || !PairMissing(Indicator, AreaCode))
        {
            var change = await request.RunAsync(await ActorAsync(), new ReportRequestInput(await ActorOfAsync(), Indicator, AreaCode, Period, Asked, Owner, Due), cancellationToken);
            if (Done(change, "The owner is told, and the request shows on their tasks."))
            {
                return Redirect($"/report-requests/{change.Id}");
            }
        }

        await LoadAsync(cancellationToken);
        return Refused();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Requests = await ActionQueries.ReportRequestsAsync(db, clock.Today, cancellationToken);
        MayRequest = InterventionAccess.MayActForExecutiveBoard(await ActorOfAsync(), await ActionPairs.ExecutiveBoardIdsAsync(db, cancellationToken));
        if (MayRequest && Choices.IsEmpty)
        {
            await LoadChoicesAsync(db, PairPurpose.ExecutiveBoard, cancellationToken);
        }
    }
}
