using System.Globalization;
using System.Text;
using GoldenThread.Indicators;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace GoldenThread.Storage;

/// <summary>
/// SQLite's fastest path: one statement prepared once through SQLitePCLRaw (the library under
/// Microsoft.Data.Sqlite), bound and stepped per row in the order of the table's key, with no ADO.NET objects
/// per row. SQLite has no asynchronous calls: the rows are stepped on the caller's thread and cancellation is
/// checked between batches.
/// </summary>
internal sealed class SqliteBulkWriter(GoldenThreadDb db, long? changesOf) : BulkWriter(db, changesOf)
{
    private const int ReportEvery = 50_000;

    public override async Task UpsertTargetsAsync(IReadOnlyList<StoredTarget> rows, Action<int>? written, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        var t = Tables.Targets;
        var value = t[nameof(Target.Value)];
        var sql = $"""
            INSERT INTO {t.Name} ({t[nameof(Target.IndicatorId)]}, {t[nameof(Target.AreaId)]}, {t[nameof(Target.Period)]}, {t[nameof(Target.PeriodStart)]}, {value})
            VALUES (?1, ?2, ?3, ?4, ?5)
            ON CONFLICT ({t.Key}) DO UPDATE SET {value} = excluded.{value}
            """;
        await using var changes = await RecordChangesAsync(t, TargetFigures(), cancellationToken);
        using var statement = Prepare(sql);
        var periods = new PeriodText();
        var buffer = new byte[64];
        var order = KeyOrder(rows, r => (r.AreaId, r.IndicatorId, r.Period));
        for (var n = 0; n < order.Length; n++)
        {
            var row = rows[order[n]];
            raw.sqlite3_bind_int(statement, 1, row.IndicatorId);
            raw.sqlite3_bind_int(statement, 2, row.AreaId);
            raw.sqlite3_bind_text(statement, 3, periods.Utf8(row.Period));
            raw.sqlite3_bind_int(statement, 4, row.PeriodStart);
            BindDecimal(statement, 5, row.Value, buffer);
            Step(statement);
            Advance(n, written, cancellationToken);
        }

        written?.Invoke(order.Length % ReportEvery);
    }

    public override async Task UpsertValuesAsync(IReadOnlyList<StoredValue> rows, Action<int>? written, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        var v = Tables.Values;
        var (actual, projected, note) = (v[nameof(IndicatorValue.Actual)], v[nameof(IndicatorValue.ProjectedOutturn)], v[nameof(IndicatorValue.Note)]);
        var sql = $"""
            INSERT INTO {v.Name} ({v[nameof(IndicatorValue.IndicatorId)]}, {v[nameof(IndicatorValue.AreaId)]}, {v[nameof(IndicatorValue.Period)]}, {v[nameof(IndicatorValue.PeriodStart)]}, {actual}, {projected}, {note})
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            ON CONFLICT ({v.Key}) DO UPDATE
            SET {actual} = excluded.{actual}, {projected} = excluded.{projected}, {note} = excluded.{note}
            """;
        await using var changes = await RecordChangesAsync(v, ValueFigures(), cancellationToken);
        using var statement = Prepare(sql);
        var periods = new PeriodText();
        var buffer = new byte[64];
        var order = KeyOrder(rows, r => (r.AreaId, r.IndicatorId, r.Period));
        for (var n = 0; n < order.Length; n++)
        {
            var row = rows[order[n]];
            raw.sqlite3_bind_int(statement, 1, row.IndicatorId);
            raw.sqlite3_bind_int(statement, 2, row.AreaId);
            raw.sqlite3_bind_text(statement, 3, periods.Utf8(row.Period));
            raw.sqlite3_bind_int(statement, 4, row.PeriodStart);
            BindDecimal(statement, 5, row.Actual, buffer);
            BindDecimal(statement, 6, row.ProjectedOutturn, buffer);
            if (row.Note is { } text)
            {
                raw.sqlite3_bind_text(statement, 7, text);
            }
            else
            {
                raw.sqlite3_bind_null(statement, 7);
            }

            Step(statement);
            Advance(n, written, cancellationToken);
        }

        written?.Invoke(order.Length % ReportEvery);
    }

    private static void Advance(int n, Action<int>? written, CancellationToken cancellationToken)
    {
        if ((n + 1) % ReportEvery == 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            written?.Invoke(ReportEvery);
        }
    }

    /// <summary>
    /// While rows are written, a temporary trigger (this connection's only, gone with the transaction if it
    /// rolls back) copies each figure that an upsert's update changes into the import's changes. Inserts of new
    /// keys do not fire it, so a first import pays nothing for it.
    /// </summary>
    private async Task<IAsyncDisposable> RecordChangesAsync(StoredTable table, IEnumerable<(string Figure, string Column)> figures, CancellationToken cancellationToken)
    {
        if (ChangesOf is not { } entry)
        {
            return NoTrigger.Instance;
        }

        var (a, i, c) = (Tables.Areas, Tables.Indicators, Tables.Changes);
        var area = table[nameof(IndicatorValue.AreaId)];
        var indicator = table[nameof(IndicatorValue.IndicatorId)];
        var period = table[nameof(IndicatorValue.Period)];
        var body = new StringBuilder();
        foreach (var (figure, column) in figures)
        {
            body.Append(CultureInfo.InvariantCulture, $"""
                INSERT INTO {c.Name} ({ChangeColumns})
                SELECT {entry}, '{figure}', a.{a[nameof(Partnership.Area.Code)]}, i.{i[nameof(Indicator.Code)]}, new.{period}, old.{column}, new.{column}
                FROM {a.Name} a, {i.Name} i
                WHERE a.{a[nameof(Partnership.Area.Id)]} = new.{area} AND i.{i[nameof(Indicator.Id)]} = new.{indicator} AND old.{column} IS NOT new.{column};

                """);
        }

        const string Trigger = "goldenthread_import_changes";
        // Every name comes from the model and the entry's id is a number: nothing here is user input.
        var sql = $"CREATE TEMP TRIGGER {Trigger} AFTER UPDATE ON {table.Name} BEGIN\n{body}END";
        await Db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
        return new DropTrigger(Db, Trigger);
    }

    private sealed class NoTrigger : IAsyncDisposable
    {
        public static readonly NoTrigger Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class DropTrigger(GoldenThreadDb db, string name) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            var sql = "DROP TRIGGER IF EXISTS temp." + name;
            await db.Database.ExecuteSqlRawAsync(sql);
        }
    }

    /// <summary>
    /// The rows' positions in the order of the table's key (area, indicator, period code), so that every
    /// insert appends to the key's B-tree instead of splitting pages all over it.
    /// </summary>
    private static int[] KeyOrder<T>(IReadOnlyList<T> rows, Func<T, (int Area, int Indicator, string Period)> key)
    {
        var periodRanks = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            periodRanks.TryAdd(key(row).Period, 0);
        }

        var rank = 0L;
        foreach (var period in periodRanks.Keys.Order(StringComparer.Ordinal).ToList())
        {
            periodRanks[period] = rank++;
        }

        var sortKeys = new long[rows.Count];
        var order = new int[rows.Count];
        for (var n = 0; n < rows.Count; n++)
        {
            var (area, indicator, period) = key(rows[n]);
            sortKeys[n] = ((long)area << 42) | ((long)indicator << 21) | periodRanks[period];
            order[n] = n;
        }

        Array.Sort(sortKeys, order);
        return order;
    }

    private sqlite3 Handle => ((SqliteConnection)Db.Database.GetDbConnection()).Handle!;

    private sqlite3_stmt Prepare(string sql)
    {
        var rc = raw.sqlite3_prepare_v2(Handle, sql, out var statement);
        return rc == raw.SQLITE_OK ? statement : throw Failure(rc);
    }

    private void Step(sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE)
        {
            throw Failure(rc);
        }
    }

    private SqliteException Failure(int rc) => new(raw.sqlite3_errmsg(Handle).utf8_to_string(), rc);

    /// <summary>Decimals are stored as text, as EF Core's SQLite provider stores them, so both read them back alike.</summary>
    private static void BindDecimal(sqlite3_stmt statement, int index, decimal? value, byte[] buffer)
    {
        if (value is not { } v)
        {
            raw.sqlite3_bind_null(statement, index);
            return;
        }

        v.TryFormat(buffer, out var length, "0.0###########################", CultureInfo.InvariantCulture);
        raw.sqlite3_bind_text(statement, index, buffer.AsSpan(0, length));
    }

    /// <summary>The UTF-8 bytes of each period code, made once: a bundle names few periods many times.</summary>
    private sealed class PeriodText
    {
        private readonly Dictionary<string, byte[]> _codes = new(StringComparer.Ordinal);

        public ReadOnlySpan<byte> Utf8(string period)
        {
            if (!_codes.TryGetValue(period, out var bytes))
            {
                bytes = Encoding.UTF8.GetBytes(period);
                _codes.Add(period, bytes);
            }

            return bytes;
        }
    }
}
