using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Periods;

namespace GoldenThread.Indicators;

/// <summary>One reporting period's figures: what was returned, the targets for it, and the figure the chart plots.</summary>
public sealed record FigureRow(
    Period Period,
    decimal? Actual,
    decimal? ProjectedOutturn,
    decimal? AnnualTarget,
    decimal? ProfiledTarget,
    decimal? Plotted,
    string? Note);

/// <summary>A financial year's targets: the annual target and any profiled interim targets inside it.</summary>
public sealed record TargetYear(Period Year, decimal? Annual, IReadOnlyDictionary<Period, decimal> Profile);

/// <summary>An assessment with its reasons in words.</summary>
public sealed record ExplainedAssessment(Assessment Assessment, string Why, string Trend, string DirectionOfTravel);

/// <summary>
/// Everything the indicator page says about one indicator in one area, worked out from its history alone: the
/// figures per reporting period (the chart and its table), the targets by year and profile, each quarter's
/// assessment with the reasons, each year's outturn, and the ladder of intervention. Pure: no database.
/// </summary>
public sealed record IndicatorReport(
    string PlottedLabel,
    IReadOnlyList<FigureRow> Figures,
    IReadOnlyList<TargetYear> Targets,
    IReadOnlyList<Period> ProfileColumns,
    IReadOnlyList<ExplainedAssessment> Quarters,
    IReadOnlyList<LadderStep> Ladder,
    IReadOnlyList<ExplainedAssessment> Years)
{
    /// <summary>What the chart's solid line shows for an indicator: the figure its trend compares.</summary>
    public static string PlottedLabelFor(IndicatorRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return rules.Frequency == Frequency.Annual ? "Outturn"
            : rules.Accumulation == Accumulation.Cumulative ? "Projected outturn"
            : "Actual";
    }

    /// <param name="manualStage">
    /// The stage the executive board set by hand at a period (<c>Intervention.ManualStages</c>), 0 for none; the stage
    /// shown is the higher of it and the computed one, as on the scorecard.
    /// </param>
    public static IndicatorReport Build(IndicatorRules rules, Tolerances systemTolerances, IndicatorHistory history, IReadOnlyDictionary<Period, string>? notes = null, Func<Period, int>? manualStage = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(systemTolerances);
        ArgumentNullException.ThrowIfNull(history);
        notes ??= new Dictionary<Period, string>();

        var assessor = new Assessor(rules, systemTolerances, history);
        var figures = BuildFigures(rules, history, notes);
        var (targets, profileColumns) = BuildTargets(history);

        var quarters = new List<ExplainedAssessment>();
        foreach (var quarter in Span(history.Values.Keys.Where(p => p.Kind is PeriodKind.Month or PeriodKind.Quarter), PeriodKind.Quarter))
        {
            quarters.Add(Explain(rules, systemTolerances, assessor, quarter, manualStage));
        }

        // A year has an outturn when its own row or its last reporting period's row has an actual (assessment.md).
        var years = history.Values.Keys
            .Select(p => p.FinancialYear)
            .Distinct()
            .Order()
            .Select(year => Explain(rules, systemTolerances, assessor, year, manualStage))
            .Where(year => year.Assessment.OutturnStoodIn)
            .ToList();

        var ladder = LadderHistory.Build(rules, [.. quarters.Select(q => q.Assessment)], manualStage);
        return new IndicatorReport(PlottedLabelFor(rules), figures, targets, profileColumns, quarters, ladder, years);
    }

    /// <summary>The chart of <see cref="Figures"/>: the plotted figure against the annual target.</summary>
    public ChartData Chart(string id, string title, int decimals) =>
        new(id, title, PlottedLabel, "Annual target", decimals, [.. Figures.Select(f => new ChartPoint(f.Period, f.Plotted, f.AnnualTarget))]);

    private static ExplainedAssessment Explain(IndicatorRules rules, Tolerances systemTolerances, Assessor assessor, Period period, Func<Period, int>? manualStage)
    {
        var assessment = assessor.Assess(period, manualStage?.Invoke(period) ?? 0);
        var supplier = assessor.ValueAt(period)?.Supplier;
        return new ExplainedAssessment(
            assessment,
            Explanation.For(rules, systemTolerances, assessment, supplier),
            Explanation.Trend(rules, assessment),
            Explanation.DirectionOfTravel(assessment));
    }

    /// <summary>
    /// One row per reporting period from the first to the last that the values rows reach (a quarter's forecast of an
    /// annual indicator reaches its year); a year's outturn of a shorter-period indicator is a baseline, not a point.
    /// </summary>
    private static List<FigureRow> BuildFigures(IndicatorRules rules, IndicatorHistory history, IReadOnlyDictionary<Period, string> notes)
    {
        var kind = rules.ReportingKind;
        var rows = new List<FigureRow>();
        foreach (var period in Span(history.Values.Keys.Where(p => (int)p.Kind <= (int)kind), kind))
        {
            var value = history.Values.TryGetValue(period, out var row) ? row : (Observation?)null;
            decimal? annual = history.Targets.TryGetValue(period.FinancialYear, out var a) ? a : null;
            decimal? profile = period.Kind != PeriodKind.Year && history.Targets.TryGetValue(period, out var p) ? p : null;
            var plotted = kind == PeriodKind.Year || rules.Accumulation == Accumulation.Snapshot
                ? value?.Actual
                : value?.ProjectedOutturn;
            rows.Add(new FigureRow(period, value?.Actual, value?.ProjectedOutturn, annual, profile, plotted, notes.GetValueOrDefault(period)));
        }

        return rows;
    }

    private static (List<TargetYear> Years, List<Period> ProfileColumns) BuildTargets(IndicatorHistory history)
    {
        var years = new List<TargetYear>();
        foreach (var group in history.Targets.GroupBy(t => t.Key.FinancialYear).OrderBy(g => g.Key))
        {
            decimal? annual = null;
            var profile = new Dictionary<Period, decimal>();
            foreach (var (period, target) in group)
            {
                if (period.Kind == PeriodKind.Year)
                {
                    annual = target;
                }
                else
                {
                    profile[period] = target;
                }
            }

            years.Add(new TargetYear(group.Key, annual, profile));
        }

        // Columns by position in the year (Q1, Q2, ...), so each year's profile lines up under the same heading.
        var columns = years
            .SelectMany(y => y.Profile.Keys)
            .Select(p => Period.Create(Period.MinYear, p.Kind, p.Index))
            .Distinct()
            .Order()
            .ToList();
        return (years, columns);
    }

    /// <summary>Every period of <paramref name="kind"/> from the one containing the earliest of <paramref name="periods"/> to the one containing the latest.</summary>
    private static IEnumerable<Period> Span(IEnumerable<Period> periods, PeriodKind kind)
    {
        var containing = periods.Select(p => Period.Containing(p.Year, kind, p.FirstMonthOffset)).ToList();
        if (containing.Count == 0)
        {
            yield break;
        }

        var last = containing.Max();
        for (var p = containing.Min(); p <= last; p = Next(p))
        {
            yield return p;
        }
    }

    private static Period Next(Period period) =>
        period.Index < Period.PeriodsPerYear(period.Kind)
            ? Period.Create(period.Year, period.Kind, period.Index + 1)
            : Period.Create(period.Year + 1, period.Kind, 1);
}
