using GoldenThread.Intervention;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Api.V1;

/// <summary>Reads escalations into their documents (the list without steps, one with them).</summary>
internal static class EscalationReader
{
    public static async Task<List<EscalationDocument>> ReadAsync(GoldenThreadDb db, int? id, CancellationToken cancellationToken)
    {
        var query = db.Escalations.AsNoTracking();
        if (id is { } only)
        {
            query = query.Where(e => e.Id == only);
        }

        var escalations = await query.OrderByDescending(e => e.RaisedAt).ThenByDescending(e => e.Id).ToListAsync(cancellationToken);
        var indicators = await db.Indicators.AsNoTracking().Select(i => new { i.Id, i.Code }).ToDictionaryAsync(i => i.Id, i => i.Code, cancellationToken);
        var areas = await db.Areas.AsNoTracking().Select(a => new { a.Id, a.Code }).ToDictionaryAsync(a => a.Id, a => a.Code, cancellationToken);
        var bodies = await db.Bodies.AsNoTracking().Select(b => new { b.Id, b.Code }).ToDictionaryAsync(b => b.Id, b => b.Code, cancellationToken);
        var steps = id is { } one
            ? await db.EscalationSteps.AsNoTracking().Where(s => s.EscalationId == one).OrderBy(s => s.At).ThenBy(s => s.Id).ToListAsync(cancellationToken)
            : [];
        return
        [
            .. escalations.Select(e => new EscalationDocument(
                e.Id,
                indicators[e.IndicatorId],
                areas[e.AreaId],
                e.Period,
                e.Issue,
                e.Level,
                e.BodyId is { } b ? bodies[b] : null,
                e.State,
                e.RaisedBy,
                e.RaisedAt,
                e.ResolvedAt,
                [.. steps.Select(s => new EscalationStepDocument(s.From, s.To, s.ToBodyId is { } t ? bodies[t] : null, s.Resolved, s.Decision, s.DecidedOn, s.Who))])),
        ];
    }
}
