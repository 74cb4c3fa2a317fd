using GoldenThread.Intervention;
using GoldenThread.Storage;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Pages.Escalations;

/// <summary><c>/escalations</c>: every issue escalated along the governance chain, open first, with where it stands.</summary>
public sealed class IndexModel(GoldenThreadDb db) : PageModel
{
    public sealed record Row(Escalation Escalation, string Indicator, string Area, string? Body);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var escalations = await db.Escalations.AsNoTracking().OrderBy(e => e.State).ThenByDescending(e => e.RaisedAt).ThenByDescending(e => e.Id).ToListAsync(cancellationToken);
        var indicators = await db.Indicators.AsNoTracking().Select(i => new { i.Id, i.Code }).ToDictionaryAsync(i => i.Id, i => i.Code, cancellationToken);
        var areas = await db.Areas.AsNoTracking().Select(a => new { a.Id, a.Code }).ToDictionaryAsync(a => a.Id, a => a.Code, cancellationToken);
        var bodies = await db.Bodies.AsNoTracking().Select(b => new { b.Id, b.Name }).ToDictionaryAsync(b => b.Id, b => b.Name, cancellationToken);
        Rows = [.. escalations.Select(e => new Row(e, indicators[e.IndicatorId], areas[e.AreaId], e.BodyId is { } b ? bodies[b] : null))];
    }
}
