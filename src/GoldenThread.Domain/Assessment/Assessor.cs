using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Periods;

namespace GoldenThread.Domain.Assessment;

/// <summary>
/// Assesses one indicator in one area at a period, exactly as assessment.md defines it: the value and
/// targets at the period, PVT and status, short-term trend, direction of travel, off trajectory and the
/// ladder stage. Pure: the same history gives the same assessment.
/// </summary>
public sealed class Assessor
{
    /// <summary>The ladder has three stages; nothing is gained by counting further back.</summary>
    public const int TopLadderStage = Ladder.TopStage;

    private readonly IndicatorRules _rules;
    private readonly Tolerances _tolerances;
    private readonly IndicatorHistory _history;

    public Assessor(IndicatorRules rules, Tolerances systemTolerances, IndicatorHistory history)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(systemTolerances);
        ArgumentNullException.ThrowIfNull(history);
        _rules = rules;
        _tolerances = rules.TolerancesWithin(systemTolerances);
        _history = history;
    }

    /// <summary>Assesses the period; <paramref name="manualStage"/> is a stage the executive board triggered by hand (0 for none).</summary>
    public Assessment Assess(Period period, int manualStage = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(manualStage);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(manualStage, TopLadderStage);

        var rated = Rate(period);
        var (trend, trendPeriods) = ShortTermTrend(period, rated.Supplier);
        var ladder = LadderStage(period);
        return new Assessment(
            period,
            rated.Value?.Actual,
            _history.Targets.TryGetValue(period, out var periodTarget) ? periodTarget : null,
            rated.CurrentTarget,
            rated.Value?.ProjectedOutturn,
            rated.Pvt is { } pvt ? Rag.RoundPvt(pvt) : null,
            rated.Status,
            trend,
            trendPeriods,
            DirectionOfTravel(period),
            rated.OffTrajectory,
            Math.Max(ladder, manualStage))
        {
            ComputedLadderStage = ladder,
            OutturnStoodIn = rated.Supplier is { } supplier && rated.Value is { } value && OutturnAt(period, supplier, value) is not null,
        };
    }

    /// <summary>
    /// The row that stands for the period: its own row, even an empty one; else, for a period longer than the
    /// indicator's frequency, the latest reporting period inside it that has a row; else none.
    /// </summary>
    public (Period Supplier, Observation Value)? ValueAt(Period period)
    {
        if (_history.Values.TryGetValue(period, out var own))
        {
            return (period, own);
        }

        var kind = _rules.ReportingKind;
        if ((int)period.Kind <= (int)kind)
        {
            return null;
        }

        var perPeriod = (int)period.Kind / (int)kind;
        var first = period.FirstMonthOffset / (int)kind;
        for (var i = first + perPeriod; i > first; i--)
        {
            var inside = Period.Create(period.Year, kind, i);
            if (_history.Values.TryGetValue(inside, out var row))
            {
                return (inside, row);
            }
        }

        return null;
    }

    private Rating Rate(Period period)
    {
        var supplied = ValueAt(period);
        var value = supplied?.Value;
        decimal? currentTarget = _history.Targets.TryGetValue(period.FinancialYear, out var annual) ? annual : null;

        decimal? pvt = null;
        Status status;
        if (_rules.Polarity == Polarity.None)
        {
            status = Status.DataOnly;
        }
        else if (currentTarget is null)
        {
            status = Status.NoTarget;
        }
        else if (ProjectedFor(period, supplied) is not { } projected)
        {
            status = Status.NoData;
        }
        else
        {
            (pvt, status) = Rag.Rate(_rules.Polarity, currentTarget.Value, projected, _tolerances);
        }

        return new Rating(supplied?.Supplier, value, currentTarget, pvt, status, IsOffTrajectory(period, value, status));
    }

    /// <summary>
    /// The forecast the RAG is judged on: the projected outturn, or for a year the year's outturn when the value at
    /// the year has one (<see cref="OutturnAt"/>).
    /// </summary>
    private decimal? ProjectedFor(Period period, (Period Supplier, Observation Value)? supplied) =>
        supplied is { Supplier: var supplier, Value: var value }
            ? OutturnAt(period, supplier, value) ?? value.ProjectedOutturn
            : null;

    /// <summary>
    /// The year's outturn, when <paramref name="period"/> is a year and the row that supplied its value is the year's
    /// own row or the row of the year's last reporting period (Q4, H2, M12) and has an actual; otherwise null. An
    /// actual from earlier in the year (a year-to-date total at month 5) is not the outturn: a later row would have
    /// supplied the year's value had there been one, so the year's figures are not all in.
    /// </summary>
    private decimal? OutturnAt(Period period, Period supplier, Observation value) =>
        period.Kind == PeriodKind.Year && value.Actual is { } actual && (supplier == period || supplier == LastReportingPeriodOf(period))
            ? actual
            : null;

    private Period LastReportingPeriodOf(Period year)
    {
        var kind = _rules.ReportingKind;
        return kind == PeriodKind.Year ? year : Period.Create(year.Year, kind, (int)PeriodKind.Year / (int)kind);
    }

    private bool IsOffTrajectory(Period period, Observation? value, Status status)
    {
        if (_rules.Polarity == Polarity.None)
        {
            return false;
        }

        // A profile is an interim target on a half, quarter or month; a year's target row is the annual target,
        // which the status already judges.
        if (period.Kind != PeriodKind.Year && _history.Targets.TryGetValue(period, out var profile) && value?.Actual is { } actual)
        {
            return Compare(actual, profile) == Direction.Worsening;
        }

        return status is Status.Red or Status.Amber;
    }

    private int LadderStage(Period period)
    {
        var stage = 0;
        for (var p = period; p.EndOrdinal >= _history.EarliestStartOrdinal && stage < TopLadderStage; p = p.Previous())
        {
            var rated = Rate(p);
            var rule = Ladder.RuleFor(rated.Status, rated.Value?.Actual, rated.OffTrajectory);
            if (rule == LadderRule.Skipped)
            {
                continue;
            }

            if (rule == LadderRule.Ended)
            {
                break;
            }

            stage++;
        }

        return stage;
    }

    private (Direction Trend, int Periods) ShortTermTrend(Period period, Period? supplier)
    {
        var series = _rules.Frequency == Frequency.Annual
            ? AnnualSeries(period)
            : supplier is { } s ? InYearSeries(period, s) : [];

        if (series.Count < 2)
        {
            return (Direction.None, 0);
        }

        var last = Compare(series[^1], series[^2]);
        var count = 1;
        for (var i = series.Count - 2; i > 0 && Compare(series[i], series[i - 1]) == last; i--)
        {
            count++;
        }

        return (last, count);
    }

    /// <summary>
    /// The unbroken run of values in the period's financial year that ends with the value at the period,
    /// led by the previous year's outturn when the run reaches back to the start of the year.
    /// </summary>
    private List<decimal> InYearSeries(Period period, Period supplier)
    {
        var kind = _rules.ReportingKind;
        var members = new List<Period>();
        foreach (var p in period.PeriodsOfYear(kind))
        {
            var include = supplier == period && period.Kind != kind
                ? p.EndOrdinal < period.StartOrdinal
                : p <= supplier;
            if (include)
            {
                members.Add(p);
            }
        }

        if (supplier == period && period.Kind != kind)
        {
            members.Add(period);
        }

        var values = new List<decimal>();
        for (var i = members.Count - 1; i >= 0; i--)
        {
            // The last member supplied the value at the period, so for a year its figure is the year's outturn when
            // there is one (the spec: the outturn stands in for the last value of the trend).
            var at = i == members.Count - 1 ? period : members[i];
            if (!_history.Values.TryGetValue(members[i], out var row) || TrendValue(at, members[i], row) is not { } v)
            {
                values.Reverse();
                return values;
            }

            values.Add(v);
        }

        if (_history.Values.TryGetValue(period.FinancialYear.Previous(), out var previous) && previous.Actual is { } outturn)
        {
            values.Add(outturn);
        }

        values.Reverse();
        return values;
    }

    /// <summary>The yearly actuals up to the latest year that ends no later than the period, as far back as they run unbroken.</summary>
    private List<decimal> AnnualSeries(Period period)
    {
        var values = new List<decimal>();
        for (var year = LatestYearEndingBy(period); year.EndOrdinal >= _history.EarliestStartOrdinal; year = year.Previous())
        {
            if (!_history.Values.TryGetValue(year, out var row) || row.Actual is not { } actual)
            {
                break;
            }

            values.Add(actual);
        }

        values.Reverse();
        return values;
    }

    private Direction DirectionOfTravel(Period period)
    {
        decimal? now, before;
        if (_rules.Frequency == Frequency.Annual)
        {
            var year = LatestYearEndingBy(period);
            now = ActualOf(year);
            before = ActualOf(year.Previous());
        }
        else
        {
            var earlier = period.YearEarlier();
            now = ValueAt(period) is { } a ? TrendValue(period, a.Supplier, a.Value) : null;
            before = ValueAt(earlier) is { } b ? TrendValue(earlier, b.Supplier, b.Value) : null;
        }

        return now is { } n && before is { } o ? Compare(n, o) : Direction.None;
    }

    /// <summary>An annual indicator's figure for a year: its outturn (an annual indicator reports on the year's own row).</summary>
    private decimal? ActualOf(Period year) =>
        ValueAt(year) is { } supplied ? OutturnAt(year, supplied.Supplier, supplied.Value) : null;

    private static Period LatestYearEndingBy(Period period) =>
        period.EndOrdinal >= period.FinancialYear.EndOrdinal ? period.FinancialYear : period.FinancialYear.Previous();

    /// <summary>
    /// The figure trends compare for the value at <paramref name="period"/> supplied by <paramref name="supplier"/>'s
    /// row: the actual for snapshot indicators, the projected outturn for cumulative ones (the year's outturn stands
    /// in for the forecast, as it does for PVT).
    /// </summary>
    private decimal? TrendValue(Period period, Period supplier, Observation row) =>
        _rules.Accumulation == Accumulation.Snapshot
            ? row.Actual
            : OutturnAt(period, supplier, row) ?? row.ProjectedOutturn;

    /// <summary>How <paramref name="later"/> compares with <paramref name="earlier"/> at the indicator's decimals.</summary>
    private Direction Compare(decimal later, decimal earlier)
    {
        var difference = _rules.Round(later).CompareTo(_rules.Round(earlier));
        return (_rules.Polarity, difference) switch
        {
            (_, 0) => Direction.Level,
            (Polarity.None, > 0) => Direction.Up,
            (Polarity.None, _) => Direction.Down,
            (Polarity.Higher, > 0) or (Polarity.Lower, < 0) => Direction.Improving,
            _ => Direction.Worsening,
        };
    }

    private readonly record struct Rating(
        Period? Supplier,
        Observation? Value,
        decimal? CurrentTarget,
        decimal? Pvt,
        Status Status,
        bool OffTrajectory);
}
