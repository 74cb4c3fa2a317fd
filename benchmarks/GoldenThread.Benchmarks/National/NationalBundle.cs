using GoldenThread.Benchmarks.Generator;
using GoldenThread.Import;

namespace GoldenThread.Benchmarks.National;

/// <summary>
/// The national-scale bundle in memory: 400 areas x 200 indicators x 12 quarters plus the previous year's outturn
/// (1,040,000 values rows and 219,600 targets), read and checked by the product's own <see cref="BundleReader"/>, so
/// that benchmarks work on exactly the rows that <c>goldenthread import</c> writes.
/// </summary>
internal static class NationalBundle
{
    /// <summary>Values rows in the default national bundle: 200 indicators x 400 areas x (12 quarters + 1 outturn).</summary>
    public const int Values = 1_040_000;

    /// <summary>The quarter the scorecard figures assess: the last year of the bundle, Q1.</summary>
    public const string Quarter = "2010-11-Q1";

    /// <summary>
    /// Reads the bundle in <paramref name="folder"/>, or, when it is null, generates the default national bundle
    /// (seed 1) into a temporary folder, reads it and deletes the folder.
    /// </summary>
    public static Bundle Load(string? folder)
    {
        if (folder is not null)
        {
            return Read(folder);
        }

        var temporary = Directory.CreateTempSubdirectory("goldenthread-national-");
        try
        {
            new BundleGenerator(new GeneratorOptions(
                temporary.FullName,
                GeneratorOptions.DefaultAreas,
                GeneratorOptions.DefaultIndicators,
                GeneratorOptions.DefaultQuarters,
                GeneratorOptions.DefaultSeed)).Write();
            return Read(temporary.FullName);
        }
        finally
        {
            temporary.Delete(recursive: true);
        }
    }

    private static Bundle Read(string folder)
    {
        var outcome = BundleReader.Read(folder, EmptyCatalogue.Instance);
        return outcome.Bundle ?? throw new InvalidOperationException(
            $"The bundle in {folder} is not valid: {string.Join("; ", outcome.Problems.Take(5))}");
    }

    /// <summary>An empty database: the bundle must carry every code it uses, as the generated one does.</summary>
    private sealed class EmptyCatalogue : ICatalogue
    {
        public static EmptyCatalogue Instance { get; } = new();

        public bool HasArea(string code) => false;

        public bool HasOrganisation(string code) => false;

        public bool HasBody(string code) => false;

        public KnownIndicator? FindIndicator(string code) => null;
    }
}
