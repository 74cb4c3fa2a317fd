using GoldenThread.Domain.Access;
using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Periods;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Indicators;

/// <summary>An indicator's definition as the indicator pages show it, with the names of its body and lead organisation.</summary>
public sealed record IndicatorDefinition(
    int Id,
    string Code,
    string Title,
    Unit Unit,
    int Decimals,
    Polarity Polarity,
    Frequency Frequency,
    Accumulation Accumulation,
    string? BodyCode,
    string? BodyName,
    string? LeadOrganisationCode,
    string? LeadOrganisationName,
    decimal? AmberTolerance,
    decimal? StrongGreenThreshold,
    decimal? MinValue,
    decimal? MaxValue,
    IReadOnlyList<string> Frameworks)
{
    public IndicatorRules Rules { get; } = new(Polarity, Frequency, Accumulation, Decimals, AmberTolerance, StrongGreenThreshold);

    /// <summary>The definition and calculation (the "PI procedure note"), or null when not recorded.</summary>
    public string? Definition { get; init; }

    public string? DataSource { get; init; }

    public IndicatorType? Type { get; init; }

    public DataQualityRating? DataQuality { get; init; }

    public RiskLevel? RiskLevel { get; init; }

    public bool Audited { get; init; }
}

/// <summary>An area with figures for an indicator, and how deep it sits (0 for a county, 1 for a district under it).</summary>
public sealed record IndicatorArea(int Id, string Code, string Name, int? ParentId, int Depth);

/// <summary>
/// Reads what the indicator pages need and no more: the definition here, the figures through <see cref="FigureStore"/>
/// (one area's rows of one indicator are a single range of the key; every area's are one range per area).
/// </summary>
public static class IndicatorDetailsQuery
{
    /// <summary>The indicator with this code, or null.</summary>
    public static async Task<IndicatorDefinition?> FindAsync(GoldenThreadDb db, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var found = await db.Indicators
            .Where(i => i.Code == code)
            .Select(i => new
            {
                i.Id,
                i.Code,
                i.Title,
                i.Unit,
                i.Decimals,
                i.Polarity,
                i.Frequency,
                i.Accumulation,
                BodyCode = i.Body == null ? null : i.Body.Code,
                BodyName = i.Body == null ? null : i.Body.Name,
                LeadCode = i.LeadOrganisation == null ? null : i.LeadOrganisation.Code,
                LeadName = i.LeadOrganisation == null ? null : i.LeadOrganisation.Name,
                i.AmberTolerance,
                i.StrongGreenThreshold,
                i.MinValue,
                i.MaxValue,
                Frameworks = i.Frameworks.Select(f => f.Tag).ToList(),
                i.Definition,
                i.DataSource,
                i.Type,
                i.DataQuality,
                i.RiskLevel,
                i.Audited,
            })
            .SingleOrDefaultAsync(cancellationToken);
        return found is null
            ? null
            : new IndicatorDefinition(
                found.Id,
                found.Code,
                found.Title,
                found.Unit,
                found.Decimals,
                found.Polarity,
                found.Frequency,
                found.Accumulation,
                found.BodyCode,
                found.BodyName,
                found.LeadCode,
                found.LeadName,
                found.AmberTolerance,
                found.StrongGreenThreshold,
                found.MinValue,
                found.MaxValue,
                [.. found.Frameworks.Order(StringComparer.Ordinal)])
            {
                Definition = found.Definition,
                DataSource = found.DataSource,
                Type = found.Type,
                DataQuality = found.DataQuality,
                RiskLevel = found.RiskLevel,
                Audited = found.Audited,
            };
    }

    /// <summary>
    /// The code of the one indicator that <paramref name="asked"/> names when spaces and case are ignored ("ni16" for
    /// "NI 16"), so an address typed by hand reaches the page; null when none or more than one does.
    /// </summary>
    public static async Task<string?> CanonicalCodeAsync(GoldenThreadDb db, string asked, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(asked);
        var key = Loose(asked);
        if (key.Length == 0)
        {
            return null;
        }

        var codes = await db.Indicators.Select(i => i.Code).ToListAsync(cancellationToken);
        var matches = codes.Where(c => Loose(c) == key).Take(2).ToList();
        return matches.Count == 1 ? matches[0] : null;

        static string Loose(string code) => string.Concat(code.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
    }

    /// <summary>The names of the active people who hold each role scoped to this indicator (owner and deputy), by name.</summary>
    public static async Task<IReadOnlyDictionary<Role, IReadOnlyList<string>>> RoleHoldersAsync(GoldenThreadDb db, int indicatorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var holders = await db.RoleAssignments
            .Where(r => r.IndicatorId == indicatorId && (r.Role == Role.IndicatorOwner || r.Role == Role.IndicatorDeputy))
            .Join(db.People.Where(p => p.DeactivatedAt == null), r => r.PersonId, p => p.Id, (r, p) => new { r.Role, p.FullName })
            .ToListAsync(cancellationToken);
        return holders
            .GroupBy(h => h.Role)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<string>)[.. g.Select(h => h.FullName).Distinct(StringComparer.Ordinal).Order(StringComparer.OrdinalIgnoreCase)]);
    }

    /// <summary>
    /// The areas that have a target or a values row for the indicator (the pairs the scorecard has an entry for),
    /// each parent first and its districts after it, by name.
    /// </summary>
    public static async Task<IReadOnlyList<IndicatorArea>> AreasWithFiguresAsync(GoldenThreadDb db, int indicatorId, Publication publication, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);

        var withFigures = await FigureStore.AreasWithFiguresAsync(db, indicatorId, publication, cancellationToken);
        var areas = (await db.Areas.Select(a => new { a.Id, a.Code, a.Name, a.ParentId }).ToListAsync(cancellationToken))
            .Where(a => withFigures.Contains(a.Id));
        return Arrange(areas.Select(a => (a.Id, a.Code, a.Name, a.ParentId)));
    }

    /// <summary>Orders areas as a tree: each top-level area, then the areas under it, by name (then code) at each level.</summary>
    public static IReadOnlyList<IndicatorArea> Arrange(IEnumerable<(int Id, string Code, string Name, int? ParentId)> areas)
    {
        ArgumentNullException.ThrowIfNull(areas);
        var list = areas.ToList();
        var present = list.Select(a => a.Id).ToHashSet();
        var children = list
            .Where(a => a.ParentId is { } p && present.Contains(p))
            .ToLookup(a => a.ParentId!.Value);
        var result = new List<IndicatorArea>(list.Count);

        void Visit((int Id, string Code, string Name, int? ParentId) area, int depth)
        {
            result.Add(new IndicatorArea(area.Id, area.Code, area.Name, area.ParentId, depth));
            foreach (var child in ByName(children[area.Id]))
            {
                Visit(child, depth + 1);
            }
        }

        // An area whose parent has no figures stands at the top, so that no area is left out.
        foreach (var root in ByName(list.Where(a => a.ParentId is not { } p || !present.Contains(p))))
        {
            Visit(root, 0);
        }

        return result;

        static IEnumerable<(int Id, string Code, string Name, int? ParentId)> ByName(IEnumerable<(int Id, string Code, string Name, int? ParentId)> items) =>
            items.OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ThenBy(a => a.Code, StringComparer.Ordinal);
    }

    /// <summary>Every target and values row of one indicator in one area, for periods started by the end of <paramref name="upTo"/>: one range of each table's key.</summary>
    public static async Task<StoredHistory> HistoryAsync(GoldenThreadDb db, int indicatorId, int areaId, Period upTo, Publication publication, CancellationToken cancellationToken)
    {
        var filter = new FigureFilter(publication) { Indicators = [indicatorId], Areas = [areaId], UpTo = upTo, WithNotes = true };
        var histories = await FigureStore.HistoriesAsync(db, filter, cancellationToken);
        return histories.GetValueOrDefault((indicatorId, areaId)) ?? StoredHistory.Empty;
    }

    /// <summary>As <see cref="HistoriesOfAllAreasAsync"/>, with each values row's sign-off (what is final).</summary>
    public static async Task<IReadOnlyDictionary<int, StoredHistory>> StoredHistoriesOfAllAreasAsync(GoldenThreadDb db, int indicatorId, Period upTo, Publication publication, CancellationToken cancellationToken)
    {
        var filter = new FigureFilter(publication) { Indicators = [indicatorId], UpTo = upTo };
        var histories = await FigureStore.HistoriesAsync(db, filter, cancellationToken);
        return histories.ToDictionary(h => h.Key.Area, h => h.Value);
    }

    /// <summary>Every target and values row of one indicator, in every area, for periods started by the end of <paramref name="upTo"/>; keyed by area id.</summary>
    public static async Task<IReadOnlyDictionary<int, IndicatorHistory>> HistoriesOfAllAreasAsync(GoldenThreadDb db, int indicatorId, Period upTo, Publication publication, CancellationToken cancellationToken)
    {
        var filter = new FigureFilter(publication) { Indicators = [indicatorId], UpTo = upTo };
        var histories = await FigureStore.HistoriesAsync(db, filter, cancellationToken);
        return histories.ToDictionary(h => h.Key.Area, h => h.Value.History);
    }
}
