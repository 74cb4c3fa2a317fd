using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Periods;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Scorecard;

/// <summary>What a scorecard covers: a period, and optionally one area (exactly, not the areas under it) or one accountable body.</summary>
public sealed record ScorecardFilter(Period Period, string? AreaCode = null, string? BodyCode = null);

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
        if (filter.BodyCode is { } bodyCode)
        {
            var bodyId = await db.Bodies.Where(b => b.Code == bodyCode).Select(b => (int?)b.Id).SingleOrDefaultAsync(cancellationToken)
                ?? throw new UserFacingException($"There is no body with the code '{bodyCode}'.");
            indicatorQuery = indicatorQuery.Where(i => i.BodyId == bodyId);
        }

        var indicators = await indicatorQuery
            .Select(i => new { i.Id, i.Code, i.Polarity, i.Frequency, i.Accumulation, i.Decimals, i.AmberTolerance, i.StrongGreenThreshold })
            .ToDictionaryAsync(
                i => i.Id,
                i => (i.Code, Rules: new IndicatorRules(i.Polarity, i.Frequency, i.Accumulation, i.Decimals, i.AmberTolerance, i.StrongGreenThreshold)),
                cancellationToken);
        var areas = await db.Areas.Select(a => new { a.Id, a.Code }).ToDictionaryAsync(a => a.Id, a => a.Code, cancellationToken);

        var histories = new Dictionary<(int Indicator, int Area), (Dictionary<Period, Observation> Values, Dictionary<Period, decimal> Targets)>();
        (Dictionary<Period, Observation> Values, Dictionary<Period, decimal> Targets) HistoryOf(int indicator, int area)
        {
            if (!histories.TryGetValue((indicator, area), out var history))
            {
                history = ([], []);
                histories.Add((indicator, area), history);
            }

            return history;
        }

        var targets = db.Targets.AsQueryable();
        var values = db.Values.AsQueryable();
        if (areaId is { } onlyArea)
        {
            targets = targets.Where(t => t.AreaId == onlyArea);
            values = values.Where(v => v.AreaId == onlyArea);
        }

        if (filter.BodyCode is not null)
        {
            var ids = indicators.Keys.ToList();
            targets = targets.Where(t => ids.Contains(t.IndicatorId));
            values = values.Where(v => ids.Contains(v.IndicatorId));
        }

        await foreach (var t in targets.Select(t => new { t.IndicatorId, t.AreaId, t.Period, t.Value }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            HistoryOf(t.IndicatorId, t.AreaId).Targets[Period.Parse(t.Period)] = t.Value;
        }

        await foreach (var v in values.Select(v => new { v.IndicatorId, v.AreaId, v.Period, v.Actual, v.ProjectedOutturn }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            HistoryOf(v.IndicatorId, v.AreaId).Values[Period.Parse(v.Period)] = new Observation(v.Actual, v.ProjectedOutturn);
        }

        var entries = new List<ScorecardEntry>(histories.Count);
        foreach (var ((indicatorId, areaIdOfPair), history) in histories)
        {
            if (!indicators.TryGetValue(indicatorId, out var indicator))
            {
                continue;
            }

            var assessor = new Assessor(indicator.Rules, tolerances, new IndicatorHistory(history.Values, history.Targets));
            entries.Add(new ScorecardEntry(indicator.Code, areas[areaIdOfPair], assessor.Assess(filter.Period)));
        }

        entries.Sort(static (a, b) =>
        {
            var byIndicator = string.CompareOrdinal(a.Indicator, b.Indicator);
            return byIndicator != 0 ? byIndicator : string.CompareOrdinal(a.Area, b.Area);
        });
        return new ScorecardResult(filter.Period, entries);
    }
}
