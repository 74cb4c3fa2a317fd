using System.Diagnostics;
using System.Globalization;

namespace GoldenThread.Benchmarks.Generator;

/// <summary>The <c>generate</c> command: parses its options, writes the bundle and says what it wrote and how fast.</summary>
internal static class GenerateCommand
{
    public const string Name = "generate";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        if (args.Any(a => a is "--help" or "-h" or "-?"))
        {
            output.WriteLine(GeneratorOptions.Usage);
            return 0;
        }

        var options = GeneratorOptions.Parse(args, out var error);
        if (options is null)
        {
            errors.WriteLine(error);
            errors.WriteLine();
            errors.WriteLine(GeneratorOptions.Usage);
            return 2;
        }

        var clock = Stopwatch.StartNew();
        var counts = new BundleGenerator(options).Write();
        clock.Stop();

        foreach (var (file, rows) in counts)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{file,-18} {rows,10:N0} rows"));
        }

        var total = counts.Sum(c => c.Rows);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Wrote {total:N0} rows to {Path.GetFullPath(options.Out)} in {clock.Elapsed.TotalSeconds:F2} s."));
        return 0;
    }
}
