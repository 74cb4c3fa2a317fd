using System.Globalization;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Partnership;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;
using IndicatorCodeOrder = GoldenThread.Indicators.IndicatorCodeOrder;

namespace GoldenThread.Web.Forms;

/// <summary>What a person is choosing an indicator and an area for: the rule that says which pairs they may choose.</summary>
public enum PairPurpose
{
    /// <summary>Stage 1 action and action plans: <see cref="InterventionAccess.MayWriteFor"/>.</summary>
    Write,

    /// <summary>Setting a stage by hand and requesting a stage 3 report: <see cref="InterventionAccess.MayActForExecutiveBoard"/>.</summary>
    ExecutiveBoard,

    /// <summary>Raising an escalation: those who write for the pair, the members of its accountable body, administrators.</summary>
    Escalate,
}

/// <summary>An indicator a person may choose, with its accountable body's name for grouping.</summary>
public sealed record PairIndicator(int Id, string Code, string Title, string? BodyName);

/// <summary>An area a person may choose, with the area it lies in, when it is a district.</summary>
public sealed record PairArea(int Id, string Code, string Name, string? ParentName);

/// <summary>
/// The indicators and areas a person may choose on the ladder's forms (issue 11), by the same rules the use cases check
/// (<see cref="InterventionAccess"/>): the executive board and administrators every pair, a delivery lead their own. The
/// forms show them as two GOV.UK selects labelled "Indicator" and "Area" (the forms' field names kept); a pair not
/// allowed is still refused by the use case, naming the field.
/// </summary>
public sealed class PairChoices
{
    /// <summary>Up to this many pairs are named in the hint under the indicator (a delivery lead's few pairs).</summary>
    public const int NamedInHint = 12;

    private readonly HashSet<(string Indicator, string Area)> _allowed;

    private PairChoices(IReadOnlyList<PairIndicator> indicators, IReadOnlyList<PairArea> areas, HashSet<(string, string)> allowed, bool every)
    {
        Indicators = indicators;
        Areas = areas;
        _allowed = allowed;
        Every = every;
    }

    /// <summary>The indicators with at least one area the person may choose, in code order.</summary>
    public IReadOnlyList<PairIndicator> Indicators { get; }

    /// <summary>The areas with at least one indicator the person may choose: the county first, then its districts by name.</summary>
    public IReadOnlyList<PairArea> Areas { get; }

    /// <summary>Whether every indicator may be chosen in every area.</summary>
    public bool Every { get; }

    /// <summary>Whether the person may choose nothing at all (the form is then not offered).</summary>
    public bool IsEmpty => _allowed.Count == 0;

    public int Count => _allowed.Count;

    /// <summary>Whether the person may choose the indicator in the area (codes as stored; case-sensitive).</summary>
    public bool May(string indicatorCode, string areaCode) => _allowed.Contains((indicatorCode, areaCode));

    public static PairChoices None { get; } = new([], [], [], every: false);

    /// <summary>The choices of <paramref name="actor"/> (null: nobody signed in, no choice) for <paramref name="purpose"/>.</summary>
    public static async Task<PairChoices> ForAsync(GoldenThreadDb db, Actor? actor, PairPurpose purpose, CancellationToken cancellationToken) =>
        actor is null ? None : For(await PairUniverse.LoadAsync(db, cancellationToken), actor, purpose);

    /// <summary>The choices of <paramref name="actor"/> for <paramref name="purpose"/> among the loaded indicators and areas.</summary>
    internal static PairChoices For(PairUniverse universe, Actor actor, PairPurpose purpose)
    {
        if (purpose == PairPurpose.ExecutiveBoard && !InterventionAccess.MayActForExecutiveBoard(actor, universe.ExecutiveBoards))
        {
            return None;
        }

        bool Allowed(PairUniverse.IndicatorRow indicator, PairUniverse.AreaRow area) => Allows(actor, purpose, indicator, area);

        var allowed = new HashSet<(string, string)>();
        var indicatorIds = new HashSet<int>();
        var areaIds = new HashSet<int>();
        foreach (var indicator in universe.Indicators)
        {
            foreach (var area in universe.Areas.Where(a => Allowed(indicator, a)))
            {
                allowed.Add((indicator.Code, area.Code));
                indicatorIds.Add(indicator.Id);
                areaIds.Add(area.Id);
            }
        }

        return new PairChoices(
            [
                .. universe.Indicators.Where(i => indicatorIds.Contains(i.Id))
                    .OrderBy(i => i.Code, IndicatorCodeOrder.Instance)
                    .Select(i => new PairIndicator(i.Id, i.Code, i.Title, i.BodyName)),
            ],
            [
                .. universe.Areas.Where(a => areaIds.Contains(a.Id))
                    .OrderBy(a => a.ParentId is null ? 0 : 1).ThenBy(a => a.Name, StringComparer.OrdinalIgnoreCase)
                    .Select(a => new PairArea(a.Id, a.Code, a.Name, a.ParentName)),
            ],
            allowed,
            allowed.Count == universe.Indicators.Count * universe.Areas.Count);
    }

    /// <summary>
    /// Whether <paramref name="actor"/> may choose the pair for <paramref name="purpose"/>, once the executive board's gate
    /// (<see cref="InterventionAccess.MayActForExecutiveBoard"/>) is passed for that purpose: the one rule of the lists and
    /// of <see cref="PairRights"/>' links.
    /// </summary>
    internal static bool Allows(Actor actor, PairPurpose purpose, PairUniverse.IndicatorRow indicator, PairUniverse.AreaRow area)
    {
        var figures = new Figures(indicator.Id, indicator.LeadOrganisationId, area.Id);
        return purpose switch
        {
            PairPurpose.ExecutiveBoard => true,
            PairPurpose.Write => InterventionAccess.MayWriteFor(actor, figures),
            _ => InterventionAccess.MayEscalateFrom(actor, figures, null) || InterventionAccess.MayConsiderFor(actor, indicator.BodyId),
        };
    }

    /// <summary>
    /// The indicator's select, labelled "Indicator", grouped by accountable body when there is more than one. The option
    /// chosen is <paramref name="selected"/> when it is one of them (a code in any case), or the only one.
    /// </summary>
    public SelectField IndicatorField(string name, string? selected, string? error)
    {
        var options = Indicators.Select(i => (Group: i.BodyName ?? "No accountable body", Option: new SelectOption(i.Code, $"{i.Code}: {Short(i.Title)}"))).ToList();
        var groups = options.Select(o => o.Group).Distinct(StringComparer.Ordinal).Count() > 1
            ? options.GroupBy(o => o.Group, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
                .Select(g => new SelectGroup(g.Key, [.. g.Select(o => o.Option)])).ToList()
            : [new SelectGroup(null, [.. options.Select(o => o.Option)])];
        var chosen = Chosen(Indicators.Select(i => i.Code), selected);
        if (Indicators.Count != 1)
        {
            groups.Insert(0, new SelectGroup(null, [new SelectOption(string.Empty, "Choose an indicator")]));
        }

        return new SelectField(name, "Indicator", groups, chosen, error) { Id = "indicator", Hint = Hint() };
    }

    /// <summary>The area's select, labelled "Area": the county, then the districts in it.</summary>
    public SelectField AreaField(string name, string? selected, string? error)
    {
        var options = Areas.Select(a => new SelectOption(a.Code, a.ParentName is null ? $"{a.Name} ({a.Code})" : $"{a.Name} ({a.Code}), in {a.ParentName}")).ToList();
        if (Areas.Count != 1)
        {
            options.Insert(0, new SelectOption(string.Empty, "Choose an area"));
        }

        return new SelectField(name, "Area", [new SelectGroup(null, options)], Chosen(Areas.Select(a => a.Code), selected), error) { Id = "area" };
    }

    /// <summary>
    /// The problems of a posted choice the page can say before the use case runs: nothing chosen, or a value that is not
    /// one of the options (the use case names a pair the person may not act for).
    /// </summary>
    public IReadOnlyList<FieldError> Check(string? indicator, string? area)
    {
        var problems = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(indicator))
        {
            problems.Add(new FieldError("indicator", "Choose the indicator"));
        }

        if (string.IsNullOrWhiteSpace(area))
        {
            problems.Add(new FieldError("area", "Choose the area"));
        }

        return problems;
    }

    /// <summary>"You may choose NI 15 in Hartmere (HRT)." when the person has a few pairs only.</summary>
    private string? Hint()
    {
        if (Every || _allowed.Count == 0 || _allowed.Count > NamedInHint)
        {
            return null;
        }

        var names = Areas.ToDictionary(a => a.Code, a => a.Name, StringComparer.Ordinal);
        var pairs = _allowed
            .OrderBy(p => p.Indicator, IndicatorCodeOrder.Instance).ThenBy(p => names[p.Area], StringComparer.OrdinalIgnoreCase)
            .Select(p => $"{p.Indicator} in {names[p.Area]} ({p.Area})")
            .ToList();
        return pairs.Count == 1
            ? $"You act for {pairs[0]}."
            : string.Create(CultureInfo.InvariantCulture, $"You act for {pairs.Count} indicators and areas: {string.Join(", ", pairs[..^1])} and {pairs[^1]}.");
    }

    private static string? Chosen(IEnumerable<string> codes, string? asked)
    {
        var all = codes.ToList();
        var match = asked is null ? null : all.FirstOrDefault(c => string.Equals(c, asked.Trim(), StringComparison.OrdinalIgnoreCase));
        return match ?? (all.Count == 1 ? all[0] : asked?.Trim());
    }

    private static string Short(string title) => title.Length <= 90 ? title : title[..89] + "…";
}

/// <summary>Every indicator and area, and the executive boards: what the pair choices are made from, read once per page.</summary>
internal sealed record PairUniverse(IReadOnlyList<PairUniverse.IndicatorRow> Indicators, IReadOnlyList<PairUniverse.AreaRow> Areas, IReadOnlyCollection<int> ExecutiveBoards)
{
    internal sealed record IndicatorRow(int Id, string Code, string Title, int? LeadOrganisationId, int? BodyId, string? BodyName);

    internal sealed record AreaRow(int Id, string Code, string Name, int? ParentId, string? ParentName);

    public static async Task<PairUniverse> LoadAsync(GoldenThreadDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var boards = await db.Bodies.AsNoTracking().Where(b => b.Kind == BodyKind.ExecutiveBoard).Select(b => b.Id).ToListAsync(cancellationToken);
        var indicators = await db.Indicators.AsNoTracking()
            .Select(i => new IndicatorRow(i.Id, i.Code, i.Title, i.LeadOrganisationId, i.BodyId, i.Body == null ? null : i.Body.Name))
            .ToListAsync(cancellationToken);
        var areas = await db.Areas.AsNoTracking()
            .Select(a => new AreaRow(a.Id, a.Code, a.Name, a.ParentId, a.Parent == null ? null : a.Parent.Name))
            .ToListAsync(cancellationToken);
        return new PairUniverse(indicators, areas, boards);
    }
}
