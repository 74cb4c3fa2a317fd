using GoldenThread.Storage;
using GoldenThread.Timetable;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Pages.Timetable;

/// <summary>
/// <c>/timetable.ics</c>: every milestone of the stored timetable as an iCalendar feed, public like the page, for
/// subscribing in Outlook. The UIDs carry the site's host name, so they stay the same for every download.
/// </summary>
[AllowAnonymous]
public sealed class CalendarModel(GoldenThreadDb db, TimeProvider time) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var milestones = await db.TimetableMilestones.AsNoTracking().ToListAsync(cancellationToken);
        var feed = TimetableCalendar.Write(milestones, time.GetUtcNow(), Request.Host.Host);
        return Content(feed, TimetableCalendar.ContentType);
    }
}
