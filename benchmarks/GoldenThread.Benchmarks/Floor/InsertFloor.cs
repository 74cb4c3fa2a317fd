using System.Diagnostics;
using System.Globalization;
using System.Text;
using GoldenThread.Benchmarks.National;
using GoldenThread.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

namespace GoldenThread.Benchmarks.Floor;

/// <summary>
/// The floor under <c>import</c>: the bundle's values rows (and, timed apart, its targets) written in one transaction
/// into an empty table of the same columns by each database's fastest plain path, with the rows already in memory
/// and in key order: a prepared INSERT stepped through SQLitePCLRaw on SQLite, binary COPY on PostgreSQL.
/// </summary>
/// <remarks>
/// Shapes: <c>plain</c> (no key: the floor itself), <c>keyed</c> (the table's primary key, area, indicator, period),
/// <c>upsert</c>, the import's own method on a keyed table with no foreign keys (SQLite: the prepared
/// <c>INSERT ... ON CONFLICT DO UPDATE</c>; PostgreSQL: COPY into a temporary table, then
/// <c>INSERT ... SELECT ... ON CONFLICT DO UPDATE</c>, with the two steps timed apart too), and <c>fk</c>, the same
/// upsert into a table that also has the product's two foreign keys (to areas and to indicators); on PostgreSQL also
/// <c>fk-after</c>: the upsert into the keyed table, then the two foreign keys added in the same transaction, which
/// checks them in one pass instead of one trigger call per row.
/// </remarks>
internal static class InsertFloor
{
    private const string ValuesColumns = "indicator_id, area_id, period, period_start, actual, projected_outturn, note";
    private const string TargetsColumns = "indicator_id, area_id, period, period_start, value";

    public static int Run(FloorOptions options, TextWriter output)
    {
        var database = Database.Parse(options.Required("--database"));
        var runs = options.Number("--runs", 3);
        var shapes = (options.Text("--shapes") ?? "plain").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var shape in shapes)
        {
            if (shape is not ("plain" or "keyed" or "upsert" or "fk" or "fk-after"))
            {
                throw new ArgumentException($"--shapes: '{shape}' is not plain, keyed, upsert, fk or fk-after.");
            }

            if (shape == "fk-after" && database.Provider == DatabaseProvider.Sqlite)
            {
                throw new ArgumentException("--shapes: fk-after is for PostgreSQL (SQLite cannot add a foreign key to a table).");
            }
        }

        var file = database.Provider == DatabaseProvider.Sqlite ? new SqliteConnectionStringBuilder(database.ConnectionString).DataSource : null;
        if (file is not null && File.Exists(file))
        {
            throw new ArgumentException($"--database: {file} exists; give a path that does not, which the floor creates and deletes for each run.");
        }

        var clock = Stopwatch.StartNew();
        var rows = Rows.From(NationalBundle.Load(options.Text("--bundle")));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Read {rows.Values.Length:N0} values and {rows.Targets.Length:N0} targets into memory in {clock.Elapsed.TotalSeconds:F1} s (not timed)."));

        var figures = new Figures(output, options.Text("--tsv"));
        var prefix = (options.Text("--name") ?? "insert") + " ";
        for (var run = 0; run < runs; run++)
        {
            foreach (var shape in shapes)
            {
                if (file is not null)
                {
                    Sqlite.Run(database, file, shape, rows, figures, prefix + shape + " ");
                }
                else
                {
                    Postgres.Run(database, shape, rows, figures, prefix + shape + " ");
                }
            }
        }

        figures.Report();
        return 0;
    }

    /// <summary>This process's CPU time (on SQLite all of the insert's work; on PostgreSQL the client's share only).</summary>
    private static TimeSpan CpuNow()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static string CreateTable(string name, string columns, string shape, bool postgres)
    {
        var text = postgres ? "varchar(16)" : "TEXT";
        var number = postgres ? "numeric" : "TEXT";
        var body = columns == ValuesColumns
            ? $"indicator_id integer NOT NULL, area_id integer NOT NULL, period {text} NOT NULL, period_start integer NOT NULL, actual {number}, projected_outturn {number}, note {(postgres ? "varchar(4000)" : "TEXT")}"
            : $"indicator_id integer NOT NULL, area_id integer NOT NULL, period {text} NOT NULL, period_start integer NOT NULL, value {number} NOT NULL";
        var key = shape == "plain" ? string.Empty : ", PRIMARY KEY (area_id, indicator_id, period)";
        var foreign = shape == "fk"
            ? ", FOREIGN KEY (area_id) REFERENCES floor_areas (id), FOREIGN KEY (indicator_id) REFERENCES floor_indicators (id) ON DELETE CASCADE"
            : string.Empty;
        return $"CREATE TABLE {name} ({body}{key}{foreign})";
    }

    /// <summary>The parent tables of the <c>fk</c> shape, holding every area and indicator id the rows use.</summary>
    private static string[] CreateParents(Rows rows) =>
    [
        "CREATE TABLE floor_areas (id integer PRIMARY KEY)",
        $"INSERT INTO floor_areas (id) SELECT * FROM ({Series(rows.Values.Max(v => v.Area))}) AS s",
        "CREATE TABLE floor_indicators (id integer PRIMARY KEY)",
        $"INSERT INTO floor_indicators (id) SELECT * FROM ({Series(rows.Values.Max(v => v.Indicator))}) AS s",
    ];

    private static string Series(int count) =>
        string.Join(" UNION ALL ", Enumerable.Range(1, count).Select(i => "SELECT " + i.ToString(CultureInfo.InvariantCulture)));

    private static bool Upserts(string shape) => shape is "upsert" or "fk" or "fk-after";

    private static string AddForeignKeys(string table) =>
        $"ALTER TABLE {table} ADD FOREIGN KEY (area_id) REFERENCES floor_areas (id), ADD FOREIGN KEY (indicator_id) REFERENCES floor_indicators (id) ON DELETE CASCADE";

    private static string UpsertSet(string columns) =>
        columns == ValuesColumns
            ? "ON CONFLICT (area_id, indicator_id, period) DO UPDATE SET actual = excluded.actual, projected_outturn = excluded.projected_outturn, note = excluded.note"
            : "ON CONFLICT (area_id, indicator_id, period) DO UPDATE SET value = excluded.value";

    private static class Sqlite
    {
        public static void Run(Database database, string file, string shape, Rows rows, Figures figures, string prefix)
        {
            DeleteFiles(file);
            try
            {
                using var connection = new SqliteConnection(database.ConnectionString);
                connection.Open();
                foreach (var sql in CreateParents(rows))
                {
                    Execute(connection, sql);
                }

                Execute(connection, CreateTable("floor_values", ValuesColumns, shape, postgres: false));
                Execute(connection, CreateTable("floor_targets", TargetsColumns, shape, postgres: false));

                // The import's own connection settings: a 256 MB page cache in one transaction, default journal and sync.
                Execute(connection, "PRAGMA cache_size = -262144");
                var cpu = CpuNow();
                var clock = Stopwatch.StartNew();
                using (var transaction = connection.BeginTransaction())
                {
                    Execute(connection, "PRAGMA defer_foreign_keys = ON");
                    InsertValues(connection, shape, rows.Values);
                    transaction.Commit();
                }

                figures.Add(prefix + "values", clock.Elapsed, rows.Values.Length);
                figures.Add(prefix + "values, CPU", CpuNow() - cpu, rows.Values.Length);

                clock.Restart();
                using (var transaction = connection.BeginTransaction())
                {
                    Execute(connection, "PRAGMA defer_foreign_keys = ON");
                    InsertTargets(connection, shape, rows.Targets);
                    transaction.Commit();
                }

                figures.Add(prefix + "targets", clock.Elapsed, rows.Targets.Length);
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                DeleteFiles(file);
            }
        }

        private static void InsertValues(SqliteConnection connection, string shape, ValueRecord[] rows)
        {
            var sql = $"INSERT INTO floor_values ({ValuesColumns}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)" + (Upserts(shape) ? " " + UpsertSet(ValuesColumns) : string.Empty);
            var statement = Prepare(connection, sql);
            try
            {
                Span<byte> buffer = stackalloc byte[64];
                foreach (var row in rows)
                {
                    raw.sqlite3_bind_int(statement, 1, row.Indicator);
                    raw.sqlite3_bind_int(statement, 2, row.Area);
                    raw.sqlite3_bind_text(statement, 3, row.PeriodUtf8);
                    raw.sqlite3_bind_int(statement, 4, row.PeriodStart);
                    BindDecimal(statement, 5, row.Actual, buffer);
                    BindDecimal(statement, 6, row.Projected, buffer);
                    if (row.Note is { } note)
                    {
                        raw.sqlite3_bind_text(statement, 7, note);
                    }
                    else
                    {
                        raw.sqlite3_bind_null(statement, 7);
                    }

                    Step(connection, statement);
                }
            }
            finally
            {
                statement.Dispose();
            }
        }

        private static void InsertTargets(SqliteConnection connection, string shape, TargetRecord[] rows)
        {
            var sql = $"INSERT INTO floor_targets ({TargetsColumns}) VALUES (?1, ?2, ?3, ?4, ?5)" + (Upserts(shape) ? " " + UpsertSet(TargetsColumns) : string.Empty);
            var statement = Prepare(connection, sql);
            try
            {
                Span<byte> buffer = stackalloc byte[64];
                foreach (var row in rows)
                {
                    raw.sqlite3_bind_int(statement, 1, row.Indicator);
                    raw.sqlite3_bind_int(statement, 2, row.Area);
                    raw.sqlite3_bind_text(statement, 3, row.PeriodUtf8);
                    raw.sqlite3_bind_int(statement, 4, row.PeriodStart);
                    BindDecimal(statement, 5, row.Value, buffer);
                    Step(connection, statement);
                }
            }
            finally
            {
                statement.Dispose();
            }
        }

        /// <summary>Decimals as text, formatted as the import stores them.</summary>
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

        private static sqlite3_stmt Prepare(SqliteConnection connection, string sql)
        {
            var rc = raw.sqlite3_prepare_v2(connection.Handle!, sql, out var statement);
            return rc == raw.SQLITE_OK ? statement : throw new SqliteException(raw.sqlite3_errmsg(connection.Handle!).utf8_to_string(), rc);
        }

        private static void Step(SqliteConnection connection, sqlite3_stmt statement)
        {
            var rc = raw.sqlite3_step(statement);
            raw.sqlite3_reset(statement);
            if (rc != raw.SQLITE_DONE)
            {
                throw new SqliteException(raw.sqlite3_errmsg(connection.Handle!).utf8_to_string(), rc);
            }
        }

        private static void Execute(SqliteConnection connection, string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        private static void DeleteFiles(string file)
        {
            foreach (var path in new[] { file, file + "-journal", file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }
        }
    }

    private static class Postgres
    {
        private const string DropAll = "DROP TABLE IF EXISTS floor_values; DROP TABLE IF EXISTS floor_targets; DROP TABLE IF EXISTS floor_areas; DROP TABLE IF EXISTS floor_indicators";

        public static void Run(Database database, string shape, Rows rows, Figures figures, string prefix)
        {
            using var connection = new NpgsqlConnection(database.ConnectionString);
            connection.Open();
            Execute(connection, DropAll);
            foreach (var sql in CreateParents(rows))
            {
                Execute(connection, sql);
            }

            Execute(connection, CreateTable("floor_values", ValuesColumns, shape, postgres: true));
            Execute(connection, CreateTable("floor_targets", TargetsColumns, shape, postgres: true));
            Execute(connection, "CHECKPOINT");
            try
            {
                var clock = Stopwatch.StartNew();
                using (var transaction = connection.BeginTransaction())
                {
                    if (Upserts(shape))
                    {
                        Execute(connection, "CREATE TEMP TABLE staged_values (indicator_id integer, area_id integer, period varchar(16), period_start integer, actual numeric, projected_outturn numeric, note varchar(4000)) ON COMMIT DROP");
                        CopyValues(connection, "staged_values", rows.Values);
                        figures.Add(prefix + "values: copy to temp", clock.Elapsed, rows.Values.Length);
                        var step = Stopwatch.StartNew();
                        Execute(connection, $"INSERT INTO floor_values ({ValuesColumns}) SELECT {ValuesColumns} FROM staged_values {UpsertSet(ValuesColumns)}");
                        figures.Add(prefix + "values: insert select", step.Elapsed, rows.Values.Length);
                        if (shape == "fk-after")
                        {
                            step.Restart();
                            Execute(connection, AddForeignKeys("floor_values"));
                            figures.Add(prefix + "values: add foreign keys", step.Elapsed, rows.Values.Length);
                        }
                    }
                    else
                    {
                        CopyValues(connection, "floor_values", rows.Values);
                    }

                    transaction.Commit();
                }

                figures.Add(prefix + "values", clock.Elapsed, rows.Values.Length);

                clock.Restart();
                using (var transaction = connection.BeginTransaction())
                {
                    if (Upserts(shape))
                    {
                        Execute(connection, "CREATE TEMP TABLE staged_targets (indicator_id integer, area_id integer, period varchar(16), period_start integer, value numeric) ON COMMIT DROP");
                        CopyTargets(connection, "staged_targets", rows.Targets);
                        Execute(connection, $"INSERT INTO floor_targets ({TargetsColumns}) SELECT {TargetsColumns} FROM staged_targets {UpsertSet(TargetsColumns)}");
                        if (shape == "fk-after")
                        {
                            Execute(connection, AddForeignKeys("floor_targets"));
                        }
                    }
                    else
                    {
                        CopyTargets(connection, "floor_targets", rows.Targets);
                    }

                    transaction.Commit();
                }

                figures.Add(prefix + "targets", clock.Elapsed, rows.Targets.Length);
            }
            finally
            {
                Execute(connection, DropAll);
            }
        }

        private static void CopyValues(NpgsqlConnection connection, string table, ValueRecord[] rows)
        {
            using var importer = connection.BeginBinaryImport($"COPY {table} ({ValuesColumns}) FROM STDIN (FORMAT BINARY)");
            foreach (var row in rows)
            {
                importer.StartRow();
                importer.Write(row.Indicator, NpgsqlDbType.Integer);
                importer.Write(row.Area, NpgsqlDbType.Integer);
                importer.Write(row.Period, NpgsqlDbType.Varchar);
                importer.Write(row.PeriodStart, NpgsqlDbType.Integer);
                WriteNullable(importer, row.Actual);
                WriteNullable(importer, row.Projected);
                if (row.Note is { } note)
                {
                    importer.Write(note, NpgsqlDbType.Varchar);
                }
                else
                {
                    importer.WriteNull();
                }
            }

            importer.Complete();
        }

        private static void CopyTargets(NpgsqlConnection connection, string table, TargetRecord[] rows)
        {
            using var importer = connection.BeginBinaryImport($"COPY {table} ({TargetsColumns}) FROM STDIN (FORMAT BINARY)");
            foreach (var row in rows)
            {
                importer.StartRow();
                importer.Write(row.Indicator, NpgsqlDbType.Integer);
                importer.Write(row.Area, NpgsqlDbType.Integer);
                importer.Write(row.Period, NpgsqlDbType.Varchar);
                importer.Write(row.PeriodStart, NpgsqlDbType.Integer);
                importer.Write(row.Value, NpgsqlDbType.Numeric);
            }

            importer.Complete();
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

        private static void Execute(NpgsqlConnection connection, string sql)
        {
            using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            command.ExecuteNonQuery();
        }
    }

    private sealed record ValueRecord(int Indicator, int Area, string Period, byte[] PeriodUtf8, int PeriodStart, decimal? Actual, decimal? Projected, string? Note);

    private sealed record TargetRecord(int Indicator, int Area, string Period, byte[] PeriodUtf8, int PeriodStart, decimal Value);

    /// <summary>The bundle's rows with codes turned into ids (their order in the bundle), sorted by the table's key.</summary>
    private sealed record Rows(ValueRecord[] Values, TargetRecord[] Targets)
    {
        public static Rows From(GoldenThread.Import.Bundle bundle)
        {
            var indicators = bundle.Indicators.Select((row, i) => (row.Code, Id: i + 1)).ToDictionary(x => x.Code, x => x.Id, StringComparer.Ordinal);
            var areas = bundle.Areas.Select((row, i) => (row.Code, Id: i + 1)).ToDictionary(x => x.Code, x => x.Id, StringComparer.Ordinal);
            var utf8 = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            (string Code, byte[] Utf8) Text(GoldenThread.Domain.Periods.Period period)
            {
                var code = period.Code;
                if (!utf8.TryGetValue(code, out var bytes))
                {
                    bytes = Encoding.UTF8.GetBytes(code);
                    utf8.Add(code, bytes);
                }

                return (code, bytes);
            }

            var values = bundle.Values
                .Select(v =>
                {
                    var (code, bytes) = Text(v.Period);
                    return new ValueRecord(indicators[v.IndicatorCode], areas[v.AreaCode], code, bytes, v.Period.StartOrdinal, v.Actual, v.ProjectedOutturn, v.Note);
                })
                .OrderBy(v => v.Area).ThenBy(v => v.Indicator).ThenBy(v => v.Period, StringComparer.Ordinal)
                .ToArray();
            var targets = bundle.Targets
                .Select(t =>
                {
                    var (code, bytes) = Text(t.Period);
                    return new TargetRecord(indicators[t.IndicatorCode], areas[t.AreaCode], code, bytes, t.Period.StartOrdinal, t.Target);
                })
                .OrderBy(t => t.Area).ThenBy(t => t.Indicator).ThenBy(t => t.Period, StringComparer.Ordinal)
                .ToArray();
            return new Rows(values, targets);
        }
    }
}
