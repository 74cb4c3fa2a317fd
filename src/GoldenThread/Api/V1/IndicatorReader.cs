using GoldenThread.Domain.Indicators;
using GoldenThread.Scorecard;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Api.V1;

/// <summary>Reads indicator definitions for the API with one explicit projection, shared by the list and the detail.</summary>
public static class IndicatorReader
{
    /// <summary>Every indicator, or the one with <paramref name="code"/> exactly, ordered by code (ordinal), with its database id.</summary>
    public static async Task<List<(int Id, IndicatorDocument Document)>> ReadAsync(GoldenThreadDb db, string? code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = db.Indicators.AsQueryable();
        if (code is not null)
        {
            query = query.Where(i => i.Code == code);
        }

        var rows = await query
            .Select(i => new
            {
                i.Id,
                i.Code,
                i.Title,
                i.Unit,
                i.Decimals,
                i.Polarity,
                i.Frequency,
                i.Accumulation,
                Body = i.Body == null ? null : new PartnerDocument(i.Body.Code, i.Body.Name),
                Lead = i.LeadOrganisation == null ? null : new PartnerDocument(i.LeadOrganisation.Code, i.LeadOrganisation.Name),
                i.AmberTolerance,
                i.StrongGreenThreshold,
                i.MinValue,
                i.MaxValue,
                Frameworks = i.Frameworks.Select(f => f.Tag).ToList(),
            })
            .ToListAsync(cancellationToken);

        // Ordinal, as the scorecard orders codes; PostgreSQL's ORDER BY would follow the database's collation instead.
        rows.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
        var system = await ToleranceSetting.CurrentAsync(db, cancellationToken);
        return rows.ConvertAll(i =>
        {
            var frameworks = i.Frameworks.ToArray();
            Array.Sort(frameworks, StringComparer.Ordinal);
            return (i.Id, new IndicatorDocument
            {
                Code = i.Code,
                Title = i.Title,
                Unit = i.Unit,
                Decimals = i.Decimals,
                Polarity = i.Polarity,
                Frequency = i.Frequency,
                Accumulation = i.Accumulation,
                Body = i.Body,
                LeadOrganisation = i.Lead,
                AmberTolerance = FigureStore.Normalise(i.AmberTolerance ?? system.Amber),
                StrongGreenThreshold = FigureStore.Normalise(i.StrongGreenThreshold ?? system.StrongGreen),
                MinValue = FigureStore.Normalise(i.MinValue),
                MaxValue = FigureStore.Normalise(i.MaxValue),
                Frameworks = frameworks,
            });
        });
    }
}
