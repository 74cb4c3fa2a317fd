using System.Globalization;
using GoldenThread.Indicators;
using GoldenThread.Partnership;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace GoldenThread.Storage;

/// <summary>
/// PostgreSQL's fastest path: binary COPY into a staging table shaped like the real one, then, because a row
/// replaces the stored row whole, one delete of the keys it names and one insert in key order: much cheaper
/// for PostgreSQL than ON CONFLICT's per-row speculative insert (docs/decisions/0003-bulk-upsert.md).
/// </summary>
internal sealed class PostgresBulkWriter(GoldenThreadDb db, long? changesOf) : BulkWriter(db, changesOf)
{
    public override async Task UpsertTargetsAsync(IReadOnlyList<StoredTarget> rows, Action<int>? written, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        var t = Tables.Targets;
        string[] columns = [t[nameof(Target.IndicatorId)], t[nameof(Target.AreaId)], t[nameof(Target.Period)], t[nameof(Target.PeriodStart)], t[nameof(Target.Value)]];
        const string Staged = "goldenthread_staged_targets";
        await StageAsync(t, Staged, cancellationToken);
        await using (var importer = await Connection.BeginBinaryImportAsync($"COPY {Staged} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var row in rows)
            {
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(row.IndicatorId, NpgsqlDbType.Integer, cancellationToken);
                await importer.WriteAsync(row.AreaId, NpgsqlDbType.Integer, cancellationToken);
                await importer.WriteAsync(row.Period, NpgsqlDbType.Varchar, cancellationToken);
                await importer.WriteAsync(row.PeriodStart, NpgsqlDbType.Integer, cancellationToken);
                await importer.WriteAsync(row.Value, NpgsqlDbType.Numeric, cancellationToken);
            }

            await importer.CompleteAsync(cancellationToken);
        }

        await ReplaceAsync(t, Staged, columns, TargetFigures(), cancellationToken);
        written?.Invoke(rows.Count);
    }

    public override async Task UpsertValuesAsync(IReadOnlyList<StoredValue> rows, Action<int>? written, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        var v = Tables.Values;
        string[] columns =
        [
            v[nameof(IndicatorValue.IndicatorId)], v[nameof(IndicatorValue.AreaId)], v[nameof(IndicatorValue.Period)], v[nameof(IndicatorValue.PeriodStart)],
            v[nameof(IndicatorValue.Actual)], v[nameof(IndicatorValue.ProjectedOutturn)], v[nameof(IndicatorValue.Note)],
        ];
        const string Staged = "goldenthread_staged_values";
        await StageAsync(v, Staged, cancellationToken);
        await using (var importer = await Connection.BeginBinaryImportAsync($"COPY {Staged} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var row in rows)
            {
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(row.IndicatorId, NpgsqlDbType.Integer, cancellationToken);
                await importer.WriteAsync(row.AreaId, NpgsqlDbType.Integer, cancellationToken);
                await importer.WriteAsync(row.Period, NpgsqlDbType.Varchar, cancellationToken);
                await importer.WriteAsync(row.PeriodStart, NpgsqlDbType.Integer, cancellationToken);
                await WriteNullableAsync(importer, row.Actual, cancellationToken);
                await WriteNullableAsync(importer, row.ProjectedOutturn, cancellationToken);
                if (row.Note is { } note)
                {
                    await importer.WriteAsync(note, NpgsqlDbType.Varchar, cancellationToken);
                }
                else
                {
                    await importer.WriteNullAsync(cancellationToken);
                }
            }

            await importer.CompleteAsync(cancellationToken);
        }

        await ReplaceAsync(v, Staged, columns, ValueFigures(), cancellationToken);
        written?.Invoke(rows.Count);
    }

    private NpgsqlConnection Connection => (NpgsqlConnection)Db.Database.GetDbConnection();

    /// <summary>A staging table with the real table's columns and types (and no keys), dropped with the transaction.</summary>
    private Task StageAsync(StoredTable table, string staged, CancellationToken cancellationToken) =>
        ExecuteAsync($"CREATE TEMP TABLE {staged} (LIKE {table.Name}) ON COMMIT DROP", cancellationToken);

    /// <summary>
    /// Deletes the stored rows the staged rows replace and inserts the staged rows in key order. When changes
    /// are recorded, the delete returns what it removed beside what replaces it, so the changed figures are
    /// found in the same pass over the keys, not by a second join.
    /// </summary>
    private async Task ReplaceAsync(StoredTable table, string staged, string[] columns, IEnumerable<(string Figure, string Column)> figures, CancellationToken cancellationToken)
    {
        var area = table[nameof(IndicatorValue.AreaId)];
        var indicator = table[nameof(IndicatorValue.IndicatorId)];
        var period = table[nameof(IndicatorValue.Period)];
        var matches = $"t.{area} = s.{area} AND t.{indicator} = s.{indicator} AND t.{period} = s.{period}";
        if (ChangesOf is { } entry)
        {
            var (a, i, c) = (Tables.Areas, Tables.Indicators, Tables.Changes);
            var figureList = figures.ToList();
            var returning = string.Join(", ", figureList.Select((f, n) => $"t.{f.Column} AS old{n}, s.{f.Column} AS new{n}"));
            var lateral = string.Join(", ", figureList.Select((f, n) => $"('{f.Figure}', r.old{n} IS DISTINCT FROM r.new{n}, r.old{n}::text, r.new{n}::text)"));
            await ExecuteAsync($"""
                WITH r AS (
                    DELETE FROM {table.Name} t USING {staged} s WHERE {matches}
                    RETURNING s.{area} AS area_id, s.{indicator} AS indicator_id, s.{period} AS period, {returning})
                INSERT INTO {c.Name} ({ChangeColumns})
                SELECT {entry.ToString(CultureInfo.InvariantCulture)}, x.figure, a.{a[nameof(Area.Code)]}, i.{i[nameof(Indicator.Code)]}, r.period, x.old_value, x.new_value
                FROM r
                JOIN {a.Name} a ON a.{a[nameof(Area.Id)]} = r.area_id
                JOIN {i.Name} i ON i.{i[nameof(Indicator.Id)]} = r.indicator_id
                CROSS JOIN LATERAL (VALUES {lateral}) x(figure, changed, old_value, new_value)
                WHERE x.changed
                ORDER BY r.area_id, r.indicator_id, r.period
                """, cancellationToken);
        }
        else
        {
            await ExecuteAsync($"DELETE FROM {table.Name} t USING {staged} s WHERE {matches}", cancellationToken);
        }

        var list = string.Join(", ", columns);
        await ExecuteAsync($"INSERT INTO {table.Name} ({list}) SELECT {list} FROM {staged} ORDER BY {table.Key}", cancellationToken);
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter importer, decimal? value, CancellationToken cancellationToken)
    {
        if (value is { } v)
        {
            await importer.WriteAsync(v, NpgsqlDbType.Numeric, cancellationToken);
        }
        else
        {
            await importer.WriteNullAsync(cancellationToken);
        }
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, Connection);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
