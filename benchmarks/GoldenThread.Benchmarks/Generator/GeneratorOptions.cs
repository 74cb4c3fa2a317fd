using System.Globalization;

namespace GoldenThread.Benchmarks.Generator;

/// <summary>What to generate: the size of the bundle along each axis, and the seed that makes it repeatable.</summary>
internal sealed record GeneratorOptions(string Out, int Areas, int Indicators, int Quarters, int Seed)
{
    public const int DefaultAreas = 400;
    public const int DefaultIndicators = 200;
    public const int DefaultQuarters = 12;
    public const int DefaultSeed = 1;

    /// <summary>Quarters run from 2008/09 Q1; this many keeps every period code before the year 2999.</summary>
    public const int MaxQuarters = 1000;

    public const string Usage =
        """
        Usage: generate --out <folder> [--areas 400] [--indicators 200] [--quarters 12] [--seed 1]

        Writes a synthetic import bundle (areas, organisations, bodies, indicators, targets and values CSV
        files, as interchange.md defines them) for benchmarks. The same options and seed always give the
        same files. Values cover every indicator, area and quarter from 2008/09 Q1, plus the previous
        year's outturn: 400 x 200 x 12 is about a million values rows.

          --out <folder>      where to write the files (created when missing; existing files are replaced)
          --areas <n>         areas in all: a few counties with districts under them (default 400)
          --indicators <n>    indicators (default 200)
          --quarters <n>      quarters of data from 2008/09 Q1 (default 12)
          --seed <n>          the random seed (default 1)
        """;

    /// <summary>Reads the arguments after <c>generate</c>; returns null and an error message when they are wrong.</summary>
    public static GeneratorOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        string? output = null;
        int areas = DefaultAreas, indicators = DefaultIndicators, quarters = DefaultQuarters, seed = DefaultSeed;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count)
            {
                error = $"{name}: a value is missing.";
                return null;
            }

            var value = args[++i];
            error = name switch
            {
                "--out" => Text(value, out output),
                "--areas" => Number(name, value, 1, int.MaxValue, out areas),
                "--indicators" => Number(name, value, 1, int.MaxValue, out indicators),
                "--quarters" => Number(name, value, 1, MaxQuarters, out quarters),
                "--seed" => Number(name, value, int.MinValue, int.MaxValue, out seed),
                _ => $"{name}: unknown option.",
            };
            if (error is not null)
            {
                return null;
            }
        }

        if (output is null)
        {
            error = "--out: the output folder is required.";
            return null;
        }

        error = null;
        return new GeneratorOptions(output, areas, indicators, quarters, seed);
    }

    private static string? Text(string value, out string? result)
    {
        result = value;
        return string.IsNullOrWhiteSpace(value) ? "--out: the output folder is empty." : null;
    }

    private static string? Number(string name, string value, int min, int max, out int result)
    {
        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result) || result < min || result > max)
        {
            return min == int.MinValue
                ? $"{name}: '{value}' is not a whole number."
                : $"{name}: '{value}' is not a whole number from {min} to {max}.";
        }

        return null;
    }
}
