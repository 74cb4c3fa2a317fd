using System.Data.Common;
using GoldenThread.Domain.Periods;
using GoldenThread.Indicators;
using GoldenThread.Partnership;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace GoldenThread.Import;

/// <summary>
/// Writes a validated bundle in one transaction: rows upsert on their keys, and either every row is
/// written or none is. Reference rows go through EF Core; targets and values, which run to millions,
/// go through each provider's fastest upsert (prepared statements on SQLite, binary COPY on PostgreSQL).
/// </summary>
public static class BundleWriter
{
    public static async Task<ImportCounts> WriteAsync(GoldenThreadDb db, Bundle bundle, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(bundle);

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (db.Provider == DatabaseProvider.Sqlite)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA defer_foreign_keys = ON", ct);
            }

            await UpsertAreasAsync(db, bundle.Areas, ct);
            await UpsertOrganisationsAsync(db, bundle.Organisations, ct);
            await UpsertBodiesAsync(db, bundle.Bodies, ct);
            await UpsertIndicatorsAsync(db, bundle.Indicators, ct);
            db.ChangeTracker.Clear();

            var written = (long)bundle.Areas.Count + bundle.Organisations.Count + bundle.Bodies.Count + bundle.Indicators.Count;
            progress?.Report(written);
            if (bundle.Targets.Count > 0 || bundle.Values.Count > 0)
            {
                var indicatorIds = await db.Indicators.ToDictionaryAsync(i => i.Code, i => i.Id, StringComparer.Ordinal, ct);
                var areaIds = await db.Areas.ToDictionaryAsync(a => a.Code, a => a.Id, StringComparer.Ordinal, ct);
                var keys = new Keys(indicatorIds, areaIds);
                var connection = db.Database.GetDbConnection();
                var dbTransaction = transaction.GetDbTransaction();
                if (db.Provider == DatabaseProvider.Postgres)
                {
                    await PostgresBulk.UpsertTargetsAsync((NpgsqlConnection)connection, bundle.Targets, keys, ct);
                    written += bundle.Targets.Count;
                    progress?.Report(written);
                    await PostgresBulk.UpsertValuesAsync((NpgsqlConnection)connection, bundle.Values, keys, ct);
                    written += bundle.Values.Count;
                    progress?.Report(written);
                }
                else
                {
                    written = await SqliteBulk.UpsertTargetsAsync(connection, dbTransaction, bundle.Targets, keys, written, progress, ct);
                    written = await SqliteBulk.UpsertValuesAsync(connection, dbTransaction, bundle.Values, keys, written, progress, ct);
                }
            }

            await transaction.CommitAsync(ct);
            return new ImportCounts(bundle.Areas.Count, bundle.Organisations.Count, bundle.Bodies.Count, bundle.Indicators.Count, bundle.Targets.Count, bundle.Values.Count);
        }, cancellationToken);
    }

    private static async Task UpsertAreasAsync(GoldenThreadDb db, List<AreaRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var existing = await db.Areas.AsTracking().ToDictionaryAsync(a => a.Code, StringComparer.Ordinal, ct);
        foreach (var row in rows)
        {
            if (existing.TryGetValue(row.Code, out var area))
            {
                area.Name = row.Name;
            }
            else
            {
                area = new Area { Code = row.Code, Name = row.Name };
                db.Areas.Add(area);
                existing.Add(row.Code, area);
            }
        }

        foreach (var row in rows)
        {
            existing[row.Code].Parent = row.ParentCode is null ? null : existing[row.ParentCode];
        }

        await db.SaveChangesAsync(ct);
    }

    private static async Task UpsertOrganisationsAsync(GoldenThreadDb db, List<OrganisationRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var existing = await db.Organisations.AsTracking().ToDictionaryAsync(o => o.Code, StringComparer.Ordinal, ct);
        foreach (var row in rows)
        {
            if (!existing.TryGetValue(row.Code, out var organisation))
            {
                organisation = new Organisation { Code = row.Code, Name = row.Name };
                db.Organisations.Add(organisation);
                existing.Add(row.Code, organisation);
            }

            organisation.Name = row.Name;
            organisation.Kind = row.Kind;
        }

        await db.SaveChangesAsync(ct);
    }

    private static async Task UpsertBodiesAsync(GoldenThreadDb db, List<BodyRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var existing = await db.Bodies.AsTracking().ToDictionaryAsync(b => b.Code, StringComparer.Ordinal, ct);
        foreach (var row in rows)
        {
            if (!existing.TryGetValue(row.Code, out var body))
            {
                body = new Body { Code = row.Code, Name = row.Name };
                db.Bodies.Add(body);
                existing.Add(row.Code, body);
            }

            body.Name = row.Name;
            body.Kind = row.Kind;
        }

        foreach (var row in rows)
        {
            existing[row.Code].EscalatesTo = row.EscalatesTo is null ? null : existing[row.EscalatesTo];
        }

        await db.SaveChangesAsync(ct);
    }

    private static async Task UpsertIndicatorsAsync(GoldenThreadDb db, List<IndicatorRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var existing = await db.Indicators.AsTracking().Include(i => i.Frameworks).ToDictionaryAsync(i => i.Code, StringComparer.Ordinal, ct);
        var bodies = await db.Bodies.ToDictionaryAsync(b => b.Code, b => b.Id, StringComparer.Ordinal, ct);
        var organisations = await db.Organisations.ToDictionaryAsync(o => o.Code, o => o.Id, StringComparer.Ordinal, ct);
        foreach (var row in rows)
        {
            if (!existing.TryGetValue(row.Code, out var indicator))
            {
                indicator = new Indicator { Code = row.Code, Title = row.Title };
                db.Indicators.Add(indicator);
                existing.Add(row.Code, indicator);
            }

            indicator.Title = row.Title;
            indicator.Unit = row.Unit;
            indicator.Decimals = row.Decimals;
            indicator.Polarity = row.Polarity;
            indicator.Frequency = row.Frequency;
            indicator.Accumulation = row.Accumulation;
            indicator.BodyId = row.BodyCode is null ? null : bodies[row.BodyCode];
            indicator.LeadOrganisationId = row.LeadOrganisationCode is null ? null : organisations[row.LeadOrganisationCode];
            indicator.AmberTolerance = row.AmberTolerance;
            indicator.StrongGreenThreshold = row.StrongGreenThreshold;
            indicator.MinValue = row.MinValue;
            indicator.MaxValue = row.MaxValue;
            indicator.Frameworks.RemoveAll(f => !row.Frameworks.Contains(f.Tag, StringComparer.Ordinal));
            foreach (var tag in row.Frameworks.Distinct(StringComparer.Ordinal))
            {
                if (!indicator.Frameworks.Exists(f => f.Tag == tag))
                {
                    indicator.Frameworks.Add(new IndicatorFramework { Tag = tag });
                }
            }
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Stored ids of the codes the rows name; validation has made sure every code is here.</summary>
    private sealed record Keys(Dictionary<string, int> Indicators, Dictionary<string, int> Areas);

    private static class SqliteBulk
    {
        private const int ReportEvery = 50_000;

        public static async Task<long> UpsertTargetsAsync(DbConnection connection, DbTransaction transaction, List<TargetRow> rows, Keys keys, long written, IProgress<long>? progress, CancellationToken ct)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO targets (indicator_id, area_id, period, period_start, value)
                VALUES ($indicator, $area, $period, $start, $value)
                ON CONFLICT (indicator_id, area_id, period) DO UPDATE SET value = excluded.value
                """;
            var indicator = Add(command, "$indicator");
            var area = Add(command, "$area");
            var period = Add(command, "$period");
            var start = Add(command, "$start");
            var value = Add(command, "$value");
            await command.PrepareAsync(ct);
            foreach (var row in rows)
            {
                indicator.Value = keys.Indicators[row.IndicatorCode];
                area.Value = keys.Areas[row.AreaCode];
                period.Value = row.Period.Code;
                start.Value = row.Period.StartOrdinal;
                value.Value = row.Target;
                await command.ExecuteNonQueryAsync(ct);
                if (++written % ReportEvery == 0)
                {
                    progress?.Report(written);
                }
            }

            progress?.Report(written);
            return written;
        }

        public static async Task<long> UpsertValuesAsync(DbConnection connection, DbTransaction transaction, List<ValueRow> rows, Keys keys, long written, IProgress<long>? progress, CancellationToken ct)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO indicator_values (indicator_id, area_id, period, period_start, actual, projected_outturn, note)
                VALUES ($indicator, $area, $period, $start, $actual, $projected, $note)
                ON CONFLICT (indicator_id, area_id, period) DO UPDATE
                SET actual = excluded.actual, projected_outturn = excluded.projected_outturn, note = excluded.note
                """;
            var indicator = Add(command, "$indicator");
            var area = Add(command, "$area");
            var period = Add(command, "$period");
            var start = Add(command, "$start");
            var actual = Add(command, "$actual");
            var projected = Add(command, "$projected");
            var note = Add(command, "$note");
            await command.PrepareAsync(ct);
            foreach (var row in rows)
            {
                indicator.Value = keys.Indicators[row.IndicatorCode];
                area.Value = keys.Areas[row.AreaCode];
                period.Value = row.Period.Code;
                start.Value = row.Period.StartOrdinal;
                actual.Value = row.Actual is { } a ? a : DBNull.Value;
                projected.Value = row.ProjectedOutturn is { } p ? p : DBNull.Value;
                note.Value = row.Note is { } n ? n : DBNull.Value;
                await command.ExecuteNonQueryAsync(ct);
                if (++written % ReportEvery == 0)
                {
                    progress?.Report(written);
                }
            }

            progress?.Report(written);
            return written;
        }

        private static DbParameter Add(DbCommand command, string name)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
            return parameter;
        }
    }

    private static class PostgresBulk
    {
        public static async Task UpsertTargetsAsync(NpgsqlConnection connection, List<TargetRow> rows, Keys keys, CancellationToken ct)
        {
            if (rows.Count == 0)
            {
                return;
            }

            await ExecuteAsync(connection, "CREATE TEMP TABLE staged_targets (indicator_id integer, area_id integer, period varchar(16), period_start integer, value numeric) ON COMMIT DROP", ct);
            await using (var importer = await connection.BeginBinaryImportAsync("COPY staged_targets (indicator_id, area_id, period, period_start, value) FROM STDIN (FORMAT BINARY)", ct))
            {
                foreach (var row in rows)
                {
                    await importer.StartRowAsync(ct);
                    await importer.WriteAsync(keys.Indicators[row.IndicatorCode], NpgsqlDbType.Integer, ct);
                    await importer.WriteAsync(keys.Areas[row.AreaCode], NpgsqlDbType.Integer, ct);
                    await importer.WriteAsync(row.Period.Code, NpgsqlDbType.Varchar, ct);
                    await importer.WriteAsync(row.Period.StartOrdinal, NpgsqlDbType.Integer, ct);
                    await importer.WriteAsync(row.Target, NpgsqlDbType.Numeric, ct);
                }

                await importer.CompleteAsync(ct);
            }

            await ExecuteAsync(connection, """
                INSERT INTO targets (indicator_id, area_id, period, period_start, value)
                SELECT indicator_id, area_id, period, period_start, value FROM staged_targets
                ON CONFLICT (indicator_id, area_id, period) DO UPDATE SET value = excluded.value
                """, ct);
        }

        public static async Task UpsertValuesAsync(NpgsqlConnection connection, List<ValueRow> rows, Keys keys, CancellationToken ct)
        {
            if (rows.Count == 0)
            {
                return;
            }

            await ExecuteAsync(connection, "CREATE TEMP TABLE staged_values (indicator_id integer, area_id integer, period varchar(16), period_start integer, actual numeric, projected_outturn numeric, note varchar(4000)) ON COMMIT DROP", ct);
            await using (var importer = await connection.BeginBinaryImportAsync("COPY staged_values (indicator_id, area_id, period, period_start, actual, projected_outturn, note) FROM STDIN (FORMAT BINARY)", ct))
            {
                foreach (var row in rows)
                {
                    await importer.StartRowAsync(ct);
                    await importer.WriteAsync(keys.Indicators[row.IndicatorCode], NpgsqlDbType.Integer, ct);
                    await importer.WriteAsync(keys.Areas[row.AreaCode], NpgsqlDbType.Integer, ct);
                    await importer.WriteAsync(row.Period.Code, NpgsqlDbType.Varchar, ct);
                    await importer.WriteAsync(row.Period.StartOrdinal, NpgsqlDbType.Integer, ct);
                    await WriteNullableAsync(importer, row.Actual, ct);
                    await WriteNullableAsync(importer, row.ProjectedOutturn, ct);
                    if (row.Note is { } note)
                    {
                        await importer.WriteAsync(note, NpgsqlDbType.Varchar, ct);
                    }
                    else
                    {
                        await importer.WriteNullAsync(ct);
                    }
                }

                await importer.CompleteAsync(ct);
            }

            await ExecuteAsync(connection, """
                INSERT INTO indicator_values (indicator_id, area_id, period, period_start, actual, projected_outturn, note)
                SELECT indicator_id, area_id, period, period_start, actual, projected_outturn, note FROM staged_values
                ON CONFLICT (indicator_id, area_id, period) DO UPDATE
                SET actual = excluded.actual, projected_outturn = excluded.projected_outturn, note = excluded.note
                """, ct);
        }

        private static async Task WriteNullableAsync(NpgsqlBinaryImporter importer, decimal? value, CancellationToken ct)
        {
            if (value is { } v)
            {
                await importer.WriteAsync(v, NpgsqlDbType.Numeric, ct);
            }
            else
            {
                await importer.WriteNullAsync(ct);
            }
        }

        private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}

/// <summary>How many rows of each file an import wrote.</summary>
public sealed record ImportCounts(int Areas, int Organisations, int Bodies, int Indicators, int Targets, int Values)
{
    public long Total => (long)Areas + Organisations + Bodies + Indicators + Targets + Values;

    public override string ToString() =>
        $"Imported {Total} rows: {Areas} areas, {Organisations} organisations, {Bodies} bodies, {Indicators} indicators, {Targets} targets, {Values} values.";
}
