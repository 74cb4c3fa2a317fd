using System.Globalization;
using GoldenThread.Bodies;
using GoldenThread.Domain.Partnership;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Pages.Bodies;

/// <summary>
/// <c>/bodies/{code}/meetings/{date}</c>: one meeting's agenda, what is on it because of the rules (<see cref="BodyAgenda"/>).
/// Anyone signed in reads it, like the rest of the framework. <c>/bodies/{code}/meetings/next</c> leads to the next one's.
/// </summary>
public sealed class MeetingModel(GoldenThreadDb db) : PageModel
{
    public Agenda Agenda { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code, string date, [FromServices] ReportingClock clock, CancellationToken cancellationToken)
    {
        if (date == "next")
        {
            // The next meeting's agenda, at its own address.
            var kind = await db.Bodies.Where(b => b.Code == code).Select(b => (BodyKind?)b.Kind).SingleOrDefaultAsync(cancellationToken);
            return kind is { } known && BodyBusiness.NextMeeting(await BodyBusiness.MeetingsAsync(db, known, cancellationToken), clock.Today) is { } next
                ? Redirect(BodyLinks.Meeting(code, next.Date))
                : NotFound();
        }

        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return NotFound();
        }

        var agenda = await BodyAgenda.ForAsync(db, code, day, cancellationToken);
        if (agenda is null)
        {
            return NotFound();
        }

        Agenda = agenda;
        return Page();
    }
}
