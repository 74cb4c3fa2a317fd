using GoldenThread.Domain.Periods;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Scorecard;

/// <summary>
/// Whether a report's period is still in progress: some quarter it covers has a cycle (a <c>period_cycles</c> row,
/// which the timetable's actions make) that the central team has not closed (<c>ClosedAt</c> null). Its figures may
/// still change, so every page and report of it says so. A quarter with no cycle at all (figures loaded from past
/// years' spreadsheets, before the site ran the cycle) is not in progress.
/// </summary>
public static class CycleProgress
{
    private const int QuarterMonths = 3;

    public static async Task<bool> IsInProgressAsync(GoldenThreadDb db, Period period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (start, end) = (period.StartOrdinal, period.EndOrdinal);
        // A quarter overlaps the period when it starts before the period ends and ends after the period starts.
        return await db.PeriodCycles.AnyAsync(
            c => c.ClosedAt == null && c.PeriodStart <= end && c.PeriodStart + QuarterMonths - 1 >= start, cancellationToken);
    }

    /// <summary>The sentence a page or report of a period in progress shows.</summary>
    public static string Notice(Period period) =>
        $"{period.DisplayName} is still in progress: its cycle has not been closed, so its figures may change until it is.";
}
