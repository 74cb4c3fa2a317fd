using GoldenThread.Access;
using GoldenThread.Bodies;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoldenThread.Pages.Bodies;

/// <summary>
/// <c>/bodies/{code}</c>: one body's business (issue 11, item 1): its members, chair and secretary, the indicators it
/// is accountable for with their status and stage at the current period, its open exceptions, the indicators at each
/// ladder stage, and its meetings, with a link to the next one's agenda. Anyone signed in reads it.
/// </summary>
public sealed class BodyModel(GoldenThreadDb db, ReportingClock clock, CurrentPerson current) : PageModel
{
    public BodyView View { get; private set; } = null!;

    /// <summary>Whether the reader may name the chair and secretary (administrators).</summary>
    public bool MayEdit { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    /// <summary>What waits on the body, in numbers.</summary>
    public BodyWaitingCounts Waiting { get; private set; } = null!;

    /// <summary>The reader's own open notices about the body's business.</summary>
    public IReadOnlyList<Notices.OpenNotice> MyNotices { get; private set; } = [];

    /// <summary>What the reader may do about each of the body's pairs on the ladder (the forms, with the pair chosen).</summary>
    public Web.Forms.PairRights Rights { get; private set; } = Web.Forms.PairRights.None;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        var period = await clock.CurrentPeriodAsync(db, cancellationToken);
        var view = await BodyBusiness.ForAsync(db, code, period, clock.Today, cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        var person = await current.GetAsync(cancellationToken);
        MayEdit = person?.MayAdminister == true;
        Waiting = await BodyWaiting.CountsAsync(db, view, cancellationToken);
        if (person is { ByToken: false })
        {
            MyNotices = await BodyWaiting.NoticesAsync(db, person.Id, view.Body.Id, cancellationToken);
            Rights = await Web.Forms.PairRights.ForAsync(db, person.Actor, cancellationToken);
        }

        return Page();
    }
}
