using GoldenThread.Domain.Access;
using GoldenThread.People;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Indicators;

/// <summary>A person who gained or lost an indicator's owner or deputy role.</summary>
public sealed record HolderChange(int PersonId, string FullName, string? Email, Role Role, bool Granted)
{
    /// <summary>The role as the audit trail words it: "Indicator owner for NI 16".</summary>
    public string Describe(string indicatorCode) => $"{Roles.Name(Role)} for {indicatorCode}";
}

/// <summary>
/// Who owns an indicator and who is its deputy are role assignments (<see cref="Role.IndicatorOwner"/>,
/// <see cref="Role.IndicatorDeputy"/>), the one record of who may do what; this sets them for the edit page and the
/// import alike. The caller saves and audits, in its own unit of work.
/// </summary>
public static class IndicatorHolders
{
    /// <summary>The active people who hold <paramref name="role"/> for the indicator, by name.</summary>
    public static async Task<IReadOnlyList<(int Id, string FullName)>> ActiveAsync(GoldenThreadDb db, int indicatorId, Role role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var holders = await db.RoleAssignments
            .Where(r => r.IndicatorId == indicatorId && r.Role == role)
            .Join(db.People.Where(p => p.DeactivatedAt == null), r => r.PersonId, p => p.Id, (r, p) => new { p.Id, p.FullName })
            .Distinct()
            .ToListAsync(cancellationToken);
        return [.. holders.OrderBy(h => h.FullName, StringComparer.OrdinalIgnoreCase).Select(h => (h.Id, h.FullName))];
    }

    /// <summary>
    /// Makes <paramref name="personId"/> the indicator's only holder of <paramref name="role"/>: every other
    /// assignment of that role for the indicator goes (a deactivated holder's too: they are replaced), and the person
    /// gains it if they do not hold it. With null, the active holders lose it and nobody gains it. The people whose
    /// roles changed get a new security stamp, so their open sessions see it. Returns what changed; nothing is saved.
    /// </summary>
    public static async Task<IReadOnlyList<HolderChange>> ReplaceAsync(
        GoldenThreadDb db, int indicatorId, Role role, int? personId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var held = await db.RoleAssignments.AsTracking()
            .Where(r => r.IndicatorId == indicatorId && r.Role == role && r.AreaId == null && r.BodyId == null)
            .ToListAsync(cancellationToken);
        var ids = held.Select(r => r.PersonId).Append(personId ?? 0).Distinct().ToList();
        var people = await db.People.AsTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);

        var changes = new List<HolderChange>();
        foreach (var assignment in held)
        {
            var holder = people[assignment.PersonId];
            var goes = personId is null ? holder.DeactivatedAt is null : assignment.PersonId != personId;
            if (goes)
            {
                db.RoleAssignments.Remove(assignment);
                changes.Add(new HolderChange(holder.Id, holder.FullName, holder.Email, role, Granted: false));
            }
        }

        if (personId is { } id && !held.Exists(r => r.PersonId == id))
        {
            var person = people[id];
            db.RoleAssignments.Add(new RoleAssignment { PersonId = id, Role = role, IndicatorId = indicatorId, GrantedAt = now });
            changes.Add(new HolderChange(person.Id, person.FullName, person.Email, role, Granted: true));
        }

        foreach (var changed in changes.Select(c => c.PersonId).Distinct())
        {
            people[changed].SecurityStamp = Guid.NewGuid().ToString();
        }

        return changes;
    }
}
