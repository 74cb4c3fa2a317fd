using GoldenThread.Access;
using GoldenThread.Domain.Periods;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Pages.Timetable;

/// <summary>
/// <c>/timetable</c>: the reporting timetable of a financial year (the current period's unless <c>?year=</c> names
/// another), quarter by quarter, public like the council's published meeting dates. The central team also sees where
/// each quarter's cycle stands, with the actions to issue its forms and to close it.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(GoldenThreadDb db, ReportingClock clock, CurrentPerson currentPerson) : PageModel
{
    /// <summary>One quarter as the page shows it.</summary>
    public sealed record QuarterView(Period Quarter, IReadOnlyList<TimetableMilestone> Milestones, PeriodCycle? Cycle, string? IssuedBy, string? ClosedBy);

    public Period Year { get; private set; }

    public Period Current { get; private set; }

    public IReadOnlyList<QuarterView> Quarters { get; private set; } = [];

    public bool IsCentralTeam { get; private set; }

    public string? YearError => Errors.Count > 0 ? Errors[0].Message : null;

    public List<FieldError> Errors { get; } = [];

    /// <summary>What the last action did, shown once.</summary>
    [TempData]
    public string? Notice { get; set; }

    /// <summary>Why the last action was refused, shown once.</summary>
    [TempData]
    public string? Problem { get; set; }

    public async Task<IActionResult> OnGetAsync(string? year, CancellationToken cancellationToken)
    {
        Current = await clock.CurrentPeriodAsync(db, cancellationToken);
        Year = Current.FinancialYear;
        if (!string.IsNullOrWhiteSpace(year))
        {
            if (!TimetableStore.TryParseYear(year, out var asked))
            {
                Errors.Add(new FieldError("year", $"There is no year '{year.Trim()}'. Give a financial year such as {Year.Code}"));
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }

            Year = asked;
        }

        IsCentralTeam = (await currentPerson.GetAsync(cancellationToken))?.IsCentralTeam == true;
        var milestones = await TimetableStore.YearAsync(db, Year, cancellationToken);
        var quarters = TimetableStore.QuartersOf(Year);
        var codes = quarters.Select(q => q.Code).ToList();
        var cycles = IsCentralTeam
            ? await db.PeriodCycles.AsNoTracking().Where(c => codes.Contains(c.Period)).ToListAsync(cancellationToken)
            : [];
        var peopleIds = cycles.SelectMany(c => new[] { c.FormsIssuedById, c.ClosedById }).OfType<int>().Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => peopleIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Email, cancellationToken);
        Quarters = quarters.Select(q =>
        {
            var cycle = cycles.FirstOrDefault(c => c.Period == q.Code);
            return new QuarterView(
                q,
                milestones.Where(m => m.Period == q.Code).ToList(),
                cycle,
                Who(cycle?.FormsIssuedAt, cycle?.FormsIssuedById),
                Who(cycle?.ClosedAt, cycle?.ClosedById));
        }).ToList();
        return Page();

        string? Who(DateTimeOffset? at, int? id) =>
            at is null ? null : id is { } personId ? people.GetValueOrDefault(personId, "someone since removed") : "the worker, on the forms date";
    }

    public static string Day(DateTimeOffset at) => TimetableDates.Long(DateOnly.FromDateTime(at.UtcDateTime));

    public string YearHref(Period year) => $"/timetable?year={year.Code}";
}
