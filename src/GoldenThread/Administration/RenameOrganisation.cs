using GoldenThread.Audit;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Administration;

/// <summary>An organisation's new name as entered: the field is <c>name</c>.</summary>
public sealed record OrganisationRename(int OrganisationId, string? Name);

/// <summary>Renames an organisation; its code stays, as bundles refer to it.</summary>
public sealed class RenameOrganisation(GoldenThreadDb db, AuditLog audit) : AdminUseCase<OrganisationRename>(db, audit)
{
    protected override async Task<AdminChange> HandleAsync(AuditActor actor, OrganisationRename request, CancellationToken cancellationToken)
    {
        var name = request.Name?.Trim();
        var organisation = await Db.Organisations.SingleOrDefaultAsync(o => o.Id == request.OrganisationId, cancellationToken);
        if (organisation is null)
        {
            return AdminChange.Refused("name", "That organisation no longer exists");
        }

        if (OrganisationChecks.NameProblem(name) is { } problem)
        {
            return AdminChange.Refused("name", problem);
        }

        if (organisation.Name == name)
        {
            return AdminChange.Refused("name", $"{organisation.Code} is already called {name}: enter a different name");
        }

        var old = organisation.Name;
        organisation.Name = name!;
        Audit.Add(actor, AuditActions.OrganisationRenamed, $"Renamed {organisation.Code} from {old} to {name}.", organisation.Id, $"{name} ({organisation.Code})");
        await Db.SaveChangesAsync(cancellationToken);
        return AdminChange.Success($"{organisation.Code} is now called {name}.", organisation.Id);
    }
}
