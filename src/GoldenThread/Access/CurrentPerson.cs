using System.Security.Claims;
using GoldenThread.Storage;
using GoldenThread.Tokens;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Access;

/// <summary>Who is making this request: loaded once per request, or null for the public.</summary>
public sealed class CurrentPerson(IHttpContextAccessor accessor, GoldenThreadDb db)
{
    public const string AuthenticationMethodClaim = "amr";
    public const string MultiFactorMethod = "mfa";
    public const string ScopeClaim = "scope";

    private bool _loaded;
    private SignedInPerson? _person;

    public async Task<SignedInPerson?> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_loaded)
        {
            return _person;
        }

        _person = await LoadAsync(accessor.HttpContext?.User, db, cancellationToken);
        _loaded = true;
        return _person;
    }

    public static async Task<SignedInPerson?> LoadAsync(ClaimsPrincipal? user, GoldenThreadDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (user?.Identity?.IsAuthenticated != true || !int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
        {
            return null;
        }

        // One query: the person, their organisation's name and their roles.
        var person = await db.People.AsNoTracking()
            .Where(p => p.Id == id)
            .Select(p => new
            {
                p.Id,
                p.Email,
                p.FullName,
                p.OrganisationId,
                Organisation = p.Organisation!.Name,
                p.TwoFactorEnabled,
                p.DeactivatedAt,
                Grants = p.Roles.Select(r => new Domain.Access.Grant(r.Role, r.IndicatorId, r.AreaId, r.BodyId)).ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        // A lockout stops signing in with a password, not sessions already open: anyone can lock an account by
        // typing its email address with wrong passwords. Deactivation stops everything.
        if (person is null || person.DeactivatedAt is not null)
        {
            return null;
        }

        var grants = person.Grants;
        var scope = user.FindFirstValue(ScopeClaim) switch
        {
            null => (TokenScope?)null,
            "submit" => TokenScope.Submit,
            _ => TokenScope.Read,
        };
        return new SignedInPerson(
            person.Id,
            person.Email ?? "",
            person.FullName,
            person.OrganisationId,
            person.Organisation,
            new Domain.Access.Actor(person.OrganisationId, grants),
            person.TwoFactorEnabled,
            user.HasClaim(AuthenticationMethodClaim, MultiFactorMethod),
            scope);
    }
}
