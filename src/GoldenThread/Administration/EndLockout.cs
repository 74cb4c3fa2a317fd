using GoldenThread.Audit;
using GoldenThread.People;
using GoldenThread.Storage;
using Microsoft.AspNetCore.Identity;

namespace GoldenThread.Administration;

/// <summary>Lets a locked-out person (by identifier) try again at once, with a fresh count of wrong passwords.</summary>
public sealed class EndLockout(GoldenThreadDb db, UserManager<Person> users, AuditLog audit, TimeProvider clock) : AdminUseCase<int>(db, audit)
{
    protected override async Task<AdminChange> HandleAsync(AuditActor actor, int request, CancellationToken cancellationToken)
    {
        var person = await PersonChecks.FindAsync(users, request);
        if (person is null)
        {
            return AdminChange.Refused("end-lockout", "That person no longer exists");
        }

        if (!PersonStatus.IsLockedOut(person.LockoutEnd, clock.GetUtcNow()))
        {
            return AdminChange.Refused("end-lockout", $"{person.FullName} is not locked out");
        }

        var until = person.LockoutEnd;
        var ended = await users.SetLockoutEndDateAsync(person, null);
        if (!ended.Succeeded)
        {
            return PersonChecks.Refused("end-lockout", ended);
        }

        var reset = await users.ResetAccessFailedCountAsync(person);
        if (!reset.Succeeded)
        {
            return PersonChecks.Refused("end-lockout", reset);
        }

        Audit.Add(actor, AuditActions.LockoutEnded, $"Ended the lockout that would have lasted until {PersonStatus.When(until!.Value)}.", person.Id, person.Email);
        await Db.SaveChangesAsync(cancellationToken);
        return AdminChange.Success($"{person.FullName} is no longer locked out and can sign in again.", person.Id);
    }
}
