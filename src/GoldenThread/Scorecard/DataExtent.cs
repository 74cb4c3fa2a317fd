using GoldenThread.Domain.Periods;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Scorecard;

/// <summary>
/// What the pages offer and default to: the quarters from the first with figures up to the current quarter (gaps
/// included), the financial years with figures up to the current one, and the default area (the top-level area with
/// the most entries). The current quarter comes from the reporting clock, never from the figures: a figure stored for
/// a later period is not offered, and cannot move the pages or make them fail.
/// </summary>
/// <remarks>
/// Finding the periods reads every values row (nothing indexes the period): about 100 ms of processor time on a
/// national database of a million values rows. The pages therefore keep it, with the rest of
/// <see cref="ScorecardChoices"/>, for a minute.
/// </remarks>
public sealed record DataExtent(Period CurrentQuarter, IReadOnlyList<Period> Quarters, IReadOnlyList<Period> Years, string? DefaultAreaCode)
{
    /// <summary>Reads the extent through an open context, uncached, for a site whose current quarter is <paramref name="currentQuarter"/>.</summary>
    public static async Task<DataExtent> ReadAsync(GoldenThreadDb db, Period currentQuarter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var periods = (await FigureStore.PeriodsWithValuesAsync(db, Publication.EveryStoredFigure, cancellationToken))
            .Where(p => p.StartOrdinal <= currentQuarter.EndOrdinal)
            .ToList();

        var quarterly = periods.Where(p => p.Kind == PeriodKind.Quarter).ToList();
        var quarters = quarterly.Count == 0 ? [] : QuartersBetween(quarterly.Min(), currentQuarter);
        var years = periods.Select(p => p.FinancialYear).Distinct().OrderDescending().ToList();
        return new DataExtent(currentQuarter, quarters, years, await DefaultAreaAsync(db, cancellationToken));
    }

    /// <summary>Every quarter from <paramref name="first"/> to <paramref name="last"/>, in order; none when the first is later.</summary>
    public static IReadOnlyList<Period> QuartersBetween(Period first, Period last)
    {
        var quarters = new List<Period>();
        for (var q = first; q <= last; q = q.Index < 4 ? Period.Create(q.Year, PeriodKind.Quarter, q.Index + 1) : Period.Create(q.Year + 1, PeriodKind.Quarter, 1))
        {
            quarters.Add(q);
            if (q == last)
            {
                break; // The last quarter of the last year a period may have has no next one.
            }
        }

        return quarters;
    }

    /// <summary>
    /// The area with no parent that has the most entries (indicator and area pairs with a target or a values
    /// row), ties going to the lower code: the county whose partnership the site most likely serves.
    /// </summary>
    private static async Task<string?> DefaultAreaAsync(GoldenThreadDb db, CancellationToken cancellationToken)
    {
        var topLevel = await db.Areas.Where(a => a.ParentId == null).Select(a => new { a.Id, a.Code }).ToListAsync(cancellationToken);
        if (topLevel.Count == 0)
        {
            return null;
        }

        var counts = await FigureStore.PairsPerTopLevelAreaAsync(db, Publication.EveryStoredFigure, cancellationToken);
        return topLevel
            .OrderByDescending(a => counts.GetValueOrDefault(a.Id))
            .ThenBy(a => a.Code, StringComparer.Ordinal)
            .First().Code;
    }
}
