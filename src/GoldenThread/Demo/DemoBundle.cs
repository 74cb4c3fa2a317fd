using GoldenThread.Audit;
using GoldenThread.Import;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Demo;

/// <summary>The demonstration partnership (Demo/Bundle), carried inside the program for <c>serve --demo</c>.</summary>
public static class DemoBundle
{
    private const string ResourcePrefix = "GoldenThread.Demo.";

    /// <summary>The latest quarter the demonstration has figures for.</summary>
    public const string LatestQuarter = "2009-10-Q2";

    /// <summary>
    /// The demonstration's own "today", inside its data's years, so that the current quarter and what may be
    /// submitted read as they would on a live site in November 2009.
    /// </summary>
    public static readonly DateOnly Today = new(2009, 11, 16);

    /// <summary>
    /// Loads the demonstration into the database when it holds no indicators yet; returns false, changing
    /// nothing, when it already has data (a demonstration never overwrites a council's figures).
    /// </summary>
    public static Task<bool> LoadIntoEmptyAsync(GoldenThreadDb db, CancellationToken cancellationToken) =>
        LoadIntoEmptyAsync(db, TimeProvider.System, cancellationToken);

    /// <summary>
    /// As <see cref="LoadIntoEmptyAsync(GoldenThreadDb, CancellationToken)"/>, for the demonstration with its quarterly cycle
    /// (<c>serve --demo</c>): the rows the current quarter's returns ask for are held back (<see cref="DemoCycle.IsHeldBack"/>)
    /// and arrive through the returns that <see cref="DemoCycle.PrepareAsync"/> plays once the demonstration's people exist.
    /// </summary>
    public static Task<bool> LoadIntoEmptyForCycleAsync(GoldenThreadDb db, CancellationToken cancellationToken) =>
        LoadIntoEmptyAsync(db, TimeProvider.System, cancellationToken, holdBackCurrentQuarter: true);

    /// <summary>
    /// As <see cref="LoadIntoEmptyAsync(GoldenThreadDb, CancellationToken)"/>, dating its audit entry by <paramref name="clock"/>;
    /// with <paramref name="holdBackCurrentQuarter"/>, as <see cref="LoadIntoEmptyForCycleAsync"/>.
    /// </summary>
    public static async Task<bool> LoadIntoEmptyAsync(GoldenThreadDb db, TimeProvider clock, CancellationToken cancellationToken, bool holdBackCurrentQuarter = false)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.Indicators.AnyAsync(cancellationToken))
        {
            return false;
        }

        var bundle = await ReadAsync(db, cancellationToken);
        if (holdBackCurrentQuarter)
        {
            var heldBack = HeldBack(bundle).ToHashSet();
            bundle.Values.RemoveAll(heldBack.Contains);
        }

        var record = new ImportRecord(new AuditActor(null, "the demonstration loader", Environment.MachineName), "the built-in demonstration bundle", clock);
        await BundleWriter.WriteAsync(db, bundle, record, null, cancellationToken);
        return true;
    }

    /// <summary>The bundle's values rows that the current quarter's returns ask for, which the import holds back.</summary>
    public static async Task<IReadOnlyList<ValueRow>> HeldBackRowsAsync(GoldenThreadDb db, CancellationToken cancellationToken) =>
        HeldBack(await ReadAsync(db, cancellationToken)).ToList();

    private static IEnumerable<ValueRow> HeldBack(Bundle bundle)
    {
        var indicators = bundle.Indicators.ToDictionary(i => i.Code, StringComparer.Ordinal);
        return bundle.Values.Where(v => indicators.TryGetValue(v.IndicatorCode, out var i) && DemoCycle.IsHeldBack(v, i.Frequency, i.Polarity));
    }

    /// <summary>The built-in bundle, read and checked as any import is.</summary>
    private static async Task<Bundle> ReadAsync(GoldenThreadDb db, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("goldenthread-demo-").FullName;
        try
        {
            var assembly = typeof(DemoBundle).Assembly;
            foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
            {
                await using var resource = assembly.GetManifestResourceStream(name)!;
                await using var file = File.Create(Path.Combine(folder, name[ResourcePrefix.Length..]));
                await resource.CopyToAsync(file, cancellationToken);
            }

            var outcome = BundleReader.Read(folder, await DatabaseCatalogue.LoadAsync(db, cancellationToken), today: Today);
            return outcome.Bundle
                ?? throw new InvalidOperationException("The built-in demonstration bundle is invalid: " + string.Join("; ", outcome.Problems));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
