using GoldenThread.Domain;
using GoldenThread.Domain.Partnership;
using GoldenThread.Partnership;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

// EF Core translates ToUpper and ToLower to SQL, and not string.Equals or Contains with a StringComparison.
#pragma warning disable CA1862

namespace GoldenThread.Administration;

/// <summary>An organisation as the administration pages list it, with how many people belong to it.</summary>
public sealed record OrganisationSummary(int Id, string Code, string Name, OrganisationKind Kind, int People)
{
    public string KindWord => Codes.Of(Kind);

    public string KindName => KindNames.Name(Kind);
}

/// <summary>The names people read for the kinds of organisation.</summary>
public static class KindNames
{
    public static IReadOnlyList<OrganisationKind> All { get; } = Enum.GetValues<OrganisationKind>();

    public static string Name(OrganisationKind kind) => kind switch
    {
        OrganisationKind.Council => "Council",
        OrganisationKind.Police => "Police",
        OrganisationKind.Health => "Health",
        OrganisationKind.Fire => "Fire and rescue",
        OrganisationKind.Voluntary => "Voluntary sector",
        OrganisationKind.Business => "Business",
        _ => "Other",
    };
}

/// <summary>
/// Reading partner organisations for the administration pages and the command line. Codes are the ones
/// bundles use, so an organisation added here is the one a later import updates. The changes are
/// <see cref="AddOrganisation"/> and <see cref="RenameOrganisation"/>.
/// </summary>
public sealed class OrganisationQueries(GoldenThreadDb db)
{
    public async Task<List<OrganisationSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var counts = await db.People.AsNoTracking()
            .GroupBy(p => p.OrganisationId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var organisations = await db.Organisations.AsNoTracking().OrderBy(o => o.Code).ToListAsync(cancellationToken);
        return organisations.Select(o => new OrganisationSummary(o.Id, o.Code, o.Name, o.Kind, counts.GetValueOrDefault(o.Id))).ToList();
    }

    public Task<Organisation?> FindAsync(int id, CancellationToken cancellationToken) =>
        db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken);

    /// <summary>The organisation with this code, compared without regard to case, if any.</summary>
    public Task<Organisation?> FindByCodeAsync(string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(code);
        var upper = code.Trim().ToUpperInvariant();
        return db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Code.ToUpper() == upper, cancellationToken);
    }
}

/// <summary>The checks that adding and renaming an organisation both make.</summary>
internal static class OrganisationChecks
{
    public static string? NameProblem(string? name) =>
        string.IsNullOrEmpty(name) ? "Enter the organisation's name"
        : name.Length > Organisation.NameLength ? $"The name must be {Organisation.NameLength} characters or fewer"
        : Domain.Names.NameProblem(name) is { } problem ? "The name " + problem
        : null;
}
