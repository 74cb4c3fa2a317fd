using GoldenThread.Access;
using GoldenThread.Domain.Periods;
using GoldenThread.Domain.Returns;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Pages.Returns;

/// <summary><c>/returns</c>: "Your returns", the returns issued to the signed-in person, newest quarter first, with their deadlines.</summary>
public sealed class IndexModel(GoldenThreadDb db, CurrentPerson current, ReportingClock clock) : PageModel
{
    /// <summary>One return in the list.</summary>
    public sealed record Row(int Id, string Quarter, ReturnState State, DateOnly? Deadline, bool Late, int Lines);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var person = await current.GetAsync(cancellationToken);
        if (person is null)
        {
            return Forbid();
        }

        var returns = await db.Returns.AsNoTracking()
            .Where(r => r.AssigneeId == person.Id)
            .Select(r => new { r.Id, r.Period, r.State, Lines = r.Lines.Count })
            .ToListAsync(cancellationToken);
        var deadlines = await ReturnPage.DeadlinesAsync(db, [.. returns.Select(r => r.Period).Distinct()], cancellationToken);
        var today = clock.Today;
        Rows = [.. returns
            .Select(r =>
            {
                var deadline = deadlines.TryGetValue(r.Period, out var d) ? d : (DateOnly?)null;
                var name = Period.TryParse(r.Period, out var p) ? p.DisplayName : r.Period;
                return new Row(r.Id, name, r.State, deadline, ReturnStates.IsLate(r.State, deadline, today), r.Lines);
            })
            .OrderByDescending(r => r.Quarter, StringComparer.Ordinal)
            .ThenBy(r => r.Id)];
        return Page();
    }
}
