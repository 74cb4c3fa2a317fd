using GoldenThread.Audit;
using GoldenThread.People;
using GoldenThread.Sessions;
using GoldenThread.Storage;
using Microsoft.AspNetCore.Identity;

namespace GoldenThread.Administration;

/// <summary>
/// Stops a person (by identifier) signing in and using their API tokens; every recorded session of theirs ends at
/// once (audited), and their security stamp is renewed. An administrator cannot deactivate themself.
/// </summary>
public sealed class DeactivatePerson(GoldenThreadDb db, UserManager<Person> users, AuditLog audit, TimeProvider clock, SessionStore sessions) : AdminUseCase<int>(db, audit)
{
    protected override async Task<AdminChange> HandleAsync(AuditActor actor, int request, CancellationToken cancellationToken)
    {
        var person = await PersonChecks.FindAsync(users, request);
        if (person is null)
        {
            return AdminChange.Refused("deactivate", "That person no longer exists");
        }

        if (actor.Id == request)
        {
            return AdminChange.Refused("deactivate", "You cannot deactivate yourself. Ask another administrator to do it");
        }

        if (person.DeactivatedAt is not null)
        {
            return AdminChange.Refused("deactivate", $"{person.FullName} is already deactivated");
        }

        person.DeactivatedAt = clock.GetUtcNow();
        Audit.Add(actor, AuditActions.PersonDeactivated, $"Deactivated {person.FullName}: they can no longer sign in or use API tokens.", person.Id, person.Email);
        var saved = await users.UpdateSecurityStampAsync(person);
        if (!saved.Succeeded)
        {
            return PersonChecks.Refused("deactivate", saved);
        }

        await sessions.EndAllAsync(person.Id, exceptId: null, SessionEnd.PersonDeactivated, actor, person.Email, cancellationToken);
        return AdminChange.Success($"{person.FullName} has been deactivated and can no longer sign in.", person.Id);
    }
}
