using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Import;

/// <summary>The codes already stored, loaded once before a bundle is validated (the reference tables are small).</summary>
public sealed class DatabaseCatalogue : ICatalogue
{
    private readonly HashSet<string> _areas;
    private readonly HashSet<string> _organisations;
    private readonly HashSet<string> _bodies;
    private readonly Dictionary<string, KnownIndicator> _indicators;
    private readonly Dictionary<string, KnownPerson> _people;

    private DatabaseCatalogue(
        HashSet<string> areas, HashSet<string> organisations, HashSet<string> bodies, Dictionary<string, KnownIndicator> indicators, Dictionary<string, KnownPerson> people)
    {
        _people = people;
        _areas = areas;
        _organisations = organisations;
        _bodies = bodies;
        _indicators = indicators;
    }

    public static async Task<DatabaseCatalogue> LoadAsync(GoldenThreadDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var areas = (await db.Areas.Select(a => a.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var organisations = (await db.Organisations.Select(o => o.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var bodies = (await db.Bodies.Select(b => b.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var indicators = await db.Indicators
            .Select(i => new KnownIndicator(i.Code, i.Frequency, i.MinValue, i.MaxValue))
            .ToDictionaryAsync(i => i.Code, StringComparer.Ordinal, cancellationToken);
        var people = (await db.People.Where(p => p.Email != null).Select(p => new { p.Email, p.DeactivatedAt }).ToListAsync(cancellationToken))
            .GroupBy(p => p.Email!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Any(p => p.DeactivatedAt == null) ? KnownPerson.Active : KnownPerson.Deactivated, StringComparer.OrdinalIgnoreCase);
        return new DatabaseCatalogue(areas, organisations, bodies, indicators, people);
    }

    public bool HasArea(string code) => _areas.Contains(code);

    public bool HasOrganisation(string code) => _organisations.Contains(code);

    public bool HasBody(string code) => _bodies.Contains(code);

    public KnownIndicator? FindIndicator(string code) => _indicators.GetValueOrDefault(code);

    public KnownPerson FindPerson(string email) => _people.GetValueOrDefault(email, KnownPerson.Unknown);
}
