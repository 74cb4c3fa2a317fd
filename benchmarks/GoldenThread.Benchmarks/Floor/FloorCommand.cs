namespace GoldenThread.Benchmarks.Floor;

/// <summary>
/// <c>floor ...</c>: the floors that the command timings are compared with, and the product's commands taken apart,
/// timed in process with a stopwatch. Meant for <c>scripts/bench-commands</c>, which starts the databases.
/// </summary>
internal static class FloorCommand
{
    public const string Name = "floor";

    public const string Usage =
        """
        Usage: floor <what> [options]

          scan --database <db> [--period 2010-11-Q1] [--runs 3]
              A plain ADO.NET scan of every target and values row; then the same scan filing each row under its
              indicator and area and rating every pair (PVT and RAG only) in a plain loop. Median of the runs.
          plain-scorecard --database <db> [--period 2010-11-Q1]
              One scan with the plain loop, in a fresh process: time the whole process next to `scorecard`.
          insert --database <db> [--bundle <folder>] [--shapes plain,keyed,upsert,fk] [--runs 3]
              The bundle's values rows (then its targets) in one transaction into an empty table of the same
              columns: SQLite by a prepared INSERT through SQLitePCLRaw, PostgreSQL by binary COPY. For SQLite
              --database is a file that must not exist (it is created and deleted for each run). Shapes: plain (no
              key), keyed (the primary key), upsert (the import's own statements on a keyed table), fk (upsert
              with the two foreign keys too), fk-after (PostgreSQL: upsert, then add the foreign keys).
          import-phases --database <empty db> --bundle <folder>
              The import, in process: open, read and check, write the reference rows, write the targets and values
              (two transactions instead of one). The database is migrated first (untimed).
          scorecard-phases --database <db> [--period 2010-11-Q1] [--area <code>] [--runs 3]
              The scorecard, in process: open, query and engine, JSON. First run and later runs apart.

        Every subcommand also takes --tsv <file> (append the figures as tab-separated lines) and --name <prefix>.
        Without --bundle, the default national bundle is generated into a temporary folder.
        """;

    private static readonly string[] Common = ["--database", "--tsv", "--name"];

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        if (args.Count == 0 || args[0] is "--help" or "-h" or "-?")
        {
            output.WriteLine(Usage);
            return args.Count == 0 ? 2 : 0;
        }

        var (allowed, action) = args[0] switch
        {
            "scan" => ([.. Common, "--period", "--runs"], ScanFloor.Run),
            "plain-scorecard" => ([.. Common, "--period"], ScanFloor.RunOnce),
            "insert" => ([.. Common, "--bundle", "--shapes", "--runs"], InsertFloor.Run),
            "import-phases" => ([.. Common, "--bundle"], (o, w) => ProductPhases.ImportAsync(o, w).GetAwaiter().GetResult()),
            "scorecard-phases" => ([.. Common, "--period", "--area", "--runs"], (o, w) => ProductPhases.ScorecardAsync(o, w).GetAwaiter().GetResult()),
            _ => ((string[]?)null, (Func<FloorOptions, TextWriter, int>?)null),
        };
        if (allowed is null || action is null)
        {
            errors.WriteLine($"floor: unknown subcommand '{args[0]}'.");
            errors.WriteLine(Usage);
            return 2;
        }

        var options = FloorOptions.Parse(args.Skip(1).ToList(), allowed, out var error);
        if (options is null)
        {
            errors.WriteLine($"floor {args[0]}: {error}");
            return 2;
        }

        try
        {
            return action(options, output);
        }
        catch (ArgumentException e)
        {
            errors.WriteLine($"floor {args[0]}: {e.Message}");
            return 2;
        }
    }
}
