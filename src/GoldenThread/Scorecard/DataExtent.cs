using System.Data.Common;
using System.Globalization;
using GoldenThread.Domain.Periods;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Scorecard;

/// <summary>
/// What the stored figures cover, for the pages' choices and defaults: the quarters (first to last, gaps
/// included), the financial years, and the default area (the top-level area with the most entries).
/// </summary>
/// <remarks>
/// Finding the periods reads every values row (nothing indexes the period): about 100 ms of processor time on a
/// national database of a million values rows. The pages therefore keep it, with the rest of
/// <see cref="ScorecardChoices"/>, for a minute.
/// </remarks>
public sealed record DataExtent(IReadOnlyList<Period> Quarters, IReadOnlyList<Period> Years, string? DefaultAreaCode)
{
    /// <summary>The latest quarter with figures, or null when there are none.</summary>
    public Period? LatestQuarter => Quarters.Count == 0 ? null : Quarters[^1];

    /// <summary>Reads the extent through an open context, uncached.</summary>
    public static async Task<DataExtent> ReadAsync(GoldenThreadDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var codes = await db.Values.Select(v => v.Period).Distinct().ToListAsync(cancellationToken);
        var periods = codes.Select(c => Period.TryParse(c, out var p) ? p : (Period?)null).OfType<Period>().ToList();

        var present = periods.Where(p => p.Kind == PeriodKind.Quarter).Order().ToList();
        var quarters = new List<Period>();
        if (present.Count > 0)
        {
            for (var q = present[0]; q <= present[^1]; q = NextQuarter(q))
            {
                quarters.Add(q);
            }
        }

        var years = periods.Select(p => p.FinancialYear).Distinct().OrderDescending().ToList();
        return new DataExtent(quarters, years, await DefaultAreaAsync(db, cancellationToken));
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

        // Both tables are keyed area first, so each area's pairs are one range of the key: this reads the
        // top-level areas' rows only, not the whole table.
        const string sql =
            """
            SELECT area_id, COUNT(*) FROM (
                SELECT area_id, indicator_id FROM targets WHERE area_id IN (SELECT id FROM areas WHERE parent_id IS NULL)
                UNION
                SELECT area_id, indicator_id FROM indicator_values WHERE area_id IN (SELECT id FROM areas WHERE parent_id IS NULL)
            ) pairs GROUP BY area_id
            """;
        var counts = new Dictionary<int, long>();
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            await using DbCommand command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                counts[reader.GetInt32(0)] = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
            }
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }

        return topLevel
            .OrderByDescending(a => counts.GetValueOrDefault(a.Id))
            .ThenBy(a => a.Code, StringComparer.Ordinal)
            .First().Code;
    }

    private static Period NextQuarter(Period quarter) =>
        quarter.Index < 4 ? Period.Create(quarter.Year, quarter.Kind, quarter.Index + 1) : Period.Create(quarter.Year + 1, quarter.Kind, 1);
}
