using GoldenThread.Audit;
using GoldenThread.Domain;
using GoldenThread.Domain.Partnership;
using GoldenThread.Partnership;
using GoldenThread.Scorecard;
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
/// Adding and renaming partner organisations, each change saved with its audit entry in one go. Codes are
/// the ones bundles use, so an organisation added here is the one a later import updates.
/// </summary>
public sealed class OrganisationAdministration(GoldenThreadDb db, AuditLog audit)
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

    /// <summary>Adds an organisation; the fields are <c>code</c>, <c>name</c> and <c>kind</c>.</summary>
    public async Task<AdminChange> AddAsync(AuditActor actor, string? code, string? name, string? kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var errors = new List<FieldError>();
        code = code?.Trim();
        name = name?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            errors.Add(new FieldError("code", "Enter the organisation's code, for example WCC"));
        }
        else if (code.Length > Organisation.CodeLength)
        {
            errors.Add(new FieldError("code", $"The code must be {Organisation.CodeLength} characters or fewer"));
        }
        else if (Names.CodeProblem(code) is { } codeProblem)
        {
            errors.Add(new FieldError("code", "The code " + codeProblem));
        }
        else if (await CodeTakenAsync(code, cancellationToken) is { } taken)
        {
            errors.Add(new FieldError("code", $"The code {taken.Code} is already used by {taken.Name}"));
        }

        if (NameProblem(name) is { } nameProblem)
        {
            errors.Add(new FieldError("name", nameProblem));
        }

        if (!Codes.TryParse<OrganisationKind>(kind, out var parsedKind))
        {
            errors.Add(new FieldError("kind", string.IsNullOrWhiteSpace(kind)
                ? "Choose what kind of organisation it is"
                : $"Choose a kind of organisation: {Codes.Allowed<OrganisationKind>()}"));
        }

        if (errors.Count > 0)
        {
            return AdminChange.Refused(errors);
        }

        var organisation = new Organisation { Code = code!, Name = name!, Kind = parsedKind };
        return await UnitOfWork.RunAsync(db, async () =>
        {
            // Saved first for its identifier, which the audit entry names; the transaction keeps the two together.
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync(cancellationToken);
            audit.Add(actor, AuditActions.OrganisationCreated, $"Added {organisation.Code}, {organisation.Name} ({Codes.Of(parsedKind)}).", organisation.Id, $"{organisation.Name} ({organisation.Code})");
            await db.SaveChangesAsync(cancellationToken);
            return AdminChange.Success($"{organisation.Name} ({organisation.Code}) has been added.", organisation.Id);
        }, cancellationToken);
    }

    /// <summary>Renames an organisation; the field is <c>name</c>.</summary>
    public async Task<AdminChange> RenameAsync(AuditActor actor, int id, string? name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        name = name?.Trim();
        var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null)
        {
            return AdminChange.Refused("name", "That organisation no longer exists");
        }

        if (NameProblem(name) is { } problem)
        {
            return AdminChange.Refused("name", problem);
        }

        if (organisation.Name == name)
        {
            return AdminChange.Refused("name", $"{organisation.Code} is already called {name}: enter a different name");
        }

        var old = organisation.Name;
        organisation.Name = name!;
        audit.Add(actor, AuditActions.OrganisationRenamed, $"Renamed {organisation.Code} from {old} to {name}.", organisation.Id, $"{name} ({organisation.Code})");
        await db.SaveChangesAsync(cancellationToken);
        return AdminChange.Success($"{organisation.Code} is now called {name}.", organisation.Id);
    }

    /// <summary>The organisation with this code, compared without regard to case, if any.</summary>
    public Task<Organisation?> FindByCodeAsync(string code, CancellationToken cancellationToken)
    {
        var upper = code.Trim().ToUpperInvariant();
        return db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Code.ToUpper() == upper, cancellationToken);
    }

    private Task<Organisation?> CodeTakenAsync(string code, CancellationToken cancellationToken) => FindByCodeAsync(code, cancellationToken);

    private static string? NameProblem(string? name) =>
        string.IsNullOrEmpty(name) ? "Enter the organisation's name"
        : name.Length > Organisation.NameLength ? $"The name must be {Organisation.NameLength} characters or fewer"
        : Names.NameProblem(name) is { } problem ? "The name " + problem
        : null;
}
