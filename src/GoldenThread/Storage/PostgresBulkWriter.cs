using System.Globalization;
using System.Runtime.CompilerServices;
using GoldenThread.Audit;
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
internal sealed class PostgresBulkWriter(GoldenThreadDb db, long? changesOf, FigureRecording? recording) : BulkWriter(db, changesOf, recording)
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
        // Into an empty table every row is new: COPY straight into it, and the records written here (as for values).
        if (await IsEmptyAsync(t, cancellationToken))
        {
            Copy($"{t.Name} ({string.Join(", ", columns)})", importer => WriteTargets(importer, rows, KeyOrder(rows, r => (r.AreaId, r.IndicatorId, r.Period)), cancellationToken));
            if (Recording is { } recording)
            {
                CopyRecords(recording, importer => NewRecords.Targets(importer, recording, rows, KeyOrder(rows, r => (r.IndicatorId, r.AreaId, r.Period)), cancellationToken));
            }

            written?.Invoke(rows.Count);
            return;
        }

        const string Staged = "goldenthread_staged_targets";
        await StageAsync(t, Staged, cancellationToken);
        Copy($"{Staged} ({string.Join(", ", columns)})", importer => WriteTargets(importer, rows, null, cancellationToken));
        await ReplaceAsync(t, Staged, columns, TargetFigures(), signOff: false, cancellationToken);
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
            v[nameof(IndicatorValue.SignedOffAt)], v[nameof(IndicatorValue.SignedOffById)],
        ];
        var signOff = Recording?.SignOff;
        if (await IsEmptyAsync(v, cancellationToken))
        {
            Copy($"{v.Name} ({string.Join(", ", columns)})", importer => WriteValues(importer, rows, KeyOrder(rows, r => (r.AreaId, r.IndicatorId, r.Period)), signOff, cancellationToken));
            if (Recording is { } recording)
            {
                CopyRecords(recording, importer => NewRecords.Values(importer, recording, rows, KeyOrder(rows, r => (r.IndicatorId, r.AreaId, r.Period)), cancellationToken));
            }

            written?.Invoke(rows.Count);
            return;
        }

        const string Staged = "goldenthread_staged_values";
        await StageAsync(v, Staged, cancellationToken);
        Copy($"{Staged} ({string.Join(", ", columns)})", importer => WriteValues(importer, rows, null, signOff, cancellationToken));
        await ReplaceAsync(v, Staged, columns, ValueFigures(), signOff: true, cancellationToken);
        written?.Invoke(rows.Count);
    }

    /// <summary>
    /// One binary COPY, written with synchronous calls: the rows are already in memory, and an awaited call per column
    /// (tens of millions for a national bundle) cost more than the copy itself. Cancellation is checked between
    /// batches of rows; a COPY left without completing is cancelled when the importer is disposed.
    /// </summary>
    private void Copy(string target, Action<NpgsqlBinaryImporter> write)
    {
        using var importer = Connection.BeginBinaryImport($"COPY {target} FROM STDIN (FORMAT BINARY)");
        write(importer);
        importer.Complete();
    }

    private void CopyRecords(FigureRecording recording, Action<NpgsqlBinaryImporter> write) =>
        Copy($"{Tables.Records.Name} ({RecordColumns})", write);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteTargets(NpgsqlBinaryImporter importer, IReadOnlyList<StoredTarget> rows, int[]? order, CancellationToken cancellationToken)
    {
        for (var n = 0; n < rows.Count; n++)
        {
            var row = rows[order is null ? n : order[n]];
            Checkpoint(n, cancellationToken);
            importer.StartRow();
            importer.Write(row.IndicatorId, NpgsqlDbType.Integer);
            importer.Write(row.AreaId, NpgsqlDbType.Integer);
            importer.Write(row.Period, NpgsqlDbType.Varchar);
            importer.Write(row.PeriodStart, NpgsqlDbType.Integer);
            importer.Write(row.Value, NpgsqlDbType.Numeric);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteValues(NpgsqlBinaryImporter importer, IReadOnlyList<StoredValue> rows, int[]? order, FigureSignOff? signOff, CancellationToken cancellationToken)
    {
        for (var n = 0; n < rows.Count; n++)
        {
            var row = rows[order is null ? n : order[n]];
            Checkpoint(n, cancellationToken);
            importer.StartRow();
            importer.Write(row.IndicatorId, NpgsqlDbType.Integer);
            importer.Write(row.AreaId, NpgsqlDbType.Integer);
            importer.Write(row.Period, NpgsqlDbType.Varchar);
            importer.Write(row.PeriodStart, NpgsqlDbType.Integer);
            WriteNullable(importer, row.Actual);
            WriteNullable(importer, row.ProjectedOutturn);
            if (row.Note is { } note)
            {
                importer.Write(note, NpgsqlDbType.Varchar);
            }
            else
            {
                importer.WriteNull();
            }

            if (signOff is not null)
            {
                importer.Write(signOff.At, NpgsqlDbType.TimestampTz);
                importer.Write(signOff.ById, NpgsqlDbType.Integer);
            }
            else
            {
                importer.WriteNull();
                importer.WriteNull();
            }
        }
    }

    private static void Checkpoint(int n, CancellationToken cancellationToken)
    {
        if (n % 50_000 == 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>
    /// Whether the table has no row. When it has none, it is locked against other writers (readers go on) until the
    /// import's transaction ends, so that it stays empty while the rows are copied in; checked again under the lock.
    /// </summary>
    private async Task<bool> IsEmptyAsync(StoredTable table, CancellationToken cancellationToken)
    {
        var empty = $"SELECT NOT EXISTS (SELECT 1 FROM {table.Name})";
        if (!await ScalarAsync(empty, cancellationToken))
        {
            return false;
        }

        await ExecuteAsync($"LOCK TABLE {table.Name} IN SHARE ROW EXCLUSIVE MODE", cancellationToken);
        return await ScalarAsync(empty, cancellationToken);
    }

    private async Task<bool> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, Connection);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// The record of every figure for rows copied into an empty table, where every row is new: each figure a row holds
    /// (and its sign-off, if it is loaded signed off), as <see cref="ReplaceAsync"/> records the new rows of a table that
    /// is not empty, in the order of the records' index (indicator, area, period).
    /// </summary>
    private static class NewRecords
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Targets(NpgsqlBinaryImporter importer, FigureRecording recording, IReadOnlyList<StoredTarget> rows, int[] order, CancellationToken cancellationToken)
        {
            for (var n = 0; n < order.Length; n++)
            {
                var row = rows[order[n]];
                Checkpoint(n, cancellationToken);
                Write(importer, recording, row.IndicatorId, row.AreaId, row.Period, ImportChange.Target, RecordText(row.Value), null);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Values(NpgsqlBinaryImporter importer, FigureRecording recording, IReadOnlyList<StoredValue> rows, int[] order, CancellationToken cancellationToken)
        {
            var signOff = recording.SignOff;
            for (var n = 0; n < order.Length; n++)
            {
                var row = rows[order[n]];
                Checkpoint(n, cancellationToken);
                if (row.Actual is { } actual)
                {
                    Write(importer, recording, row.IndicatorId, row.AreaId, row.Period, ImportChange.Actual, RecordText(actual), null);
                }

                if (row.ProjectedOutturn is { } projected)
                {
                    Write(importer, recording, row.IndicatorId, row.AreaId, row.Period, ImportChange.ProjectedOutturn, RecordText(projected), null);
                }

                if (row.Note is { } note)
                {
                    Write(importer, recording, row.IndicatorId, row.AreaId, row.Period, ImportChange.Note, note, null);
                }

                if (signOff is not null)
                {
                    Write(importer, recording, row.IndicatorId, row.AreaId, row.Period, History.RecordedFields.SignedOff, History.RecordedFields.SignedOffValue, signOff.Reason);
                }
            }
        }

        /// <summary>One record, in the columns' order of <see cref="BulkWriter.RecordColumns"/>; the old value is none.</summary>
        private static void Write(NpgsqlBinaryImporter importer, FigureRecording recording, int indicator, int area, string period, string field, string value, string? reason)
        {
            importer.StartRow();
            importer.Write(recording.At, NpgsqlDbType.TimestampTz);
            if (recording.PersonId is { } person)
            {
                importer.Write(person, NpgsqlDbType.Integer);
            }
            else
            {
                importer.WriteNull();
            }

            importer.Write(recording.RecordedWho, NpgsqlDbType.Varchar);
            importer.Write(indicator, NpgsqlDbType.Integer);
            importer.Write(area, NpgsqlDbType.Integer);
            importer.Write(period, NpgsqlDbType.Varchar);
            importer.Write(field, NpgsqlDbType.Varchar);
            importer.WriteNull();
            importer.Write(value, NpgsqlDbType.Varchar);
            if (reason is not null)
            {
                importer.Write(reason, NpgsqlDbType.Varchar);
            }
            else
            {
                importer.WriteNull();
            }

            importer.Write(History.FigureSources.Import, NpgsqlDbType.Varchar);
        }
    }

    private NpgsqlConnection Connection => (NpgsqlConnection)Db.Database.GetDbConnection();

    /// <summary>A staging table with the real table's columns and types (and no keys), dropped with the transaction.</summary>
    private Task StageAsync(StoredTable table, string staged, CancellationToken cancellationToken) =>
        ExecuteAsync($"CREATE TEMP TABLE {staged} (LIKE {table.Name}) ON COMMIT DROP", cancellationToken);

    /// <summary>
    /// Deletes the stored rows the staged rows replace and inserts the staged rows in key order. The delete returns
    /// what it removed beside what replaces it, so that in the same pass over the keys: the changed figures are
    /// recorded (under the import's audit entry, and in the record of every figure), a values row whose figures
    /// stay as they were keeps its sign-off (copied onto the staged row), and a row that changes loses it. The
    /// staged rows that replaced nothing are new: each of their figures is recorded as added.
    /// </summary>
    private async Task ReplaceAsync(
        StoredTable table, string staged, string[] columns, IEnumerable<(string Figure, string Column)> figures, bool signOff, CancellationToken cancellationToken)
    {
        var area = table[nameof(IndicatorValue.AreaId)];
        var indicator = table[nameof(IndicatorValue.IndicatorId)];
        var period = table[nameof(IndicatorValue.Period)];
        var matches = $"t.{area} = s.{area} AND t.{indicator} = s.{indicator} AND t.{period} = s.{period}";
        var figureList = figures.ToList();
        var returning = string.Join(", ", figureList.Select((f, n) => $"t.{f.Column} AS old{n}, s.{f.Column} AS new{n}"));
        var changed = string.Join(" OR ", figureList.Select(f => $"t.{f.Column} IS DISTINCT FROM s.{f.Column}"));
        var (signedAt, signedBy) = signOff ? (table[nameof(IndicatorValue.SignedOffAt)], table[nameof(IndicatorValue.SignedOffById)]) : (string.Empty, string.Empty);
        var parts = new List<string>();
        var parameters = new List<NpgsqlParameter>();
        if (signOff)
        {
            returning += $", t.{signedAt} AS old_at, t.{signedBy} AS old_by, s.{signedAt} AS new_at";
            parts.Add($"""
                kept AS (
                    UPDATE {staged} s SET {signedAt} = r.old_at, {signedBy} = r.old_by FROM r
                    WHERE s.{area} = r.area_id AND s.{indicator} = r.indicator_id AND s.{period} = r.period AND r.old_at IS NOT NULL AND NOT r.changed)
                """);
        }

        if (ChangesOf is { } entry)
        {
            var (a, i, c) = (Tables.Areas, Tables.Indicators, Tables.Changes);
            var lateral = string.Join(", ", figureList.Select((f, n) => $"('{f.Figure}', r.old{n} IS DISTINCT FROM r.new{n}, r.old{n}::text, r.new{n}::text)"));
            parts.Add($"""
                changes AS (
                    INSERT INTO {c.Name} ({ChangeColumns})
                    SELECT {entry.ToString(CultureInfo.InvariantCulture)}, x.figure, a.{a[nameof(Area.Code)]}, i.{i[nameof(Indicator.Code)]}, r.period, x.old_value, x.new_value
                    FROM r
                    JOIN {a.Name} a ON a.{a[nameof(Area.Id)]} = r.area_id
                    JOIN {i.Name} i ON i.{i[nameof(Indicator.Id)]} = r.indicator_id
                    CROSS JOIN LATERAL (VALUES {lateral}) x(figure, changed, old_value, new_value)
                    WHERE x.changed
                    ORDER BY r.area_id, r.indicator_id, r.period)
                """);
        }

        if (Recording is { } recording)
        {
            static string Text(string figure, string column) => figure == Audit.ImportChange.Note ? column + "::text" : $"trim_scale({column})::text";
            const string SignedOff = History.RecordedFields.SignedOff;
            const string SignedOffValue = History.RecordedFields.SignedOffValue;
            var replacedRows = figureList.Select((f, n) => $"('{f.Figure}', r.old{n} IS DISTINCT FROM r.new{n}, {Text(f.Figure, $"r.old{n}")}, {Text(f.Figure, $"r.new{n}")}, NULL::text)").ToList();
            var newRows = figureList.Select(f => $"('{f.Figure}', s.{f.Column} IS NOT NULL, NULL::text, {Text(f.Figure, "s." + f.Column)}, NULL::text)").ToList();
            if (signOff)
            {
                replacedRows.Add($"('{SignedOff}', r.old_at IS NOT NULL AND r.changed, '{SignedOffValue}', NULL, NULL)");
                replacedRows.Add($"('{SignedOff}', r.new_at IS NOT NULL AND (r.old_at IS NULL OR r.changed), NULL, '{SignedOffValue}', @sign_off_reason)");
                newRows.Add($"('{SignedOff}', s.{signedAt} IS NOT NULL, NULL, '{SignedOffValue}', @sign_off_reason)");
            }

            parts.Add($"""
                records AS (
                    INSERT INTO {Tables.Records.Name} ({RecordColumns})
                    SELECT @at, @person, @who, r.indicator_id, r.area_id, r.period, x.field, x.old_value, x.new_value, x.reason, '{History.FigureSources.Import}'
                    FROM r CROSS JOIN LATERAL (VALUES {string.Join(", ", replacedRows)}) x(field, recorded, old_value, new_value, reason)
                    WHERE x.recorded
                    UNION ALL
                    SELECT @at, @person, @who, s.{indicator}, s.{area}, s.{period}, x.field, x.old_value, x.new_value, x.reason, '{History.FigureSources.Import}'
                    FROM {staged} s
                    LEFT JOIN r ON s.{area} = r.area_id AND s.{indicator} = r.indicator_id AND s.{period} = r.period
                    CROSS JOIN LATERAL (VALUES {string.Join(", ", newRows)}) x(field, recorded, old_value, new_value, reason)
                    WHERE r.area_id IS NULL AND x.recorded)
                """);
            parameters.Add(new NpgsqlParameter("at", NpgsqlDbType.TimestampTz) { Value = recording.At });
            parameters.Add(new NpgsqlParameter("person", NpgsqlDbType.Integer) { Value = (object?)recording.PersonId ?? DBNull.Value });
            parameters.Add(new NpgsqlParameter("who", NpgsqlDbType.Varchar) { Value = recording.RecordedWho });
            parameters.Add(new NpgsqlParameter("sign_off_reason", NpgsqlDbType.Varchar) { Value = (object?)recording.SignOff?.Reason ?? DBNull.Value });
        }

        if (parts.Count == 0)
        {
            await ExecuteAsync($"DELETE FROM {table.Name} t USING {staged} s WHERE {matches}", cancellationToken);
        }
        else
        {
            await ExecuteAsync(
                $"""
                WITH r AS (
                    DELETE FROM {table.Name} t USING {staged} s WHERE {matches}
                    RETURNING s.{area} AS area_id, s.{indicator} AS indicator_id, s.{period} AS period, ({changed}) AS changed, {returning}),
                {string.Join(",\n", parts)}
                SELECT 1
                """,
                cancellationToken,
                parameters);
        }

        var list = string.Join(", ", columns);
        await ExecuteAsync($"INSERT INTO {table.Name} ({list}) SELECT {list} FROM {staged} ORDER BY {table.Key}", cancellationToken);
    }

    /// <summary>A stored number's text as a record keeps it: <c>trim_scale(n)::text</c> (410.50 is 410.5, 410.0 is 410).</summary>
    internal static string RecordText(decimal value)
    {
        if (value == 0m)
        {
            return "0";
        }

        // The decimal's own fixed-point text keeps its scale (410.50); the custom format "0.###" would trim it, but slowly.
        var text = value.ToString(CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) ? text.TrimEnd('0').TrimEnd('.') : text;
    }

    private static void WriteNullable(NpgsqlBinaryImporter importer, decimal? value)
    {
        if (value is { } v)
        {
            importer.Write(v, NpgsqlDbType.Numeric);
        }
        else
        {
            importer.WriteNull();
        }
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, IEnumerable<NpgsqlParameter>? parameters = null)
    {
        await using var command = new NpgsqlCommand(sql, Connection);
        command.CommandTimeout = 0;
        foreach (var parameter in parameters ?? [])
        {
            command.Parameters.Add(parameter);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
