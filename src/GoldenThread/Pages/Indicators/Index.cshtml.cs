using GoldenThread.Domain.Indicators;
using GoldenThread.Indicators;
using GoldenThread.Storage;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Pages.Indicators;

/// <summary>Every indicator, with who is accountable for it, how often it is collected and the frameworks it is in.</summary>
public sealed class IndexModel(GoldenThreadDb db) : PageModel
{
    public sealed record Row(string Code, string Title, string? Body, Frequency Frequency, IReadOnlyList<string> Frameworks);

    public IReadOnlyList<Row> Indicators { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Indicators
            .Select(i => new
            {
                i.Code,
                i.Title,
                Body = i.Body == null ? null : i.Body.Name,
                i.Frequency,
                Frameworks = i.Frameworks.Select(f => f.Tag).ToList(),
            })
            .ToListAsync(cancellationToken);
        Indicators =
        [
            .. rows
                .Select(r => new Row(r.Code, r.Title, r.Body, r.Frequency, [.. r.Frameworks.Order(StringComparer.Ordinal)]))
                .OrderBy(r => r.Code, IndicatorCodeOrder.Instance),
        ];
    }
}
