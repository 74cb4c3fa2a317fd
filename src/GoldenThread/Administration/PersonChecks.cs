using System.ComponentModel.DataAnnotations;
using System.Globalization;
using GoldenThread.People;
using GoldenThread.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

// EF Core translates ToUpper and ToLower to SQL, and not string.Equals or Contains with a StringComparison.
#pragma warning disable CA1862

namespace GoldenThread.Administration;

/// <summary>An organisation chosen by code for a person: its identifier and words for the audit trail, or what is wrong.</summary>
internal sealed record OrganisationChoice(int Id, string Describe, string? Problem);

/// <summary>The checks that more than one of the people's use cases make.</summary>
internal static class PersonChecks
{
    public static string? NameProblem(string? fullName) =>
        string.IsNullOrEmpty(fullName) ? "Enter the person's full name"
        : fullName.Length > Person.FullNameLength ? $"The full name must be {Person.FullNameLength} characters or fewer"
        : Domain.Names.NameProblem(fullName) is { } problem ? "The full name " + problem
        : null;

    /// <summary>What is wrong with an email address for a new person, or null: missing, not an address, or already used.</summary>
    public static async Task<string?> EmailProblemAsync(UserManager<Person> users, string? email)
    {
        if (string.IsNullOrEmpty(email))
        {
            return "Enter the person's email address";
        }

        if (email.Length > 256 || !new EmailAddressAttribute().IsValid(email) || email.Any(char.IsWhiteSpace))
        {
            return "Enter an email address in the correct format, like name@example.org";
        }

        return await users.FindByEmailAsync(email) is { } existing
            ? $"{existing.FullName} already has an account with the email address {existing.Email}"
            : null;
    }

    public static async Task<OrganisationChoice> OrganisationAsync(GoldenThreadDb db, string? code, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return new OrganisationChoice(0, "", "Choose the person's organisation");
        }

        var trimmed = code.Trim().ToUpperInvariant();
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Code.ToUpper() == trimmed, cancellationToken);
        return organisation is null
            ? new OrganisationChoice(0, "", $"There is no organisation with the code {code.Trim()}")
            : new OrganisationChoice(organisation.Id, $"{organisation.Name} ({organisation.Code})", null);
    }

    /// <summary>The person with this identifier, through Identity (which saves them with their security stamp).</summary>
    public static Task<Person?> FindAsync(UserManager<Person> users, int id) =>
        users.FindByIdAsync(id.ToString(CultureInfo.InvariantCulture));

    /// <summary>Identity's refusal, as a problem with a field.</summary>
    public static AdminChange Refused(string field, IdentityResult result) =>
        AdminChange.Refused(field, string.Join(" ", result.Errors.Select(e => e.Description)));
}
