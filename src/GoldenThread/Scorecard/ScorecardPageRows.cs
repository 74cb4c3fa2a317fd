using System.Globalization;
using GoldenThread.Domain.Assessment;
using GoldenThread.Indicators;

namespace GoldenThread.Scorecard;

/// <summary>One scorecard entry as the pages show it: the assessment with the indicator's title and the area's name.</summary>
public sealed record ScorecardRow(ScorecardEntry Entry, IndicatorFacts Indicator, AreaChoice Area)
{
    public Assessment Assessment => Entry.Assessment;

    /// <summary>The indicator's page for this area: /indicators/NI%20195?area=WSX.</summary>
    public string IndicatorHref => ScorecardLinks.Indicator(Entry.Indicator, Entry.Area);

    /// <summary>A figure at the indicator's decimals (rounded half away from zero), or null when there is none.</summary>
    public string? Figure(decimal? value) =>
        value is { } v
            ? Math.Round(v, Indicator.Decimals, MidpointRounding.AwayFromZero).ToString("F" + Indicator.Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            : null;

    /// <summary>PVT with its sign and 2 decimal places ("+15.79", "-10.53", "0.00"), or null when undefined.</summary>
    public string? Pvt => SignedPvt(Assessment.Pvt);

    /// <summary>"Improving for 2 quarters", in the indicator's own reporting periods.</summary>
    public string Trend => Wording.DescribeTrend(Assessment.Trend, Assessment.TrendPeriods, Indicator.Frequency);

    public string DirectionOfTravel => Assessment.DirectionOfTravel.Name();

    /// <summary>True when the entry shows figures (an actual or a projected outturn) that are not signed off yet.</summary>
    public bool Provisional => IsProvisional(this);

    /// <inheritdoc cref="Provisional"/>
    public static bool IsProvisional(ScorecardRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return !row.Entry.Final && (row.Assessment.Actual is not null || row.Assessment.ProjectedOutturn is not null);
    }

    /// <summary>A PVT as the pages print it: its sign and 2 decimal places.</summary>
    public static string? SignedPvt(decimal? pvt) => pvt?.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);

    public string? LadderStage => Assessment.LadderStage == 0 ? null : string.Create(CultureInfo.InvariantCulture, $"Stage {Assessment.LadderStage}");

    /// <summary>Joins a scorecard's entries with what the pages show of their indicators and areas, keeping those the filter includes.</summary>
    public static List<ScorecardRow> From(ScorecardResult scorecard, ScorecardChoices choices, ScorecardPageFilter filter)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        ArgumentNullException.ThrowIfNull(choices);
        ArgumentNullException.ThrowIfNull(filter);
        var rows = new List<ScorecardRow>(scorecard.Entries.Count);
        foreach (var entry in scorecard.Entries)
        {
            var indicator = choices.Indicator(entry.Indicator);
            if (filter.Includes(indicator, entry.Assessment))
            {
                rows.Add(new ScorecardRow(entry, indicator, choices.Area(entry.Area)));
            }
        }

        return rows;
    }
}

/// <summary>Links from the scorecard pages to the others.</summary>
public static class ScorecardLinks
{
    /// <summary>An indicator's page, for one area when given: /indicators/NI%20195?area=WSX.</summary>
    public static string Indicator(string indicatorCode, string? areaCode) =>
        "/indicators/" + Uri.EscapeDataString(indicatorCode) + (areaCode is null ? string.Empty : "?area=" + Uri.EscapeDataString(areaCode));
}

/// <summary>
/// Server-side sorting of the scorecard page. Every column sorts with empty values last in either direction, and
/// ties keep the command line's order (indicator, then area), so a sorted page is stable and predictable.
/// Indicator codes compare their numbers as numbers, so NI 4 comes before NI 15.
/// </summary>
public static class ScorecardSorting
{
    public static List<ScorecardRow> Sort(IEnumerable<ScorecardRow> rows, ScorecardSort sort, bool descending)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows.ToList();
        var key = KeyComparer(sort);
        var sign = descending ? -1 : 1;
        list.Sort((a, b) =>
        {
            var byKey = key(a, b, sign);
            return byKey != 0 ? byKey : DefaultOrder(a, b);
        });
        return list;
    }

    /// <summary>The order of the command line (indicator code, then area code) with numbers read as numbers.</summary>
    public static int DefaultOrder(ScorecardRow a, ScorecardRow b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var byIndicator = IndicatorCodeOrder.Instance.Compare(a.Entry.Indicator, b.Entry.Indicator);
        return byIndicator != 0 ? byIndicator : IndicatorCodeOrder.Instance.Compare(a.Entry.Area, b.Entry.Area);
    }

    private static Func<ScorecardRow, ScorecardRow, int, int> KeyComparer(ScorecardSort sort) => sort switch
    {
        ScorecardSort.Area => (a, b, s) => s * string.Compare(a.Area.Label, b.Area.Label, StringComparison.OrdinalIgnoreCase),
        ScorecardSort.Actual => (a, b, s) => Nullable(a.Assessment.Actual, b.Assessment.Actual, s),
        ScorecardSort.Target => (a, b, s) => Nullable(a.Assessment.CurrentTarget, b.Assessment.CurrentTarget, s),
        ScorecardSort.Projected => (a, b, s) => Nullable(a.Assessment.ProjectedOutturn, b.Assessment.ProjectedOutturn, s),
        ScorecardSort.Pvt => (a, b, s) => Nullable(a.Assessment.Pvt, b.Assessment.Pvt, s),
        ScorecardSort.Status => (a, b, s) => s * a.Assessment.Status.CompareTo(b.Assessment.Status),
        ScorecardSort.Trend => (a, b, s) => Nullable(TrendRank(a.Assessment.Trend), TrendRank(b.Assessment.Trend), s) is var byTrend && byTrend != 0
            ? byTrend
            : s * b.Assessment.TrendPeriods.CompareTo(a.Assessment.TrendPeriods),
        ScorecardSort.Direction => (a, b, s) => Nullable(TrendRank(a.Assessment.DirectionOfTravel), TrendRank(b.Assessment.DirectionOfTravel), s),
        ScorecardSort.Exception => (a, b, s) => Nullable((int?)a.Assessment.ExceptionRequired, (int?)b.Assessment.ExceptionRequired, s),
        ScorecardSort.Ladder => (a, b, s) => s * a.Assessment.LadderStage.CompareTo(b.Assessment.LadderStage),
        _ => (a, b, s) => s * DefaultOrder(a, b),
    };

    /// <summary>Worst first when ascending, like the statuses: worsening, level, improving; then data-only movements; no trend last.</summary>
    private static int? TrendRank(Direction direction) => direction switch
    {
        Direction.Worsening => 0,
        Direction.Level => 1,
        Direction.Improving => 2,
        Direction.Down => 3,
        Direction.Up => 4,
        _ => null,
    };

    private static int Nullable<T>(T? a, T? b, int sign)
        where T : struct, IComparable<T> => (a, b) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            _ => sign * a.Value.CompareTo(b.Value),
        };
}

/// <summary>How many entries have each status: the home page's table and the scorecard's summary.</summary>
public sealed class StatusCounts
{
    private readonly int[] _counts = new int[Enum.GetValues<Status>().Length];

    /// <summary>The statuses in the order the pages list them: the RAG bands worst first, then those without a rating.</summary>
    public static IReadOnlyList<Status> Order { get; } = Enum.GetValues<Status>();

    public int this[Status status] => _counts[(int)status];

    public int Total { get; private set; }

    public static StatusCounts Of(IEnumerable<ScorecardRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var counts = new StatusCounts();
        foreach (var row in rows)
        {
            counts._counts[(int)row.Assessment.Status]++;
            counts.Total++;
        }

        return counts;
    }
}
