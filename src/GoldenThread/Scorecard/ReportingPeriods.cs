using GoldenThread.Domain.Periods;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Scorecard;

/// <summary>Which periods the data covers, for choosing a page's default period and offering the others.</summary>
public static class ReportingPeriods
{
    /// <summary>The latest quarter that has any values row, or null when there are no quarterly figures at all.</summary>
    public static async Task<Period?> LatestQuarterAsync(GoldenThreadDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var quarters = await QuartersAsync(db, cancellationToken);
        return quarters.Count == 0 ? null : quarters[^1];
    }

    /// <summary>Every quarter from the first to the last with a values row, in order (gaps included, so none is unreachable).</summary>
    public static async Task<IReadOnlyList<Period>> QuartersAsync(GoldenThreadDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var codes = await db.Values.Where(v => v.Period.Contains("-Q")).Select(v => v.Period).Distinct().ToListAsync(cancellationToken);
        var present = codes.Select(Period.Parse).Order().ToList();
        if (present.Count == 0)
        {
            return [];
        }

        var all = new List<Period>();
        for (var p = present[0]; p <= present[^1]; p = Next(p))
        {
            all.Add(p);
        }

        return all;
    }

    private static Period Next(Period quarter) =>
        quarter.Index < 4 ? Period.Create(quarter.Year, quarter.Kind, quarter.Index + 1) : Period.Create(quarter.Year + 1, quarter.Kind, 1);
}
