using GoldenThread.Partnership;
using Microsoft.AspNetCore.Identity;

namespace GoldenThread.People;

/// <summary>
/// A person who signs in: an ASP.NET Core Identity account (email as the user name) in exactly one partner
/// organisation, holding the roles in <see cref="Roles"/>.
/// </summary>
public sealed class Person : IdentityUser<int>
{
    public const int FullNameLength = 200;

    public required string FullName { get; set; }

    public int OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When an administrator stopped this person signing in; null while they may.</summary>
    public DateTimeOffset? DeactivatedAt { get; set; }

    /// <summary>The 30-second step of the last authenticator code used, so that no code (or an earlier one) works twice.</summary>
    public long? AuthenticatorLastStep { get; set; }

    public List<RoleAssignment> Roles { get; } = [];
}
