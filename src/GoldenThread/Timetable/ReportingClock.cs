using GoldenThread.Domain.Periods;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Timetable;

/// <summary>
/// The reporting calendar's "today": the date in England by <see cref="TimeProvider"/>, or a fixed date for a
/// site that runs on a clock of its own (the demonstration lives inside its data's years). Everything that asks
/// "which quarter is current" or "has this period started" asks this, never the figures that happen to exist.
/// Until the reporting timetable arrives, the current quarter is the latest quarter that has ended.
/// </summary>
public sealed class ReportingClock(TimeProvider time, DateOnly? fixedToday = null)
{
    private static readonly TimeZoneInfo England = FindEngland();

    /// <summary>The date the reporting calendar stands at.</summary>
    public DateOnly Today => fixedToday ?? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), England).DateTime);

    /// <summary>Whether the site runs on a date of its own rather than the real one (said on every page).</summary>
    public bool IsFixed => fixedToday is not null;

    /// <summary>The latest quarter that has ended: the current period when no quarter's cycle is open.</summary>
    public Period CurrentQuarter => Period.LatestEndedQuarter(Today);

    /// <summary>
    /// The current period, which the home page, the defaults of every page and the command line follow: the latest
    /// quarter whose forms are issued and whose cycle the central team has not closed (<c>period_cycles</c>); when there
    /// is none, the latest quarter that has ended (<see cref="CurrentQuarter"/>). Never the figures that happen to exist.
    /// </summary>
    public async Task<Period> CurrentPeriodAsync(GoldenThreadDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var open = await db.PeriodCycles.AsNoTracking()
            .Where(c => c.FormsIssuedAt != null && c.ClosedAt == null)
            .OrderByDescending(c => c.PeriodStart)
            .Select(c => c.Period)
            .FirstOrDefaultAsync(cancellationToken);
        return Period.TryParse(open, out var period) ? period : CurrentQuarter;
    }

    private static TimeZoneInfo FindEngland() =>
        TimeZoneInfo.TryFindSystemTimeZoneById("Europe/London", out var zone) ? zone : TimeZoneInfo.Utc;
}
