using System.Diagnostics;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Periods;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace GoldenThread.Scorecard;

/// <summary>An area as the pages offer it; <see cref="Label"/> places it under its county ("Wessexshire: Hartmere").</summary>
public sealed record AreaChoice(string Code, string Name, string Label);

/// <summary>An accountable body as the pages offer it.</summary>
public sealed record BodyChoice(string Code, string Name);

/// <summary>What the pages show of an indicator beside its assessment.</summary>
public sealed record IndicatorFacts(string Code, string Title, Frequency Frequency, int Decimals, string? BodyCode, IReadOnlyList<string> Frameworks)
{
    /// <summary>Stands in for an indicator imported after the page read the list, so a row is never lost.</summary>
    public static IndicatorFacts Unknown(string code) => new(code, code, Frequency.Quarterly, 2, null, []);
}

/// <summary>
/// Everything the scorecard and home pages let a person choose between, and look codes up in: periods, areas,
/// bodies, frameworks and indicators.
/// </summary>
/// <remarks>
/// Kept in the memory cache for <see cref="Lifetime"/>: finding the periods reads every values row (about 100 ms
/// of processor time at national scale), and reading the small tables would cost every request another 2 ms. Imports run in another process and cannot tell
/// the web site, so a new quarter reaches the pages within that minute; a code that is not found makes the page
/// read the choices again at once (<see cref="RefreshAsync"/>) before calling it unknown, and an empty database
/// is never kept, so the first import shows straight away.
/// </remarks>
public sealed class ScorecardChoices
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    /// <summary>How old cached choices must be before an unknown code makes the page read them again: a stream of bad codes costs at most one read in this time.</summary>
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(5);

    private readonly long _readAt;
    private readonly Dictionary<string, AreaChoice> _areas;
    private readonly Dictionary<string, BodyChoice> _bodies;

    private ScorecardChoices(DataExtent extent, List<AreaChoice> areas, List<BodyChoice> bodies, List<string> frameworks, Dictionary<string, IndicatorFacts> indicators)
    {
        Extent = extent;
        Areas = areas;
        Bodies = bodies;
        Frameworks = frameworks;
        Indicators = indicators;
        _readAt = Stopwatch.GetTimestamp();
        _areas = areas.ToDictionary(a => a.Code, StringComparer.Ordinal);
        _bodies = bodies.ToDictionary(b => b.Code, StringComparer.Ordinal);
    }

    public DataExtent Extent { get; }

    /// <summary>How long ago these choices were read from the database.</summary>
    public TimeSpan Age => Stopwatch.GetElapsedTime(_readAt);

    /// <summary>True when these choices are old enough to be read again because a code was not found in them.</summary>
    public bool MayBeStale => Age > RefreshAfter;

    /// <summary>The quarters offered, oldest first: from the first with figures to the current quarter.</summary>
    public IReadOnlyList<Period> Quarters => Extent.Quarters;

    /// <summary>The current period (<see cref="Timetable.ReportingClock.CurrentPeriodAsync"/>), or null when no quarter has figures.</summary>
    public Period? CurrentQuarter => HasFigures ? Extent.CurrentQuarter : null;

    /// <summary>True when there is a quarter to show: the pages explain how to import when there is not.</summary>
    public bool HasFigures => Extent.Quarters.Count > 0;

    /// <summary>Every area, ordered by label, so each county is followed by its districts.</summary>
    public IReadOnlyList<AreaChoice> Areas { get; }

    public IReadOnlyList<BodyChoice> Bodies { get; }

    public IReadOnlyList<string> Frameworks { get; }

    public IReadOnlyDictionary<string, IndicatorFacts> Indicators { get; }

    /// <summary>The area shown when none is asked for; null when there are no areas.</summary>
    public AreaChoice? DefaultArea => Extent.DefaultAreaCode is { } code ? FindArea(code) : null;

    public AreaChoice? FindArea(string code) => _areas.GetValueOrDefault(code);

    public BodyChoice? FindBody(string code) => _bodies.GetValueOrDefault(code);

    public IndicatorFacts Indicator(string code) => Indicators.GetValueOrDefault(code) ?? IndicatorFacts.Unknown(code);

    /// <summary>The area for a code from a scorecard entry, with a stand-in for one imported since the list was read.</summary>
    public AreaChoice Area(string code) => FindArea(code) ?? new AreaChoice(code, code, code);

    /// <summary>The choices, from the cache when they were read in the last minute.</summary>
    /// <remarks>
    /// Requests that arrive while the choices are read share that one read, which uses its own connection: a
    /// request that gives up waiting neither cancels it nor leaves a failure in the cache for the others.
    /// </remarks>
    public static async Task<ScorecardChoices> GetAsync(Database database, IMemoryCache cache, Period currentQuarter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(cache);
        var key = CacheKey(database, currentQuarter);
        var shared = cache.GetOrCreate(key, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            return new Lazy<Task<ScorecardChoices>>(() => ReadAsync(database, currentQuarter, CancellationToken.None));
        })!;

        try
        {
            var choices = await shared.Value.WaitAsync(cancellationToken);
            if (!choices.HasFigures)
            {
                cache.Remove(key);
            }

            return choices;
        }
        catch (Exception) when (shared.Value.IsFaulted)
        {
            cache.Remove(key);
            throw;
        }
    }

    /// <summary>Reads the choices now and keeps them in place of the cached ones.</summary>
    public static async Task<ScorecardChoices> RefreshAsync(Database database, IMemoryCache cache, Period currentQuarter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cache);
        cache.Remove(CacheKey(database, currentQuarter));
        return await GetAsync(database, cache, currentQuarter, cancellationToken);
    }

    /// <summary>Reads the choices from the database, uncached, through a context of their own.</summary>
    public static async Task<ScorecardChoices> ReadAsync(Database database, Period currentQuarter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var db = database.Open();
        return await ReadAsync(db, currentQuarter, cancellationToken);
    }

    /// <summary>Reads the choices through an open context, uncached.</summary>
    public static async Task<ScorecardChoices> ReadAsync(GoldenThreadDb db, Period currentQuarter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var extent = await DataExtent.ReadAsync(db, currentQuarter, cancellationToken);

        var areaRows = await db.Areas.Select(a => new { a.Id, a.Code, a.Name, a.ParentId }).ToListAsync(cancellationToken);
        var byId = areaRows.ToDictionary(a => a.Id);
        string LabelOf(int id)
        {
            var names = new List<string>();
            for (int? at = id; at is { } current && byId.TryGetValue(current, out var area) && names.Count <= byId.Count; at = area.ParentId)
            {
                names.Add(area.Name);
            }

            names.Reverse();
            return string.Join(": ", names);
        }

        var areas = areaRows
            .Select(a => new AreaChoice(a.Code, a.Name, LabelOf(a.Id)))
            .OrderBy(a => a.Label, StringComparer.OrdinalIgnoreCase)
            .ThenBy(a => a.Code, StringComparer.Ordinal)
            .ToList();

        var bodies = (await db.Bodies.Select(b => new { b.Code, b.Name }).ToListAsync(cancellationToken))
            .Select(b => new BodyChoice(b.Code, b.Name))
            .OrderBy(b => b.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();

        var indicatorRows = await db.Indicators
            .Select(i => new { i.Id, i.Code, i.Title, i.Frequency, i.Decimals, BodyCode = i.Body == null ? null : i.Body.Code })
            .ToListAsync(cancellationToken);
        var tags = (await db.IndicatorFrameworks.Select(f => new { f.IndicatorId, f.Tag }).ToListAsync(cancellationToken))
            .ToLookup(f => f.IndicatorId, f => f.Tag);
        var indicators = indicatorRows.ToDictionary(
            i => i.Code,
            i => new IndicatorFacts(i.Code, i.Title, i.Frequency, i.Decimals, i.BodyCode, [.. tags[i.Id].Order(StringComparer.Ordinal)]),
            StringComparer.Ordinal);
        var frameworks = tags.SelectMany(g => g).Distinct(StringComparer.Ordinal).Order(StringComparer.OrdinalIgnoreCase).ToList();

        return new ScorecardChoices(extent, areas, bodies, frameworks, indicators);
    }

    private static (Type, string, Period) CacheKey(Database database, Period currentQuarter) => (typeof(ScorecardChoices), database.ConnectionString, currentQuarter);
}
