using CsCheck;
using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Periods;

namespace GoldenThread.Domain.Tests;

/// <summary>CsCheck generators for periods, figures, indicators and whole histories.</summary>
internal static class Generate
{
    public static readonly Gen<PeriodKind> Kind =
        Gen.OneOf(PeriodKind.Month, PeriodKind.Quarter, PeriodKind.HalfYear, PeriodKind.Year);

    /// <summary>Any period of any kind from 1900-01 to 2999-00.</summary>
    public static readonly Gen<Period> AnyPeriod = PeriodIn(Periods.Period.MinYear, Periods.Period.MaxYear);

    /// <summary>Figures with up to 2 decimals, positive and negative, zero included.</summary>
    public static readonly Gen<decimal> Figure = Gen.Int[-1_000_000, 1_000_000].Select(i => i / 100m);

    /// <summary>Small whole figures, so that equal neighbours (level steps) are common.</summary>
    public static readonly Gen<decimal> SmallFigure = Gen.Int[0, 6].Select(i => (decimal)i);

    public static readonly Gen<decimal> NonZeroFigure = Figure.Where(f => f != 0m);

    public static readonly Gen<Polarity> RatedPolarity = Gen.OneOf(Polarity.Higher, Polarity.Lower);

    public static readonly Gen<Tolerances> Tolerances =
        Gen.Select(Gen.Int[0, 3000], Gen.Int[0, 3000], (amber, strongGreen) => new Tolerances(amber / 100m, strongGreen / 100m));

    public static readonly Gen<IndicatorRules> Rules =
        Gen.Select(
            Gen.OneOf(Polarity.Higher, Polarity.Higher, Polarity.Lower, Polarity.Lower, Polarity.None),
            Gen.OneOf(Frequency.Monthly, Frequency.Quarterly, Frequency.Quarterly, Frequency.HalfYearly, Frequency.Annual),
            Gen.OneOf(Accumulation.Snapshot, Accumulation.Cumulative),
            Gen.Int[0, 2],
            (polarity, frequency, accumulation, decimals) => new IndicatorRules(polarity, frequency, accumulation, decimals));

    /// <summary>Figures near a target of about 100, so that every band and every direction turns up often.</summary>
    public static readonly Gen<decimal> NearTarget = Gen.Int[800, 1200].Select(i => i / 10m);

    private static readonly Gen<Observation> Row =
        Gen.Select(NearTarget.Nullable(0.2), NearTarget.Nullable(0.2), (actual, projected) => new Observation(actual, projected));

    /// <summary>
    /// A history over the financial years 2006-07 to 2008-09: most of the indicator's reporting periods have a row
    /// (an annual indicator also gets quarterly rows), some have gaps or empty cells, and a few rows and profiles land
    /// on periods of other kinds; annual targets are usually there. Assessed mostly at quarters, with a manual stage.
    /// </summary>
    public static readonly Gen<HistoryCase> Case =
        Rules.SelectMany(rules =>
        {
            var reporting = ReportingPeriods(rules.Frequency);
            return Gen.Select(
                Gen.Select(Gen.Int[0, 9], Row).Array[reporting.Length],
                Gen.Select(PeriodIn(2006, 2008), Row).Array[0, 4],
                // Per year: no annual target 2 times in 10, a zero target 1 in 10, else a whole figure near 100.
                Gen.Select(Gen.Int[0, 9], NearTarget.Select(t => Math.Round(t))).Array[3],
                Gen.Select(PeriodIn(2006, 2008).Where(p => p.Kind != PeriodKind.Year), NearTarget).Array[0, 4],
                Gen.OneOf(PeriodIn(2006, 2009), QuarterIn(2006, 2008), QuarterIn(2006, 2008)),
                Gen.Int[0, 3],
                (kept, extra, annual, profiles, at, manual) => new HistoryCase(
                    rules,
                    // A reporting period has no row 2 times in 10.
                    [.. reporting.Zip(kept).Where(r => r.Second.Item1 < 8).Select(r => (r.First, r.Second.Item2)), .. extra],
                    [.. annual.Select((t, i) => (Periods.Period.OfYear(2006 + i), t.Item1 == 0 ? 0m : t.Item2)).Where((_, i) => annual[i].Item1 < 8), .. profiles],
                    at,
                    manual));
        });

    public static Gen<Period> QuarterIn(int firstYear, int lastYear) =>
        Gen.Select(Gen.Int[firstYear, lastYear], Gen.Int[1, 4], (year, index) => Periods.Period.Create(year, PeriodKind.Quarter, index));

    private static Period[] ReportingPeriods(Frequency frequency)
    {
        var years = Enumerable.Range(2006, 3).Select(Periods.Period.OfYear).ToList();
        return frequency == Frequency.Annual
            ? [.. years, .. years.SelectMany(y => y.PeriodsOfYear(PeriodKind.Quarter))]
            : [.. years.SelectMany(y => y.PeriodsOfYear(frequency.ReportingKind()))];
    }

    public static Gen<Period> PeriodIn(int firstYear, int lastYear) =>
        Gen.Select(Gen.Int[firstYear, lastYear], Kind)
            .SelectMany((year, kind) => Gen.Int[1, Periods.Period.PeriodsPerYear(kind)].Select(index => Periods.Period.Create(year, kind, index)));
}

/// <summary>A generated history and where to assess it; prints as the rows it holds so a failure can be read.</summary>
internal sealed record HistoryCase(
    IndicatorRules Rules,
    (Period Period, Observation Value)[] Rows,
    (Period Period, decimal Target)[] Targets,
    Period At,
    int ManualStage)
{
    public IndicatorHistory History
    {
        get
        {
            var values = new Dictionary<Period, Observation>();
            foreach (var (period, value) in Rows)
            {
                values[period] = value;
            }

            var targets = new Dictionary<Period, decimal>();
            foreach (var (period, target) in Targets)
            {
                targets[period] = target;
            }

            return new IndicatorHistory(values, targets);
        }
    }

    public Assessor Assessor => new(Rules, Indicators.Tolerances.Default, History);

    public Assessment.Assessment Assess() => Assessor.Assess(At, ManualStage);

    public override string ToString() =>
        $"{Rules.Polarity} {Rules.Frequency} {Rules.Accumulation} {Rules.Decimals}dp at {At} manual {ManualStage}; " +
        $"values [{string.Join(", ", Rows.Select(r => $"{r.Period}: {r.Value.Actual}/{r.Value.ProjectedOutturn}"))}]; " +
        $"targets [{string.Join(", ", Targets.Select(t => $"{t.Period}: {t.Target}"))}]";
}
