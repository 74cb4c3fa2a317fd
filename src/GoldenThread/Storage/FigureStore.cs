using System.Data.Common;
using System.Globalization;
using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Storage;

/// <summary>
/// Which stored figures a reader may see. Today there is one meaning, every stored figure; sign-off and publication
/// will add "signed off only" and "published only", and because every reader of figures asks
/// <see cref="FigureStore"/> with one of these, each is then written once, in the store.
/// </summary>
public sealed class Publication
{
    private Publication(string name) => Name = name;

    /// <summary>Every target and values row in the database, whoever entered it and whatever its state.</summary>
    public static Publication EveryStoredFigure { get; } = new("every stored figure");

    /// <summary>What the filter means, in words.</summary>
    public string Name { get; }

    public override string ToString() => Name;
}

/// <summary>
/// Which figures to read: some indicators (or all), some areas (exactly those, or all), the indicators of one body,
/// periods that have started by the end of <see cref="UpTo"/>, and which stored figures count (<see cref="Publication"/>).
/// </summary>
public sealed record FigureFilter(Publication Publication)
{
    /// <summary>Only these indicators (by id); null for every indicator.</summary>
    public IReadOnlyCollection<int>? Indicators { get; init; }

    /// <summary>Only these areas (by id, exactly, not the areas under them); null for every area.</summary>
    public IReadOnlyCollection<int>? Areas { get; init; }

    /// <summary>Only the indicators this accountable body (by id) is accountable for; null for every body.</summary>
    public int? Body { get; init; }

    /// <summary>
    /// Only values rows for periods that have started by the end of this one (a year that is under way is kept; a
    /// quarter after it is not); null for every period. Targets are plans, set ahead, and are all read. Pages pass the
    /// current quarter, so a figure stored for a later period is never shown.
    /// </summary>
    public Period? UpTo { get; init; }

    /// <summary>Whether to read the values rows' commentary too (the indicator page shows it; the scorecard does not).</summary>
    public bool WithNotes { get; init; }
}

/// <summary>
/// One indicator's recorded figures in one area, as the assessor reads them, with the commentary when asked for, and
/// the periods whose values rows are signed off (final; every other row is provisional).
/// </summary>
public sealed record StoredHistory(IndicatorHistory History, IReadOnlyDictionary<Period, string> Notes)
{
    private static readonly HashSet<Period> NoPeriods = [];

    /// <summary>The periods whose values rows are signed off (<see cref="Indicators.IndicatorValue.SignedOffAt"/> set).</summary>
    public IReadOnlySet<Period> SignedOff { get; init; } = NoPeriods;

    /// <summary>
    /// Whether an assessment's figures are final: the values row that stood for the period (its own, or the shorter
    /// period's that supplied it: <see cref="Assessor.ValueAt"/>) is signed off. With no row there is nothing final.
    /// </summary>
    public bool IsFinal(Period? supplier) => supplier is { } period && SignedOff.Contains(period);

    /// <summary>No figures at all.</summary>
    public static StoredHistory Empty { get; } = new(new IndicatorHistory(new Dictionary<Period, Observation>(), new Dictionary<Period, decimal>()), new Dictionary<Period, string>());
}

/// <summary>
/// The one place figures are read from: every page, the API and the command line ask here for targets and values,
/// so the publication filter, the period limit and the decimal normalisation are written once.
/// </summary>
/// <remarks>
/// Plain SQL through the context's connection: EF Core's materialiser would double the cost of reading a national
/// scorecard's million rows. Targets and values are keyed (area, indicator, period) with no index on the
/// indicator (see <see cref="GoldenThreadDb"/>), so a filter on indicators alone names every area
/// ("area_id IN (SELECT id FROM areas)") to let the database walk the key one area at a time: 0.02 s rather than
/// 0.14 s on SQLite for one indicator in 400 areas. A row whose period code does not parse is skipped: no stored
/// value may make a page fail.
/// </remarks>
public static class FigureStore
{
    /// <summary>
    /// The same figure from both databases: SQLite gives 100.0 where PostgreSQL gives 100 (and a sum may carry
    /// trailing zeros). Dividing by one with 28 zeros gives the smallest scale that holds the value.
    /// </summary>
    public static decimal Normalise(decimal value) => value / 1.0000000000000000000000000000m;

    /// <inheritdoc cref="Normalise(decimal)"/>
    public static decimal? Normalise(decimal? value) => value is { } v ? Normalise(v) : null;

    /// <summary>The histories of every indicator and area pair in the filter that has a target or a values row.</summary>
    public static async Task<IReadOnlyDictionary<(int Indicator, int Area), StoredHistory>> HistoriesAsync(
        GoldenThreadDb db, FigureFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var histories = new Dictionary<(int, int), (Dictionary<Period, Observation> Values, Dictionary<Period, decimal> Targets, Dictionary<Period, string>? Notes, HashSet<Period> SignedOff)>();
        (Dictionary<Period, Observation> Values, Dictionary<Period, decimal> Targets, Dictionary<Period, string>? Notes, HashSet<Period> SignedOff) HistoryOf(int indicator, int area)
        {
            if (!histories.TryGetValue((indicator, area), out var history))
            {
                history = ([], [], filter.WithNotes ? [] : null, []);
                histories.Add((indicator, area), history);
            }

            return history;
        }

        var (targetsSql, valuesSql, parameters) = Statements(filter);
        var periods = new PeriodCodes(null);
        var startedPeriods = new PeriodCodes(filter.UpTo);
        await using (var scope = await ConnectionScope.OpenAsync(db, cancellationToken))
        {
            await using (var command = scope.Command(targetsSql, parameters))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    if (periods.Read(reader.GetString(2)) is { } period && !reader.IsDBNull(3))
                    {
                        HistoryOf(reader.GetInt32(0), reader.GetInt32(1)).Targets[period] = Normalise(reader.GetDecimal(3));
                    }
                }
            }

            await using (var command = scope.Command(valuesSql, parameters))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    if (startedPeriods.Read(reader.GetString(2)) is not { } period)
                    {
                        continue;
                    }

                    var history = HistoryOf(reader.GetInt32(0), reader.GetInt32(1));
                    history.Values[period] = new Observation(
                        reader.IsDBNull(3) ? null : Normalise(reader.GetDecimal(3)),
                        reader.IsDBNull(4) ? null : Normalise(reader.GetDecimal(4)));
                    if (!reader.IsDBNull(5))
                    {
                        history.SignedOff.Add(period);
                    }

                    if (history.Notes is { } notes && !reader.IsDBNull(6) && reader.GetString(6) is { } text && !string.IsNullOrWhiteSpace(text))
                    {
                        notes[period] = text;
                    }
                }
            }
        }

        return histories.ToDictionary(
            h => h.Key,
            h => new StoredHistory(new IndicatorHistory(h.Value.Values, h.Value.Targets), h.Value.Notes ?? (IReadOnlyDictionary<Period, string>)EmptyNotes)
            {
                SignedOff = h.Value.SignedOff,
            });
    }

    /// <summary>Every period that has a values row (in the filter's publication), oldest first; codes that do not parse are left out.</summary>
    public static async Task<IReadOnlyList<Period>> PeriodsWithValuesAsync(GoldenThreadDb db, Publication publication, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(publication);
        var codes = await db.Values.Select(v => v.Period).Distinct().ToListAsync(cancellationToken);
        return codes.Select(c => Period.TryParse(c, out var p) ? p : (Period?)null).OfType<Period>().Order().ToList();
    }

    /// <summary>
    /// How many indicator and area pairs have a target or a values row, for each area with no parent: both tables
    /// are keyed area first, so this reads the top-level areas' rows only, not the whole table.
    /// </summary>
    public static async Task<IReadOnlyDictionary<int, long>> PairsPerTopLevelAreaAsync(GoldenThreadDb db, Publication publication, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(publication);
        const string sql =
            """
            SELECT area_id, COUNT(*) FROM (
                SELECT area_id, indicator_id FROM targets WHERE area_id IN (SELECT id FROM areas WHERE parent_id IS NULL)
                UNION
                SELECT area_id, indicator_id FROM indicator_values WHERE area_id IN (SELECT id FROM areas WHERE parent_id IS NULL)
            ) pairs GROUP BY area_id
            """;
        var counts = new Dictionary<int, long>();
        await using var scope = await ConnectionScope.OpenAsync(db, cancellationToken);
        await using var command = scope.Command(sql, []);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetInt32(0)] = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
        }

        return counts;
    }

    /// <summary>The ids of the areas that have a target or a values row for the indicator: one probe of the key per area.</summary>
    public static async Task<IReadOnlySet<int>> AreasWithFiguresAsync(GoldenThreadDb db, int indicatorId, Publication publication, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(publication);
        var ids = await db.Areas
            .Where(a => db.Values.Any(v => v.AreaId == a.Id && v.IndicatorId == indicatorId)
                || db.Targets.Any(t => t.AreaId == a.Id && t.IndicatorId == indicatorId))
            .Select(a => a.Id)
            .ToListAsync(cancellationToken);
        return ids.ToHashSet();
    }

    private static readonly Dictionary<Period, string> EmptyNotes = [];

    /// <summary>The two statements a filter reads with (targets, then values), and their parameters.</summary>
    internal static (string Targets, string Values, IReadOnlyList<(string Name, int Value)> Parameters) Statements(FigureFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var (where, parameters) = Where(filter);
        var note = filter.WithNotes ? ", note" : string.Empty;
        return (
            "SELECT indicator_id, area_id, period, value FROM targets" + where,
            $"SELECT indicator_id, area_id, period, actual, projected_outturn, signed_off_at{note} FROM indicator_values" + where,
            parameters);
    }

    private static (string Sql, List<(string Name, int Value)> Parameters) Where(FigureFilter filter)
    {
        var conditions = new List<string>();
        var parameters = new List<(string, int)>();
        string InList(string prefix, IReadOnlyCollection<int> ids)
        {
            var names = new List<string>(ids.Count);
            foreach (var id in ids)
            {
                var name = FormattableString.Invariant($"@{prefix}{names.Count}");
                names.Add(name);
                parameters.Add((name, id));
            }

            return names.Count == 1 ? " = " + names[0] : " IN (" + string.Join(", ", names) + ")";
        }

        if (filter.Areas is { } areas)
        {
            conditions.Add(areas.Count == 0 ? "1 = 0" : "area_id" + InList("area", areas));
        }
        else if (filter.Indicators is not null || filter.Body is not null)
        {
            conditions.Add("area_id IN (SELECT id FROM areas)");
        }

        if (filter.Indicators is { } indicators)
        {
            conditions.Add(indicators.Count == 0 ? "1 = 0" : "indicator_id" + InList("indicator", indicators));
        }

        if (filter.Body is { } body)
        {
            conditions.Add("indicator_id IN (SELECT id FROM indicators WHERE body_id = @body)");
            parameters.Add(("@body", body));
        }

        return (conditions.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", conditions), parameters);
    }

    /// <summary>Parses each distinct period code once, leaving out codes that do not parse and periods after the limit.</summary>
    private sealed class PeriodCodes(Period? upTo)
    {
        private readonly Dictionary<string, Period?> _seen = new(StringComparer.Ordinal);

        public Period? Read(string code)
        {
            if (!_seen.TryGetValue(code, out var period))
            {
                period = Period.TryParse(code, out var parsed) && (upTo is not { } limit || parsed.StartOrdinal <= limit.EndOrdinal) ? parsed : null;
                _seen.Add(code, period);
            }

            return period;
        }
    }

    /// <summary>The context's own connection, opened for the reads when it was closed and closed again after them.</summary>
    private sealed class ConnectionScope : IAsyncDisposable
    {
        private readonly DbConnection _connection;
        private readonly bool _opened;

        private ConnectionScope(DbConnection connection, bool opened)
        {
            _connection = connection;
            _opened = opened;
        }

        public static async Task<ConnectionScope> OpenAsync(GoldenThreadDb db, CancellationToken cancellationToken)
        {
            var connection = db.Database.GetDbConnection();
            var opened = connection.State != System.Data.ConnectionState.Open;
            if (opened)
            {
                await connection.OpenAsync(cancellationToken);
            }

            return new ConnectionScope(connection, opened);
        }

        public DbCommand Command(string sql, IEnumerable<(string Name, int Value)> parameters)
        {
            var command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }

            return command;
        }

        public async ValueTask DisposeAsync()
        {
            if (_opened)
            {
                await _connection.CloseAsync();
            }
        }
    }
}
