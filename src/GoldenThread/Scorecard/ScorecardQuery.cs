using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Periods;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Scorecard;

/// <summary>What a scorecard covers: a period, and optionally one area (exactly, not the areas under it) or one accountable body.</summary>
public sealed record ScorecardFilter(Period Period, string? AreaCode = null, string? BodyCode = null)
{
    /// <summary>Which stored figures the scorecard counts.</summary>
    public Publication Publication { get; init; } = Publication.EveryStoredFigure;
}

/// <summary>
/// Builds a scorecard from the database: reads every target and values row of the pairs in scope once,
/// in key order, groups them into one history per indicator and area, and hands each to the assessment engine.
/// </summary>
public static class ScorecardQuery
{
    public static async Task<ScorecardResult> RunAsync(GoldenThreadDb db, ScorecardFilter filter, Tolerances tolerances, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);

        int? areaId = null;
        if (filter.AreaCode is { } areaCode)
        {
            areaId = await db.Areas.Where(a => a.Code == areaCode).Select(a => (int?)a.Id).SingleOrDefaultAsync(cancellationToken)
                ?? throw new UserFacingException($"There is no area with the code '{areaCode}'.");
        }

        var indicatorQuery = db.Indicators.AsQueryable();
        int? bodyId = null;
        if (filter.BodyCode is { } bodyCode)
        {
            bodyId = await db.Bodies.Where(b => b.Code == bodyCode).Select(b => (int?)b.Id).SingleOrDefaultAsync(cancellationToken)
                ?? throw new UserFacingException($"There is no body with the code '{bodyCode}'.");
            indicatorQuery = indicatorQuery.Where(i => i.BodyId == bodyId);
        }

        var indicators = await indicatorQuery
            .Select(i => new { i.Id, i.Code, i.Polarity, i.Frequency, i.Accumulation, i.Decimals, i.AmberTolerance, i.StrongGreenThreshold })
            .ToDictionaryAsync(
                i => i.Id,
                i => (i.Code, Rules: new IndicatorRules(i.Polarity, i.Frequency, i.Accumulation, i.Decimals, i.AmberTolerance, i.StrongGreenThreshold)),
                cancellationToken);
        // One area's scorecard (the common request on the web) needs only that area's code.
        var areas = areaId is { } only
            ? new Dictionary<int, string> { [only] = filter.AreaCode! }
            : await db.Areas.Select(a => new { a.Id, a.Code }).ToDictionaryAsync(a => a.Id, a => a.Code, cancellationToken);

        var histories = await FigureStore.HistoriesAsync(
            db,
            new FigureFilter(filter.Publication) { Areas = areaId is { } area ? [area] : null, Body = bodyId },
            cancellationToken);

        // The stage shown is the higher of the computed and the executive board's manual one (assessment.md).
        var manual = await Intervention.ManualStages.AtAsync(db, filter.Period, cancellationToken);
        var entries = new List<ScorecardEntry>(histories.Count);
        foreach (var ((indicatorId, areaIdOfPair), history) in histories)
        {
            if (!indicators.TryGetValue(indicatorId, out var indicator) || !areas.TryGetValue(areaIdOfPair, out var areaOfPair))
            {
                continue;
            }

            var assessor = new Assessor(indicator.Rules, tolerances, history.History);
            entries.Add(new ScorecardEntry(indicator.Code, areaOfPair, assessor.Assess(filter.Period, manual.GetValueOrDefault((indicatorId, areaIdOfPair))))
            {
                Final = history.IsFinal(assessor.ValueAt(filter.Period)?.Supplier),
            });
        }

        entries.Sort(static (a, b) =>
        {
            var byIndicator = string.CompareOrdinal(a.Indicator, b.Indicator);
            return byIndicator != 0 ? byIndicator : string.CompareOrdinal(a.Area, b.Area);
        });
        return new ScorecardResult(filter.Period, entries)
        {
            InProgress = await CycleProgress.IsInProgressAsync(db, filter.Period, cancellationToken),
        };
    }
}
