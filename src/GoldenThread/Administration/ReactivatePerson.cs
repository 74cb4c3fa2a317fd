using GoldenThread.Audit;
using GoldenThread.People;
using GoldenThread.Storage;
using Microsoft.AspNetCore.Identity;

namespace GoldenThread.Administration;

/// <summary>Lets a deactivated person (by identifier) sign in again.</summary>
public sealed class ReactivatePerson(GoldenThreadDb db, UserManager<Person> users, AuditLog audit) : AdminUseCase<int>(db, audit)
{
    protected override async Task<AdminChange> HandleAsync(AuditActor actor, int request, CancellationToken cancellationToken)
    {
        var person = await PersonChecks.FindAsync(users, request);
        if (person is null)
        {
            return AdminChange.Refused("reactivate", "That person no longer exists");
        }

        if (person.DeactivatedAt is null)
        {
            return AdminChange.Refused("reactivate", $"{person.FullName} is already active");
        }

        person.DeactivatedAt = null;
        Audit.Add(actor, AuditActions.PersonReactivated, $"Reactivated {person.FullName}: they can sign in again.", person.Id, person.Email);
        var saved = await users.UpdateSecurityStampAsync(person);
        return saved.Succeeded
            ? AdminChange.Success($"{person.FullName} has been reactivated and can sign in again.", person.Id)
            : PersonChecks.Refused("reactivate", saved);
    }
}
