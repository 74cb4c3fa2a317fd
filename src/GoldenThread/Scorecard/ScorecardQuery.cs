using System.Data.Common;
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

        // Plain SQL through the context's connection: EF Core's materialiser would double the cost of
        // reading a national scorecard's million rows, and these two queries are all this needs.
        var where = new List<string>();
        if (areaId is not null)
        {
            where.Add("area_id = @area");
        }

        if (bodyId is not null)
        {
            where.Add("indicator_id IN (SELECT id FROM indicators WHERE body_id = @body)");
        }

        var filterSql = where.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", where);
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            var periods = new Dictionary<string, Period>(StringComparer.Ordinal);
            Period PeriodOf(string code)
            {
                if (!periods.TryGetValue(code, out var period))
                {
                    period = Period.Parse(code);
                    periods.Add(code, period);
                }

                return period;
            }

            await using (var command = Command(connection, "SELECT indicator_id, area_id, period, value FROM targets" + filterSql, areaId, bodyId))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    HistoryOf(reader.GetInt32(0), reader.GetInt32(1)).Targets[PeriodOf(reader.GetString(2))] = reader.GetDecimal(3);
                }
            }

            await using (var command = Command(connection, "SELECT indicator_id, area_id, period, actual, projected_outturn FROM indicator_values" + filterSql, areaId, bodyId))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var observation = new Observation(
                        reader.IsDBNull(3) ? null : reader.GetDecimal(3),
                        reader.IsDBNull(4) ? null : reader.GetDecimal(4));
                    HistoryOf(reader.GetInt32(0), reader.GetInt32(1)).Values[PeriodOf(reader.GetString(2))] = observation;
                }
            }
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
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

    private static DbCommand Command(DbConnection connection, string sql, int? areaId, int? bodyId)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        Add(command, "@area", areaId);
        Add(command, "@body", bodyId);
        return command;

        static void Add(DbCommand command, string name, int? value)
        {
            if (value is { } v)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = v;
                command.Parameters.Add(parameter);
            }
        }
    }
}
