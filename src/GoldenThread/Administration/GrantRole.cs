using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.People;
using GoldenThread.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

// EF Core translates ToUpper and ToLower to SQL, and not string.Equals or Contains with a StringComparison.
#pragma warning disable CA1862

namespace GoldenThread.Administration;

/// <summary>A role to grant, held for what its scope needs, by code: the fields are <c>role</c>, <c>indicator</c>, <c>area</c> and <c>body</c>.</summary>
public sealed record RoleGrant(int PersonId, string? RoleCode, string? IndicatorCode = null, string? AreaCode = null, string? BodyCode = null);

/// <summary>Grants a person a role and renews their security stamp, so their open sessions see it within a minute.</summary>
public sealed class GrantRole(GoldenThreadDb db, UserManager<Person> users, AuditLog audit, TimeProvider clock) : AdminUseCase<RoleGrant>(db, audit)
{
    protected override async Task<AdminChange> HandleAsync(AuditActor actor, RoleGrant request, CancellationToken cancellationToken)
    {
        var id = request.PersonId;
        var person = await PersonChecks.FindAsync(users, id);
        if (person is null)
        {
            return AdminChange.Refused("role", "That person no longer exists");
        }

        if (!Roles.TryParse(request.RoleCode, out var role))
        {
            return AdminChange.Refused("role", "Choose a role");
        }

        var errors = new List<FieldError>();
        var indicator = await IdOfAsync("indicator", "indicator", request.IndicatorCode, upper => Db.Indicators.Where(i => i.Code.ToUpper() == upper).Select(i => (int?)i.Id), errors, cancellationToken);
        var area = await IdOfAsync("area", "area", request.AreaCode, upper => Db.Areas.Where(a => a.Code.ToUpper() == upper).Select(a => (int?)a.Id), errors, cancellationToken);
        var body = await IdOfAsync("body", "board or partnership", request.BodyCode, upper => Db.Bodies.Where(b => b.Code.ToUpper() == upper).Select(b => (int?)b.Id), errors, cancellationToken);
        if (errors.Count > 0)
        {
            return AdminChange.Refused(errors);
        }

        var grant = new Grant(role, indicator, area, body);
        if (grant.Problem() is { } problem)
        {
            return AdminChange.Refused(ProblemField(grant), problem);
        }

        if (await Db.RoleAssignments.AnyAsync(r => r.PersonId == id && r.Role == role && r.IndicatorId == indicator && r.AreaId == area && r.BodyId == body, cancellationToken))
        {
            return AdminChange.Refused("role", $"{person.FullName} already holds this role");
        }

        var assignment = new RoleAssignment { PersonId = id, Role = role, IndicatorId = indicator, AreaId = area, BodyId = body, GrantedAt = clock.GetUtcNow() };
        Db.RoleAssignments.Add(assignment);
        await Db.SaveChangesAsync(cancellationToken);
        var held = (await HeldRole.LoadAsync(Db, [id], cancellationToken)).Single(r => r.Id == assignment.Id);
        Audit.Add(actor, AuditActions.RoleGranted, $"Granted {held.Description}.", person.Id, person.Email);
        var saved = await users.UpdateSecurityStampAsync(person);
        return saved.Succeeded
            ? AdminChange.Success($"{person.FullName} is now {held.Description}.", assignment.Id)
            : PersonChecks.Refused("role", saved);
    }

    /// <summary>The field a malformed grant's problem belongs to: the first choice missing, else the first not wanted.</summary>
    private static string ProblemField(Grant grant)
    {
        var scope = Roles.ScopeOf(grant.Role);
        var needsIndicator = scope is RoleScope.Indicator or RoleScope.IndicatorInArea;
        var needsArea = scope is RoleScope.IndicatorInArea;
        var needsBody = scope is RoleScope.Body;
        return (needsIndicator, grant.IndicatorId, needsArea, grant.AreaId, needsBody, grant.BodyId) switch
        {
            (true, null, _, _, _, _) => "indicator",
            (_, _, true, null, _, _) => "area",
            (_, _, _, _, true, null) => "body",
            (false, not null, _, _, _, _) => "indicator",
            (_, _, false, not null, _, _) => "area",
            _ => "body",
        };
    }

    /// <summary>The identifier for a code (compared without regard to case), or null when none was given; an unknown code is an error on the field.</summary>
    private static async Task<int?> IdOfAsync(
        string field, string what, string? code, Func<string, IQueryable<int?>> lookUp, List<FieldError> errors, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var id = await lookUp(code.Trim().ToUpperInvariant()).FirstOrDefaultAsync(cancellationToken);
        if (id is null)
        {
            errors.Add(new FieldError(field, $"There is no {what} with the code {code.Trim()}"));
        }

        return id;
    }
}
