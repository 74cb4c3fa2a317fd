using GoldenThread.Domain.Access;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Indicators;

/// <summary>
/// An indicator nobody active answers for: no active person holds its owner role, or none holds its deputy role
/// (a deactivated holder does not count: they cannot sign in to make a return).
/// </summary>
public sealed record IndicatorProblem(string Code, string Title, bool LacksOwner, bool LacksDeputy)
{
    /// <summary>What is missing, in words: "No active owner or deputy", "No active owner", "No active deputy".</summary>
    public string Problem => (LacksOwner, LacksDeputy) switch
    {
        (true, true) => "No active owner or deputy",
        (true, false) => "No active owner",
        _ => "No active deputy",
    };
}

/// <summary>
/// The indicators that lack an active owner or an active deputy, for the central team's dashboard: each is itself a
/// problem, because its return has nobody to go to. One query over the indicators and their role holders.
/// </summary>
public static class IndicatorProblems
{
    public static async Task<IReadOnlyList<IndicatorProblem>> ListAsync(GoldenThreadDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var indicators = await db.Indicators
            .Select(i => new
            {
                i.Code,
                i.Title,
                HasOwner = db.RoleAssignments.Any(r => r.IndicatorId == i.Id && r.Role == Role.IndicatorOwner && db.People.Any(p => p.Id == r.PersonId && p.DeactivatedAt == null)),
                HasDeputy = db.RoleAssignments.Any(r => r.IndicatorId == i.Id && r.Role == Role.IndicatorDeputy && db.People.Any(p => p.Id == r.PersonId && p.DeactivatedAt == null)),
            })
            .Where(i => !i.HasOwner || !i.HasDeputy)
            .ToListAsync(cancellationToken);
        return
        [
            .. indicators
                .Select(i => new IndicatorProblem(i.Code, i.Title, !i.HasOwner, !i.HasDeputy))
                .OrderBy(i => i.Code, IndicatorCodeOrder.Instance),
        ];
    }
}
