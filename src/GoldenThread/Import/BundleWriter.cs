using System.Data.Common;
using System.Globalization;
using System.Text;
using GoldenThread.Domain.Periods;
using GoldenThread.Indicators;
using GoldenThread.Partnership;
using GoldenThread.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

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
                await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -262144", ct);
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
                    written = await SqliteBulk.UpsertTargetsAsync(connection, bundle.Targets, keys, written, progress, ct);
                    written = await SqliteBulk.UpsertValuesAsync(connection, bundle.Values, keys, written, progress, ct);
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

    /// <summary>
    /// SQLite's fastest path: one statement prepared once through SQLitePCLRaw (the library under
    /// Microsoft.Data.Sqlite), bound and stepped per row with no ADO.NET objects per row.
    /// </summary>
    private static class SqliteBulk
    {
        private const int ReportEvery = 50_000;

        public static Task<long> UpsertTargetsAsync(DbConnection connection, List<TargetRow> rows, Keys keys, long written, IProgress<long>? progress, CancellationToken ct)
        {
            using var statement = Prepare(connection, """
                INSERT INTO targets (indicator_id, area_id, period, period_start, value)
                VALUES (?1, ?2, ?3, ?4, ?5)
                ON CONFLICT (area_id, indicator_id, period) DO UPDATE SET value = excluded.value
                """);
            var periods = new PeriodText();
            Span<byte> buffer = stackalloc byte[64];
            foreach (var i in KeyOrder(rows, r => (r.AreaCode, r.IndicatorCode, r.Period), keys))
            {
                var row = rows[i];
                raw.sqlite3_bind_int(statement, 1, keys.Indicators[row.IndicatorCode]);
                raw.sqlite3_bind_int(statement, 2, keys.Areas[row.AreaCode]);
                raw.sqlite3_bind_text(statement, 3, periods.Utf8(row.Period));
                raw.sqlite3_bind_int(statement, 4, row.Period.StartOrdinal);
                BindDecimal(statement, 5, row.Target, buffer);
                Step(connection, statement);
                if (++written % ReportEvery == 0)
                {
                    ct.ThrowIfCancellationRequested();
                    progress?.Report(written);
                }
            }

            progress?.Report(written);
            return Task.FromResult(written);
        }

        public static Task<long> UpsertValuesAsync(DbConnection connection, List<ValueRow> rows, Keys keys, long written, IProgress<long>? progress, CancellationToken ct)
        {
            using var statement = Prepare(connection, """
                INSERT INTO indicator_values (indicator_id, area_id, period, period_start, actual, projected_outturn, note)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                ON CONFLICT (area_id, indicator_id, period) DO UPDATE
                SET actual = excluded.actual, projected_outturn = excluded.projected_outturn, note = excluded.note
                """);
            var periods = new PeriodText();
            Span<byte> buffer = stackalloc byte[64];
            foreach (var i in KeyOrder(rows, r => (r.AreaCode, r.IndicatorCode, r.Period), keys))
            {
                var row = rows[i];
                raw.sqlite3_bind_int(statement, 1, keys.Indicators[row.IndicatorCode]);
                raw.sqlite3_bind_int(statement, 2, keys.Areas[row.AreaCode]);
                raw.sqlite3_bind_text(statement, 3, periods.Utf8(row.Period));
                raw.sqlite3_bind_int(statement, 4, row.Period.StartOrdinal);
                BindDecimal(statement, 5, row.Actual, buffer);
                BindDecimal(statement, 6, row.ProjectedOutturn, buffer);
                if (row.Note is { } note)
                {
                    raw.sqlite3_bind_text(statement, 7, note);
                }
                else
                {
                    raw.sqlite3_bind_null(statement, 7);
                }

                Step(connection, statement);
                if (++written % ReportEvery == 0)
                {
                    ct.ThrowIfCancellationRequested();
                    progress?.Report(written);
                }
            }

            progress?.Report(written);
            return Task.FromResult(written);
        }

        /// <summary>
        /// The rows' positions in the order of the table's key (area, indicator, period code), so that every
        /// insert appends to the key's B-tree instead of splitting pages all over it.
        /// </summary>
        private static int[] KeyOrder<T>(List<T> rows, Func<T, (string Area, string Indicator, Period Period)> key, Keys keys)
        {
            var periodRanks = new Dictionary<Period, long>();
            foreach (var row in rows)
            {
                periodRanks.TryAdd(key(row).Period, 0);
            }

            var rank = 0L;
            foreach (var period in periodRanks.Keys.OrderBy(p => p.Code, StringComparer.Ordinal).ToList())
            {
                periodRanks[period] = rank++;
            }

            var sortKeys = new long[rows.Count];
            var order = new int[rows.Count];
            for (var i = 0; i < rows.Count; i++)
            {
                var (area, indicator, period) = key(rows[i]);
                sortKeys[i] = ((long)keys.Areas[area] << 42) | ((long)keys.Indicators[indicator] << 21) | periodRanks[period];
                order[i] = i;
            }

            Array.Sort(sortKeys, order);
            return order;
        }

        private static sqlite3_stmt Prepare(DbConnection connection, string sql)
        {
            var handle = ((SqliteConnection)connection).Handle!;
            var rc = raw.sqlite3_prepare_v2(handle, sql, out var statement);
            return rc == raw.SQLITE_OK ? statement : throw Failure(handle, rc);
        }

        private static void Step(DbConnection connection, sqlite3_stmt statement)
        {
            var rc = raw.sqlite3_step(statement);
            raw.sqlite3_reset(statement);
            if (rc != raw.SQLITE_DONE)
            {
                throw Failure(((SqliteConnection)connection).Handle!, rc);
            }
        }

        private static SqliteException Failure(sqlite3 handle, int rc) =>
            new(raw.sqlite3_errmsg(handle).utf8_to_string(), rc);

        /// <summary>Decimals are stored as text, as EF Core's SQLite provider stores them, so both read them back alike.</summary>
        private static void BindDecimal(sqlite3_stmt statement, int index, decimal? value, Span<byte> buffer)
        {
            if (value is not { } v)
            {
                raw.sqlite3_bind_null(statement, index);
                return;
            }

            v.TryFormat(buffer, out var length, "0.0###########################", CultureInfo.InvariantCulture);
            raw.sqlite3_bind_text(statement, index, buffer[..length]);
        }

        /// <summary>The UTF-8 bytes of each period code, made once: a bundle names few periods many times.</summary>
        private sealed class PeriodText
        {
            private readonly Dictionary<Period, byte[]> _codes = [];

            public ReadOnlySpan<byte> Utf8(Period period)
            {
                if (!_codes.TryGetValue(period, out var bytes))
                {
                    bytes = Encoding.UTF8.GetBytes(period.Code);
                    _codes.Add(period, bytes);
                }

                return bytes;
            }
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
            var periods = new PeriodCodeCache();
            await using (var importer = await connection.BeginBinaryImportAsync("COPY staged_targets (indicator_id, area_id, period, period_start, value) FROM STDIN (FORMAT BINARY)", ct))
            {
                foreach (var row in rows)
                {
                    importer.StartRow();
                    importer.Write(keys.Indicators[row.IndicatorCode], NpgsqlDbType.Integer);
                    importer.Write(keys.Areas[row.AreaCode], NpgsqlDbType.Integer);
                    importer.Write(periods.Code(row.Period), NpgsqlDbType.Varchar);
                    importer.Write(row.Period.StartOrdinal, NpgsqlDbType.Integer);
                    importer.Write(row.Target, NpgsqlDbType.Numeric);
                }

                await importer.CompleteAsync(ct);
            }

            // A bundle's row replaces the stored row whole, so the upsert is a delete of the keys it names and
            // one insert in key order: much cheaper for PostgreSQL than ON CONFLICT's per-row speculative insert.
            await ExecuteAsync(connection, """
                DELETE FROM targets t USING staged_targets s
                WHERE t.area_id = s.area_id AND t.indicator_id = s.indicator_id AND t.period = s.period
                """, ct);
            await ExecuteAsync(connection, """
                INSERT INTO targets (indicator_id, area_id, period, period_start, value)
                SELECT indicator_id, area_id, period, period_start, value FROM staged_targets
                ORDER BY area_id, indicator_id, period
                """, ct);
        }

        public static async Task UpsertValuesAsync(NpgsqlConnection connection, List<ValueRow> rows, Keys keys, CancellationToken ct)
        {
            if (rows.Count == 0)
            {
                return;
            }

            await ExecuteAsync(connection, "CREATE TEMP TABLE staged_values (indicator_id integer, area_id integer, period varchar(16), period_start integer, actual numeric, projected_outturn numeric, note varchar(4000)) ON COMMIT DROP", ct);
            var periods = new PeriodCodeCache();
            await using (var importer = await connection.BeginBinaryImportAsync("COPY staged_values (indicator_id, area_id, period, period_start, actual, projected_outturn, note) FROM STDIN (FORMAT BINARY)", ct))
            {
                foreach (var row in rows)
                {
                    importer.StartRow();
                    importer.Write(keys.Indicators[row.IndicatorCode], NpgsqlDbType.Integer);
                    importer.Write(keys.Areas[row.AreaCode], NpgsqlDbType.Integer);
                    importer.Write(periods.Code(row.Period), NpgsqlDbType.Varchar);
                    importer.Write(row.Period.StartOrdinal, NpgsqlDbType.Integer);
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
                }

                await importer.CompleteAsync(ct);
            }

            await ExecuteAsync(connection, """
                DELETE FROM indicator_values v USING staged_values s
                WHERE v.area_id = s.area_id AND v.indicator_id = s.indicator_id AND v.period = s.period
                """, ct);
            await ExecuteAsync(connection, """
                INSERT INTO indicator_values (indicator_id, area_id, period, period_start, actual, projected_outturn, note)
                SELECT indicator_id, area_id, period, period_start, actual, projected_outturn, note FROM staged_values
                ORDER BY area_id, indicator_id, period
                """, ct);
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

        /// <summary>Each period's code made once: a bundle names few periods many times.</summary>
        private sealed class PeriodCodeCache
        {
            private readonly Dictionary<Period, string> _codes = [];

            public string Code(Period period)
            {
                if (!_codes.TryGetValue(period, out var code))
                {
                    code = period.Code;
                    _codes.Add(period, code);
                }

                return code;
            }
        }

        private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.CommandTimeout = 0;
            command.ExecuteNonQuery();
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
