using GoldenThread.Domain.Access;
using GoldenThread.People;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Administration;

/// <summary>
/// A role as people read it: what it is and what it is held for, by code and name, e.g. "Delivery lead for
/// NI 15 in Hartmere". The names are read when the role is shown; the audit trail keeps the words of the time.
/// </summary>
public sealed record HeldRole(
    int Id,
    int PersonId,
    Role Role,
    string? IndicatorCode,
    string? IndicatorTitle,
    string? AreaCode,
    string? AreaName,
    string? BodyCode,
    string? BodyName)
{
    /// <summary>What it is held for, or null for a role held everywhere: "NI 15 in Hartmere".</summary>
    public string? HeldFor => Roles.ScopeOf(Role) switch
    {
        RoleScope.Indicator => IndicatorCode,
        RoleScope.IndicatorInArea => $"{IndicatorCode} in {AreaName ?? AreaCode}",
        RoleScope.Body => BodyName ?? BodyCode,
        _ => null,
    };

    /// <summary>The role and what it is held for, in a sentence: "Delivery lead for NI 15 in Hartmere".</summary>
    public string Description => Roles.ScopeOf(Role) switch
    {
        RoleScope.Everywhere => Roles.Name(Role),
        RoleScope.Body => $"{Roles.Name(Role)} of {HeldFor}",
        _ => $"{Roles.Name(Role)} for {HeldFor}",
    };

    /// <summary>The roles of the given people (all of them when <paramref name="personIds"/> is null), in a steady order.</summary>
    public static async Task<List<HeldRole>> LoadAsync(GoldenThreadDb db, IReadOnlyCollection<int>? personIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        IQueryable<RoleAssignment> assignments = db.RoleAssignments.AsNoTracking();
        if (personIds is not null)
        {
            assignments = assignments.Where(r => personIds.Contains(r.PersonId));
        }

        var rows = await assignments
            .OrderBy(r => r.PersonId).ThenBy(r => r.Id)
            .Select(r => new HeldRole(
                r.Id,
                r.PersonId,
                r.Role,
                r.Indicator == null ? null : r.Indicator.Code,
                r.Indicator == null ? null : r.Indicator.Title,
                r.Area == null ? null : r.Area.Code,
                r.Area == null ? null : r.Area.Name,
                r.Body == null ? null : r.Body.Code,
                r.Body == null ? null : r.Body.Name))
            .ToListAsync(cancellationToken);
        return rows;
    }
}
