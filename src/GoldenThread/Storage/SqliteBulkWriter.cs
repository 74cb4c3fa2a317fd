using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using GoldenThread.Audit;
using GoldenThread.Indicators;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SQLitePCL;

namespace GoldenThread.Storage;

/// <summary>
/// SQLite's fastest path: one statement prepared once through SQLitePCLRaw (the library under
/// Microsoft.Data.Sqlite), bound and stepped per row in the order of the table's key, with no ADO.NET objects
/// per row. SQLite has no asynchronous calls: the rows are stepped on the caller's thread and cancellation is
/// checked between batches.
/// </summary>
internal sealed class SqliteBulkWriter(GoldenThreadDb db, long? changesOf, FigureRecording? recording) : BulkWriter(db, changesOf, recording)
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
        // Into an empty table every row is new: a plain insert, and the records written here rather than by triggers.
        var empty = IsEmpty(t);
        var sql = $"""
            INSERT INTO {t.Name} ({t[nameof(Target.IndicatorId)]}, {t[nameof(Target.AreaId)]}, {t[nameof(Target.Period)]}, {t[nameof(Target.PeriodStart)]}, {value})
            VALUES (?1, ?2, ?3, ?4, ?5)
            """ + (empty ? string.Empty : $"\nON CONFLICT ({t.Key}) DO UPDATE SET {value} = excluded.{value}");
        await using var changes = empty ? NoTrigger.Instance : await RecordChangesAsync(t, TargetFigures(), cancellationToken);
        await using var records = empty ? NoTrigger.Instance : await RecordFiguresAsync(t, TargetFigures(), signOff: false, cancellationToken);
        var periods = new PeriodText();
        using (var statement = Prepare(sql))
        {
            StepTargets(statement, rows, KeyOrder(rows, r => (r.AreaId, r.IndicatorId, r.Period)), periods, written, cancellationToken);
        }

        if (empty && Recording is { } recording)
        {
            using var recorder = new NewRecords(this, recording);
            recorder.AddTargets(rows, KeyOrder(rows, r => (r.IndicatorId, r.AreaId, r.Period)), periods);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StepTargets(sqlite3_stmt statement, IReadOnlyList<StoredTarget> rows, int[] order, PeriodText periods, Action<int>? written, CancellationToken cancellationToken)
    {
        var buffer = new byte[64];
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
        var (signedAt, signedBy) = (v[nameof(IndicatorValue.SignedOffAt)], v[nameof(IndicatorValue.SignedOffById)]);
        // A row keeps its sign-off while its figures stay as they were; a change clears it, or gives the import's own
        // sign-off when there is one (the right-hand sides all read the row as it was).
        var renewed = $"{actual} IS NOT excluded.{actual} OR {projected} IS NOT excluded.{projected} OR {note} IS NOT excluded.{note} OR {signedAt} IS NULL";
        var empty = IsEmpty(v);
        var sql = $"""
            INSERT INTO {v.Name} ({v[nameof(IndicatorValue.IndicatorId)]}, {v[nameof(IndicatorValue.AreaId)]}, {v[nameof(IndicatorValue.Period)]}, {v[nameof(IndicatorValue.PeriodStart)]}, {actual}, {projected}, {note}, {signedAt}, {signedBy})
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            """ + (empty ? string.Empty : $"""

            ON CONFLICT ({v.Key}) DO UPDATE
            SET {actual} = excluded.{actual}, {projected} = excluded.{projected}, {note} = excluded.{note},
                {signedAt} = CASE WHEN {renewed} THEN excluded.{signedAt} ELSE {signedAt} END,
                {signedBy} = CASE WHEN {renewed} THEN excluded.{signedBy} ELSE {signedBy} END
            """);
        await using var changes = empty ? NoTrigger.Instance : await RecordChangesAsync(v, ValueFigures(), cancellationToken);
        await using var records = empty ? NoTrigger.Instance : await RecordFiguresAsync(v, ValueFigures(), signOff: true, cancellationToken);
        var periods = new PeriodText();
        using (var statement = Prepare(sql))
        {
            StepValues(statement, rows, KeyOrder(rows, r => (r.AreaId, r.IndicatorId, r.Period)), periods, written, cancellationToken);
        }

        if (empty && Recording is { } recording)
        {
            using var recorder = new NewRecords(this, recording);
            recorder.AddValues(rows, KeyOrder(rows, r => (r.IndicatorId, r.AreaId, r.Period)), periods);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StepValues(sqlite3_stmt statement, IReadOnlyList<StoredValue> rows, int[] order, PeriodText periods, Action<int>? written, CancellationToken cancellationToken)
    {
        var signOff = Recording?.SignOff;
        var signOffAt = signOff is null ? 0L : SqliteTime(signOff.At);
        var buffer = new byte[64];
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

            if (signOff is not null)
            {
                raw.sqlite3_bind_int64(statement, 8, signOffAt);
                raw.sqlite3_bind_int(statement, 9, signOff.ById);
            }
            else
            {
                raw.sqlite3_bind_null(statement, 8);
                raw.sqlite3_bind_null(statement, 9);
            }

            Step(statement);
            Advance(n, written, cancellationToken);
        }

        written?.Invoke(order.Length % ReportEvery);
    }

    /// <summary>Whether the table has no row; inside the write transaction (which holds SQLite's write lock), so it stays so.</summary>
    private bool IsEmpty(StoredTable table)
    {
        using var statement = Prepare($"SELECT EXISTS (SELECT 1 FROM {table.Name})");
        var rc = raw.sqlite3_step(statement);
        return rc == raw.SQLITE_ROW ? raw.sqlite3_column_int(statement, 0) == 0 : throw Failure(rc);
    }

    /// <summary>How EF Core's SQLite provider stores a <see cref="DateTimeOffset"/> (a binary number), which the records keep.</summary>
    private static long SqliteTime(DateTimeOffset at) => (long)new DateTimeOffsetToBinaryConverter().ConvertToProvider(at)!;

    /// <summary>
    /// The record of every figure for rows written into an empty table, where every row is new: each figure a row holds
    /// (and its sign-off, if it is loaded signed off), as the insert trigger of <see cref="RecordFiguresAsync"/> writes
    /// them for a table that is not empty, by one prepared statement stepped in the order of the records' index
    /// (indicator, area, period), so that the index is appended to.
    /// </summary>
    private sealed class NewRecords : IDisposable
    {
        private static readonly byte[] ActualField = Encoding.UTF8.GetBytes(ImportChange.Actual);
        private static readonly byte[] ProjectedField = Encoding.UTF8.GetBytes(ImportChange.ProjectedOutturn);
        private static readonly byte[] NoteField = Encoding.UTF8.GetBytes(ImportChange.Note);
        private static readonly byte[] TargetField = Encoding.UTF8.GetBytes(ImportChange.Target);
        private static readonly byte[] SignedOffField = Encoding.UTF8.GetBytes(History.RecordedFields.SignedOff);
        private static readonly byte[] SignedOffValue = Encoding.UTF8.GetBytes(History.RecordedFields.SignedOffValue);

        private readonly SqliteBulkWriter _writer;
        private readonly FigureRecording _recording;
        private readonly sqlite3_stmt _statement;
        private readonly byte[] _buffer = new byte[64];

        public NewRecords(SqliteBulkWriter writer, FigureRecording recording)
        {
            _writer = writer;
            _recording = recording;
            _statement = writer.Prepare($"INSERT INTO {writer.Tables.Records.Name} ({writer.RecordColumns}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL, ?8, ?9, ?10)");
            raw.sqlite3_bind_int64(_statement, 1, SqliteTime(recording.At));
            if (recording.PersonId is { } person)
            {
                raw.sqlite3_bind_int(_statement, 2, person);
            }
            else
            {
                raw.sqlite3_bind_null(_statement, 2);
            }

            raw.sqlite3_bind_text(_statement, 3, recording.RecordedWho);
            raw.sqlite3_bind_text(_statement, 10, History.FigureSources.Import);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void AddTargets(IReadOnlyList<StoredTarget> rows, int[] order, PeriodText periods)
        {
            raw.sqlite3_bind_null(_statement, 9);
            foreach (var n in order)
            {
                var row = rows[n];
                Key(row.IndicatorId, row.AreaId, periods.Utf8(row.Period));
                Number(TargetField, row.Value);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void AddValues(IReadOnlyList<StoredValue> rows, int[] order, PeriodText periods)
        {
            var signOff = _recording.SignOff;
            foreach (var n in order)
            {
                var row = rows[n];
                Key(row.IndicatorId, row.AreaId, periods.Utf8(row.Period));
                raw.sqlite3_bind_null(_statement, 9);
                if (row.Actual is { } actual)
                {
                    Number(ActualField, actual);
                }

                if (row.ProjectedOutturn is { } projected)
                {
                    Number(ProjectedField, projected);
                }

                if (row.Note is { } note)
                {
                    raw.sqlite3_bind_text(_statement, 7, NoteField);
                    raw.sqlite3_bind_text(_statement, 8, note);
                    _writer.Step(_statement);
                }

                if (signOff is not null)
                {
                    raw.sqlite3_bind_text(_statement, 7, SignedOffField);
                    raw.sqlite3_bind_text(_statement, 8, SignedOffValue);
                    raw.sqlite3_bind_text(_statement, 9, signOff.Reason);
                    _writer.Step(_statement);
                }
            }
        }

        public void Dispose() => _statement.Dispose();

        private void Key(int indicator, int area, ReadOnlySpan<byte> period)
        {
            raw.sqlite3_bind_int(_statement, 4, indicator);
            raw.sqlite3_bind_int(_statement, 5, area);
            raw.sqlite3_bind_text(_statement, 6, period);
        }

        /// <summary>A number as the record keeps it: as stored (<see cref="BindDecimal"/>), less trailing zeros (410.0 is 410).</summary>
        private void Number(byte[] field, decimal value)
        {
            raw.sqlite3_bind_text(_statement, 7, field);
            raw.sqlite3_bind_text(_statement, 8, RecordText(value, _buffer));
            _writer.Step(_statement);
        }
    }

    /// <summary>
    /// A stored number's text as a record keeps it, exactly as the triggers' SQL makes it from the stored text:
    /// <c>CASE WHEN instr(x, '.') &gt; 0 THEN rtrim(rtrim(x, '0'), '.') ELSE x END</c>.
    /// </summary>
    internal static ReadOnlySpan<byte> RecordText(decimal value, byte[] buffer)
    {
        var text = StoredText(value, buffer);
        return text.Contains((byte)'.') ? text.TrimEnd((byte)'0').TrimEnd((byte)'.') : text;
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

    /// <summary>
    /// While rows are written, two temporary triggers write the record of every figure: on insert, each figure the
    /// new row holds (and its sign-off, if it is loaded signed off); on update, each figure that changed, the
    /// sign-off a change cleared and the sign-off the row took. Who and when come from a one-row temporary table,
    /// so that nothing a person typed is ever part of the SQL.
    /// </summary>
    private async Task<IAsyncDisposable> RecordFiguresAsync(
        StoredTable table, IEnumerable<(string Figure, string Column)> figures, bool signOff, CancellationToken cancellationToken)
    {
        if (Recording is not { } recording)
        {
            return NoTrigger.Instance;
        }

        await Db.Database.ExecuteSqlRawAsync(
            $"CREATE TEMP TABLE IF NOT EXISTS {RunTable} (at INTEGER NOT NULL, person_id INTEGER, who TEXT NOT NULL, sign_off_reason TEXT)", cancellationToken);
        await Db.Database.ExecuteSqlRawAsync($"DELETE FROM temp.{RunTable}", cancellationToken);
        var at = (long)new DateTimeOffsetToBinaryConverter().ConvertToProvider(recording.At)!;
        await Db.Database.ExecuteSqlRawAsync(
            $"INSERT INTO temp.{RunTable} (at, person_id, who, sign_off_reason) VALUES (@at, @person, @who, @reason)",
            [
                new SqliteParameter("@at", at),
                new SqliteParameter("@person", (object?)recording.PersonId ?? DBNull.Value),
                new SqliteParameter("@who", recording.RecordedWho),
                new SqliteParameter("@reason", (object?)recording.SignOff?.Reason ?? DBNull.Value),
            ],
            cancellationToken);

        var area = table[nameof(IndicatorValue.AreaId)];
        var indicator = table[nameof(IndicatorValue.IndicatorId)];
        var period = table[nameof(IndicatorValue.Period)];
        var figureList = figures.ToList();
        string Insert(string field, string oldValue, string newValue, string reason, string condition) => $"""
            INSERT INTO {Tables.Records.Name} ({RecordColumns})
            SELECT r.at, r.person_id, r.who, new.{indicator}, new.{area}, new.{period}, '{field}', {oldValue}, {newValue}, {reason}, '{History.FigureSources.Import}'
            FROM temp.{RunTable} r WHERE {condition};

            """;

        var onInsert = new StringBuilder();
        var onUpdate = new StringBuilder();
        foreach (var (figure, column) in figureList)
        {
            var text = Text(figure);
            onInsert.Append(Insert(figure, "NULL", text("new." + column), "NULL", $"new.{column} IS NOT NULL"));
            onUpdate.Append(Insert(figure, text("old." + column), text("new." + column), "NULL", $"old.{column} IS NOT new.{column}"));
        }

        if (signOff)
        {
            var signedAt = table[nameof(IndicatorValue.SignedOffAt)];
            var changed = string.Join(" OR ", figureList.Select(f => $"old.{f.Column} IS NOT new.{f.Column}"));
            const string Field = History.RecordedFields.SignedOff;
            onInsert.Append(Insert(Field, "NULL", $"'{History.RecordedFields.SignedOffValue}'", "r.sign_off_reason", $"new.{signedAt} IS NOT NULL"));
            onUpdate.Append(Insert(Field, $"'{History.RecordedFields.SignedOffValue}'", "NULL", "NULL", $"old.{signedAt} IS NOT NULL AND ({changed})"));
            onUpdate.Append(Insert(Field, "NULL", $"'{History.RecordedFields.SignedOffValue}'", "r.sign_off_reason", $"new.{signedAt} IS NOT NULL AND new.{signedAt} IS NOT old.{signedAt}"));
        }

        // Every name comes from the model or is a constant here: nothing is user input.
        var insertSql = $"CREATE TEMP TRIGGER {InsertTrigger} AFTER INSERT ON {table.Name} BEGIN\n{onInsert}END";
        var updateSql = $"CREATE TEMP TRIGGER {UpdateTrigger} AFTER UPDATE ON {table.Name} BEGIN\n{onUpdate}END";
        await Db.Database.ExecuteSqlRawAsync(insertSql, cancellationToken);
        await Db.Database.ExecuteSqlRawAsync(updateSql, cancellationToken);
        return new DropTriggers(Db, [InsertTrigger, UpdateTrigger], RunTable);

        // Numbers are stored as text with a decimal point (410.0); a record writes them as FigureLedger.Text does (410).
        static Func<string, string> Text(string figure) => figure == Audit.ImportChange.Note
            ? column => column
            : column => $"CASE WHEN instr({column}, '.') > 0 THEN rtrim(rtrim({column}, '0'), '.') ELSE {column} END";
    }

    private const string RunTable = "goldenthread_figure_run";
    private const string InsertTrigger = "goldenthread_figure_records_insert";
    private const string UpdateTrigger = "goldenthread_figure_records_update";

    /// <summary>Drops the triggers, then the table they read, so the pooled connection keeps nothing of the write.</summary>
    private sealed class DropTriggers(GoldenThreadDb db, string[] names, string table) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            foreach (var name in names)
            {
                var sql = "DROP TRIGGER IF EXISTS temp." + name;
                await db.Database.ExecuteSqlRawAsync(sql);
            }

            var drop = "DROP TABLE IF EXISTS temp." + table;
            await db.Database.ExecuteSqlRawAsync(drop);
        }
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

    private const string StoredFormat = "0.0###########################";

    /// <summary>Decimals are stored as text, as EF Core's SQLite provider stores them, so both read them back alike.</summary>
    private static void BindDecimal(sqlite3_stmt statement, int index, decimal? value, byte[] buffer)
    {
        if (value is not { } v)
        {
            raw.sqlite3_bind_null(statement, index);
            return;
        }

        raw.sqlite3_bind_text(statement, index, StoredText(v, buffer));
    }

    /// <summary>
    /// A decimal as stored: the format <c>0.0###...</c> (at least one decimal, no trailing zeros after it), made from the
    /// decimal's own fixed-point text (which keeps its scale: 70.50), as the custom format is slow; zero (which may carry
    /// a sign) takes the custom format itself.
    /// </summary>
    internal static Span<byte> StoredText(decimal value, byte[] buffer)
    {
        if (value == 0m)
        {
            value.TryFormat(buffer, out var written, StoredFormat, CultureInfo.InvariantCulture);
            return buffer.AsSpan(0, written);
        }

        value.TryFormat(buffer, out var length, default, CultureInfo.InvariantCulture);
        var point = buffer.AsSpan(0, length).IndexOf((byte)'.');
        if (point < 0)
        {
            buffer[length++] = (byte)'.';
            buffer[length++] = (byte)'0';
        }
        else
        {
            while (length > point + 2 && buffer[length - 1] == (byte)'0')
            {
                length--;
            }
        }

        return buffer.AsSpan(0, length);
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
