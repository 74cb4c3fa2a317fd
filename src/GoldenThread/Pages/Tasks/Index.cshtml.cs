using GoldenThread.Access;
using GoldenThread.Notices;
using GoldenThread.Reminders;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Pages.Tasks;

/// <summary>
/// <c>/tasks</c>, My tasks: what is due from the signed-in person now, the in-site half of the reminders (anyone signed
/// in, in the browser; the page shows each person only their own tasks), and the notices of the exceptions and ladder
/// workflow not yet done, each of which the person can mark done (their own only).
/// </summary>
public sealed class IndexModel(GoldenThreadDb db, CurrentPerson current, ReportingClock clock, TimeProvider time) : PageModel
{
    public PersonTasks Tasks { get; private set; } = new([], [], [], [], []);

    public IReadOnlyList<OpenNotice> Notices { get; private set; } = [];

    /// <summary>What the last "mark as done" did, shown once.</summary>
    [TempData]
    public string? Done { get; set; }

    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var person = await current.GetAsync(cancellationToken);
        if (person is null)
        {
            return Challenge();
        }

        Today = clock.Today;
        Tasks = await TaskList.ForAsync(db, person, Today, cancellationToken);
        Notices = await NoticeTasks.OpenForAsync(db, person.Id, cancellationToken);
        return Page();
    }

    /// <summary>Marks one of the person's own notices done; someone else's, or one already done, is not found.</summary>
    public async Task<IActionResult> OnPostDoneAsync(long notice, CancellationToken cancellationToken)
    {
        var person = await current.GetAsync(cancellationToken);
        if (person is null)
        {
            return Challenge();
        }

        var subject = await db.Notices.Where(n => n.Id == notice && n.PersonId == person.Id).Select(n => n.Subject).SingleOrDefaultAsync(cancellationToken);
        if (subject is null || !await NoticeTasks.MarkDoneAsync(db, person.Id, notice, time.GetUtcNow(), cancellationToken))
        {
            return NotFound();
        }

        Done = $"Marked as done: {subject}";
        return RedirectToPage();
    }
}
