using GoldenThread.Audit;
using GoldenThread.People;
using GoldenThread.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Administration;

/// <summary>A person's name and organisation as entered: the fields are <c>full-name</c> and <c>organisation</c> (a code).</summary>
public sealed record PersonDetails(int PersonId, string? FullName, string? OrganisationCode);

/// <summary>Changes a person's name and organisation; a move to another organisation renews their security stamp.</summary>
public sealed class ChangePersonDetails(GoldenThreadDb db, UserManager<Person> users, AuditLog audit) : AdminUseCase<PersonDetails>(db, audit)
{
    protected override async Task<AdminChange> HandleAsync(AuditActor actor, PersonDetails request, CancellationToken cancellationToken)
    {
        var person = await PersonChecks.FindAsync(users, request.PersonId);
        if (person is null)
        {
            return AdminChange.Refused("full-name", "That person no longer exists");
        }

        var errors = new List<FieldError>();
        var fullName = request.FullName?.Trim();
        if (PersonChecks.NameProblem(fullName) is { } nameProblem)
        {
            errors.Add(new FieldError("full-name", nameProblem));
        }

        var organisation = await PersonChecks.OrganisationAsync(Db, request.OrganisationCode, cancellationToken);
        if (organisation.Problem is { } organisationProblem)
        {
            errors.Add(new FieldError("organisation", organisationProblem));
        }

        if (errors.Count > 0)
        {
            return AdminChange.Refused(errors);
        }

        var renamed = person.FullName != fullName;
        var moved = person.OrganisationId != organisation.Id;
        if (!renamed && !moved)
        {
            return AdminChange.Refused("full-name", "Nothing has changed: change the name or the organisation");
        }

        if (renamed)
        {
            Audit.Add(actor, AuditActions.PersonChanged, $"Name changed from {person.FullName} to {fullName}.", person.Id, person.Email);
            person.FullName = fullName!;
        }

        if (moved)
        {
            var old = await Db.Organisations.AsNoTracking().Where(o => o.Id == person.OrganisationId).Select(o => o.Name + " (" + o.Code + ")").SingleAsync(cancellationToken);
            Audit.Add(actor, AuditActions.OrganisationChanged, $"Organisation changed from {old} to {organisation.Describe}.", person.Id, person.Email);
            person.OrganisationId = organisation.Id;
        }

        // Identity saves the person and the audit entries in one SaveChanges; a move renews the security stamp.
        var saved = moved ? await users.UpdateSecurityStampAsync(person) : await users.UpdateAsync(person);
        return saved.Succeeded
            ? AdminChange.Success($"{person.FullName}'s details have been changed.", person.Id)
            : PersonChecks.Refused("full-name", saved);
    }
}
