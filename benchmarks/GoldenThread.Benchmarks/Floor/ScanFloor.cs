using System.Data.Common;
using System.Diagnostics;
using GoldenThread.Domain;
using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Periods;
using GoldenThread.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace GoldenThread.Benchmarks.Floor;

/// <summary>
/// The floor under <c>scorecard</c> for every area: a plain ADO.NET scan of the rows the scorecard reads (every
/// target and every values row, no filter, as the scorecard reads them), either just materialised or filed under
/// their pairs and rated by <see cref="PlainRag"/>.
/// </summary>
internal static class ScanFloor
{
    private const string TargetsSql = "SELECT indicator_id, area_id, period, value FROM targets";
    private const string ValuesSql = "SELECT indicator_id, area_id, period, actual, projected_outturn FROM indicator_values";

    public static DbConnection Open(Database database)
    {
        DbConnection connection = database.Provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(database.ConnectionString)
            : new NpgsqlConnection(database.ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Reads every target and values row, materialising each column as the scorecard does, and nothing more.</summary>
    public static long Scan(DbConnection connection)
    {
        long rows = 0, check = 0;
        decimal sum = 0;
        using (var command = Command(connection, TargetsSql))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                check += reader.GetInt32(0) + reader.GetInt32(1) + reader.GetString(2).Length;
                sum += reader.GetDecimal(3);
                rows++;
            }
        }

        using (var command = Command(connection, ValuesSql))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                check += reader.GetInt32(0) + reader.GetInt32(1) + reader.GetString(2).Length;
                sum += (reader.IsDBNull(3) ? 0m : reader.GetDecimal(3)) + (reader.IsDBNull(4) ? 0m : reader.GetDecimal(4));
                rows++;
            }
        }

        // The sums keep every read alive; they never come out this way.
        return sum == decimal.MinValue || check < 0 ? -1 : rows;
    }

    /// <summary>Reads the same rows and rates every pair at <paramref name="period"/> in a plain loop; returns the status counts.</summary>
    public static (long Rows, int Pairs, int[] Statuses) ScanAndRate(DbConnection connection, Period period)
    {
        var plain = new PlainRag(period.Code, period.FinancialYear.Code);
        using (var command = Command(connection, "SELECT id, polarity, amber_tolerance, strong_green_threshold FROM indicators"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var polarity = Codes.TryParse<Polarity>(reader.GetString(1), out var p) ? p : throw new InvalidDataException(reader.GetString(1));
                plain.Indicator(
                    reader.GetInt32(0),
                    polarity,
                    reader.IsDBNull(2) ? null : reader.GetDecimal(2),
                    reader.IsDBNull(3) ? null : reader.GetDecimal(3));
            }
        }

        long rows = 0;
        using (var command = Command(connection, TargetsSql))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                plain.Target(reader.GetInt32(0), reader.GetInt32(1), reader.GetString(2), reader.GetDecimal(3));
                rows++;
            }
        }

        using (var command = Command(connection, ValuesSql))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                plain.Value(
                    reader.GetInt32(0),
                    reader.GetInt32(1),
                    reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetDecimal(3),
                    reader.IsDBNull(4) ? null : reader.GetDecimal(4));
                rows++;
            }
        }

        return (rows, plain.Pairs, plain.Rate());
    }

    /// <summary>
    /// <c>floor scan</c>: each run times the bare scan and then the scan with the plain loop, on one open connection;
    /// the first run pays for the JIT, so use the median of a few.
    /// </summary>
    public static int Run(FloorOptions options, TextWriter output)
    {
        var database = Database.Parse(options.Required("--database"));
        var period = Period.Parse(options.Text("--period") ?? National.NationalBundle.Quarter);
        var runs = options.Number("--runs", 3);
        var figures = new Figures(output, options.Text("--tsv"));
        var prefix = options.Text("--name") ?? "floor";
        int[] statuses = [];
        using (var connection = Open(database))
        {
            for (var run = 0; run < runs; run++)
            {
                var clock = Stopwatch.StartNew();
                var rows = Scan(connection);
                figures.Add(prefix + " scan", clock.Elapsed, rows);

                clock.Restart();
                (rows, _, statuses) = ScanAndRate(connection, period);
                figures.Add(prefix + " scan + plain loop", clock.Elapsed, rows);
            }
        }

        figures.Report();
        output.WriteLine(StatusLine(statuses));
        return 0;
    }

    /// <summary>
    /// <c>floor plain-scorecard</c>: one pass of the scan and the plain loop in a fresh process, to be timed whole
    /// (with hyperfine) next to <c>goldenthread scorecard</c>, startup included on both sides.
    /// </summary>
    public static int RunOnce(FloorOptions options, TextWriter output)
    {
        var database = Database.Parse(options.Required("--database"));
        var period = Period.Parse(options.Text("--period") ?? National.NationalBundle.Quarter);
        using var connection = Open(database);
        var (rows, pairs, statuses) = ScanAndRate(connection, period);
        output.WriteLine($"{rows} rows, {pairs} pairs. {StatusLine(statuses)}");
        return 0;
    }

    private static string StatusLine(int[] statuses) =>
        statuses.Length == 0
            ? string.Empty
            : "statuses: " + string.Join(", ", Enum.GetValues<Status>().Select(s => $"{s.Code()} {statuses[(int)s]}"));

    private static DbCommand Command(DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        return command;
    }
}
