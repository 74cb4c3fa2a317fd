using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.People;
using GoldenThread.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Administration;

/// <summary>One of a person's roles to remove: the role assignment's identifier.</summary>
public sealed record RoleRemoval(int PersonId, int AssignmentId);

/// <summary>Removes one of a person's roles; an administrator cannot remove their own administrator role.</summary>
public sealed class RemoveRole(GoldenThreadDb db, UserManager<Person> users, AuditLog audit) : AdminUseCase<RoleRemoval>(db, audit)
{
    protected override async Task<AdminChange> HandleAsync(AuditActor actor, RoleRemoval request, CancellationToken cancellationToken)
    {
        var person = await PersonChecks.FindAsync(users, request.PersonId);
        var held = (await HeldRole.LoadAsync(Db, [request.PersonId], cancellationToken)).SingleOrDefault(r => r.Id == request.AssignmentId);
        if (person is null || held is null)
        {
            return AdminChange.Refused("roles", "That role has already been removed");
        }

        if (held.Role == Role.Administrator && actor.Id == request.PersonId)
        {
            return AdminChange.Refused("roles", "You cannot remove your own administrator role. Ask another administrator to do it");
        }

        Db.RoleAssignments.Remove(await Db.RoleAssignments.SingleAsync(r => r.Id == request.AssignmentId, cancellationToken));
        Audit.Add(actor, AuditActions.RoleRemoved, $"Removed {held.Description}.", person.Id, person.Email);
        var saved = await users.UpdateSecurityStampAsync(person);
        return saved.Succeeded
            ? AdminChange.Success($"{person.FullName} is no longer {held.Description}.", person.Id)
            : PersonChecks.Refused("roles", saved);
    }
}
