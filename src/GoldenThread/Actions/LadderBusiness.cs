using GoldenThread.Domain.Intervention;
using GoldenThread.Domain.Partnership;
using GoldenThread.Domain.Periods;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Actions;

/// <summary>What the ladder puts on a body's agenda for a quarter: its stage 1 actions, stage 2 plans and stage 3 report requests.</summary>
public sealed record BodyLadderBusiness(
    IReadOnlyList<StageOneActionSummary> StageOneActions,
    IReadOnlyList<ActionPlanSummary> ActionPlans,
    IReadOnlyList<ReportRequestSummary> ReportRequests);

/// <summary>
/// The ladder's business for a body's meeting (issue 11, items 1 and 3): the stage 1 actions recorded for the quarter,
/// the action plans recorded for it or still in draft, and the report requests made in it or still open, of the
/// indicators the body is accountable for (<c>Indicator.BodyId</c>); the executive board sees every indicator's (stage 1
/// action reaches it through the thematic partnership). For the bodies' pages.
/// </summary>
public static class LadderBusiness
{
    public static async Task<BodyLadderBusiness> ForBodyAsync(GoldenThreadDb db, int bodyId, Period quarter, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var kind = await db.Bodies.AsNoTracking().Where(b => b.Id == bodyId).Select(b => (BodyKind?)b.Kind).SingleOrDefaultAsync(cancellationToken);
        HashSet<string>? indicators = kind == BodyKind.ExecutiveBoard
            ? null
            : (await db.Indicators.AsNoTracking().Where(i => i.BodyId == bodyId).Select(i => i.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        bool Ours(string indicator) => indicators is null || indicators.Contains(indicator);

        var actions = (await ActionQueries.StageOneActionsAsync(db, quarter.Code, cancellationToken)).Where(a => Ours(a.IndicatorCode)).ToList();
        var plans = (await ActionQueries.PlansAsync(db, cancellationToken))
            .Where(p => Ours(p.IndicatorCode) && (p.Period == quarter.Code || p.State == ActionPlanState.Draft))
            .ToList();
        var requests = (await ActionQueries.ReportRequestsAsync(db, today, cancellationToken))
            .Where(r => Ours(r.IndicatorCode) && (r.Period == quarter.Code || r.State != ReportRequestState.Considered))
            .ToList();
        return new BodyLadderBusiness(actions, plans, requests);
    }
}
