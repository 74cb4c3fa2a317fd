using System.Diagnostics;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Periods;
using GoldenThread.Import;
using GoldenThread.Scorecard;
using GoldenThread.Storage;

namespace GoldenThread.Benchmarks.Floor;

/// <summary>
/// The product's own commands taken apart in one process, calling the same code the commands call, so that a figure
/// that misses its goal can be split into where the time goes: opening the database and checking its schema,
/// reading and checking the bundle, writing it; running the scorecard query with the engine, and writing the JSON.
/// </summary>
internal static class ProductPhases
{
    private static readonly ImportRecord Record = ImportRecord.CommandLine("benchmark", TimeProvider.System);

    /// <summary>
    /// <c>floor import-phases</c>: one import into an empty database (migrated here, untimed), taken apart: open the
    /// database, read and check the bundle, write its reference rows, write its targets and values.
    /// </summary>
    public static async Task<int> ImportAsync(FloorOptions options, TextWriter output)
    {
        var database = Database.Parse(options.Required("--database"));
        var bundlePath = options.Required("--bundle");
        var figures = new Figures(output, options.Text("--tsv"));
        var prefix = (options.Text("--name") ?? "import") + " ";

        await using (var migrating = database.Open())
        {
            await Schema.ApplyAsync(migrating, CancellationToken.None);
        }

        // Beside each phase's wall time, this process's CPU time in it (all threads: the JIT's and the GC's too), which a
        // busy machine disturbs less; on PostgreSQL the server's share of the work is not in it.
        var cpu = Cpu.Start();
        var total = Stopwatch.StartNew();
        var clock = Stopwatch.StartNew();
        await using var db = database.Open();
        await Schema.EnsureCurrentAsync(db, database, TextWriter.Null, CancellationToken.None);
        var catalogue = await DatabaseCatalogue.LoadAsync(db, CancellationToken.None);
        figures.Add(prefix + "open and check the schema", clock.Elapsed, 0);
        figures.Add(prefix + "open and check the schema, CPU", cpu.Lap(), 0);

        clock.Restart();
        var outcome = BundleReader.Read(bundlePath, catalogue);
        var bundle = outcome.Bundle ?? throw new InvalidOperationException(string.Join("; ", outcome.Problems.Take(5)));
        figures.Add(prefix + "read and check the bundle", clock.Elapsed, bundle.RowCount);
        figures.Add(prefix + "read and check the bundle, CPU", cpu.Lap(), bundle.RowCount);

        // The writer in two calls (two transactions instead of the command's one): the reference rows, which go
        // through EF Core, then the targets and values, which go through the bulk path.
        var reference = new Bundle();
        reference.Areas.AddRange(bundle.Areas);
        reference.Organisations.AddRange(bundle.Organisations);
        reference.Bodies.AddRange(bundle.Bodies);
        reference.Indicators.AddRange(bundle.Indicators);
        var bulk = new Bundle();
        bulk.Targets.AddRange(bundle.Targets);
        bulk.Values.AddRange(bundle.Values);

        clock.Restart();
        var counts = await BundleWriter.WriteAsync(db, reference, Record, null, CancellationToken.None);
        figures.Add(prefix + "write reference rows (EF Core)", clock.Elapsed, counts.Total);
        figures.Add(prefix + "write reference rows (EF Core), CPU", cpu.Lap(), counts.Total);

        clock.Restart();
        counts = await BundleWriter.WriteAsync(db, bulk, Record, null, CancellationToken.None);
        figures.Add(prefix + "write targets and values (bulk)", clock.Elapsed, counts.Total);
        figures.Add(prefix + "write targets and values (bulk), CPU", cpu.Lap(), counts.Total);
        figures.Add(prefix + "in-process total", total.Elapsed, counts.Values);
        figures.Add(prefix + "in-process total, CPU", cpu.Total, counts.Values);
        figures.Report();
        return 0;
    }

    /// <summary>
    /// <c>floor scorecard-phases</c>: the scorecard run several times in one process; the first run pays for the JIT and
    /// EF Core's model, as every run of the command does, so it is reported apart from the later ones.
    /// </summary>
    public static async Task<int> ScorecardAsync(FloorOptions options, TextWriter output)
    {
        var database = Database.Parse(options.Required("--database"));
        var period = Period.Parse(options.Text("--period") ?? National.NationalBundle.Quarter);
        var area = options.Text("--area");
        var runs = options.Number("--runs", 3);
        var figures = new Figures(output, options.Text("--tsv"));
        var prefix = (options.Text("--name") ?? "scorecard") + " ";
        for (var run = 0; run < runs; run++)
        {
            var label = prefix + (run == 0 ? "first run: " : "later runs: ");
            var clock = Stopwatch.StartNew();
            await using var db = database.Open();
            await Schema.EnsureCurrentAsync(db, database, TextWriter.Null, CancellationToken.None);
            figures.Add(label + "open and check the schema", clock.Elapsed, 0);

            clock.Restart();
            var scorecard = await ScorecardQuery.RunAsync(db, new ScorecardFilter(period, area), Tolerances.Default, CancellationToken.None);
            figures.Add(label + "query and engine", clock.Elapsed, scorecard.Entries.Count);

            clock.Restart();
            await ScorecardOutput.WriteJsonAsync(scorecard, Stream.Null, CancellationToken.None);
            figures.Add(label + "JSON to nowhere", clock.Elapsed, scorecard.Entries.Count);
        }

        figures.Report();
        return 0;
    }

    /// <summary>This process's CPU time, by laps.</summary>
    private sealed class Cpu
    {
        private readonly TimeSpan _start;
        private TimeSpan _last;

        private Cpu(TimeSpan now) => (_start, _last) = (now, now);

        public TimeSpan Total => Now() - _start;

        public static Cpu Start() => new(Now());

        public TimeSpan Lap()
        {
            var now = Now();
            var lap = now - _last;
            _last = now;
            return lap;
        }

        private static TimeSpan Now()
        {
            using var process = Process.GetCurrentProcess();
            return process.TotalProcessorTime;
        }
    }
}
