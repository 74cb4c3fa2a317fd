using GoldenThread.Audit;
using GoldenThread.People;
using GoldenThread.Storage;
using Microsoft.AspNetCore.Identity;

namespace GoldenThread.Administration;

/// <summary>A new person's details as entered: the fields are <c>full-name</c>, <c>email</c> and <c>organisation</c> (a code).</summary>
public sealed record NewPerson(string? FullName, string? Email, string? OrganisationCode);

/// <summary>Adds a person with no password: they set one themselves through a reset link, so no administrator knows it.</summary>
public sealed class AddPerson(GoldenThreadDb db, UserManager<Person> users, AuditLog audit, TimeProvider clock) : AdminUseCase<NewPerson>(db, audit)
{
    protected override async Task<AdminChange> HandleAsync(AuditActor actor, NewPerson request, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var fullName = request.FullName?.Trim();
        var email = request.Email?.Trim();
        if (PersonChecks.NameProblem(fullName) is { } nameProblem)
        {
            errors.Add(new FieldError("full-name", nameProblem));
        }

        if (await PersonChecks.EmailProblemAsync(users, email) is { } emailProblem)
        {
            errors.Add(new FieldError("email", emailProblem));
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

        var person = new Person
        {
            UserName = email,
            Email = email,
            // An administrator vouches for the address; the person proves it is theirs by setting a password through it.
            EmailConfirmed = true,
            FullName = fullName!,
            OrganisationId = organisation.Id,
            CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(person);
        if (!created.Succeeded)
        {
            return PersonChecks.Refused("email", created);
        }

        Audit.Add(actor, AuditActions.PersonCreated, $"Added {person.FullName} ({person.Email}) in {organisation.Describe}.", person.Id, person.Email);
        await Db.SaveChangesAsync(cancellationToken);
        return AdminChange.Success($"{person.FullName} has been added.", person.Id);
    }
}
