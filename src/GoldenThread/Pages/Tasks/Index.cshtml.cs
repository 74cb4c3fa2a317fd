using GoldenThread.Access;
using GoldenThread.Reminders;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoldenThread.Pages.Tasks;

/// <summary>
/// <c>/tasks</c>, My tasks: what is due from the signed-in person now, the in-site half of the reminders (anyone signed
/// in, in the browser; the page shows each person only their own tasks).
/// </summary>
public sealed class IndexModel(GoldenThreadDb db, CurrentPerson current, ReportingClock clock) : PageModel
{
    public PersonTasks Tasks { get; private set; } = new([], [], [], [], []);

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
        return Page();
    }
}
