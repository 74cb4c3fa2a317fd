using System.Globalization;
using GoldenThread.Benchmarks.Generator;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Periods;
using GoldenThread.Domain.Returns;

namespace GoldenThread.Benchmarks.Rush;

/// <summary>
/// The rush's partnership and figures, the same from the same seed in every step (the bundle, the plan, the check):
/// <see cref="Partners"/> areas, each with its district council and one delivery lead for all <see cref="Indicators"/>
/// quarterly indicators there, so that each lead's return for <see cref="Quarter"/> has one line per indicator. Each
/// indicator and area has a level; its targets, its <see cref="HistoryQuarters"/> quarters of history and the figures
/// the rush sends all lie near that level, so that the sent figures are on target and within the usual movement
/// (the unusual-movement check and the preview still read the whole history for every line).
/// </summary>
internal static class RushFigures
{
    public const int Partners = 400;
    public const int Indicators = 20;
    public const int HistoryQuarters = 8;
    public const int Seed = 1;

    /// <summary>The quarter whose forms are issued and returned in the rush.</summary>
    public static readonly Period Quarter = Period.Create(2010, PeriodKind.Quarter, 3);

    /// <summary>The history: the <see cref="HistoryQuarters"/> quarters before <see cref="Quarter"/>, oldest first.</summary>
    public static IReadOnlyList<Period> History()
    {
        var quarters = new List<Period>();
        var year = Quarter.Year;
        var index = Quarter.Index;
        for (var i = 0; i < HistoryQuarters; i++)
        {
            index--;
            if (index == 0)
            {
                year--;
                index = 4;
            }

            quarters.Insert(0, Period.Create(year, PeriodKind.Quarter, index));
        }

        return quarters;
    }

    public static string AreaCode(int area) => "R" + (area + 1).ToString("D3", CultureInfo.InvariantCulture);

    public static string OrganisationCode(int area) => AreaCode(area) + "-DC";

    public static string IndicatorCode(int indicator) => "RSH " + (indicator + 1).ToString("D2", CultureInfo.InvariantCulture);

    public static string LeadEmail(int area) => "lead." + AreaCode(area).ToLowerInvariant() + "@rush.example";

    /// <summary>Even areas' leads use the API (a partner's system), odd areas' leads the web form.</summary>
    public static bool UsesApi(int area) => area % 2 == 0;

    public static Unit UnitOf(int indicator) => indicator % 4 == 3 ? Unit.Percent : Unit.Number;

    public static int DecimalsOf(int indicator) => UnitOf(indicator) == Unit.Percent ? 1 : 0;

    public static Polarity PolarityOf(int indicator) => indicator % 3 == 1 ? Polarity.Lower : Polarity.Higher;

    /// <summary>One indicator in one area: its level and the figures around it, from a seed of their own.</summary>
    public static Pair PairOf(int indicator, int area) =>
        new(indicator, new SplitMix64(unchecked(((ulong)Seed * 0x9E3779B97F4A7C15UL) ^ (((ulong)indicator + 1) * 0xD1B54A32D192ED03UL) ^ (((ulong)area + 1) * 0x8CB92BA72F3D8DD7UL))));

    internal sealed class Pair
    {
        private readonly int _indicator;
        private readonly decimal _level;
        private SplitMix64 _random;

        public Pair(int indicator, SplitMix64 random)
        {
            _indicator = indicator;
            _random = random;
            _level = UnitOf(indicator) == Unit.Percent ? (decimal)_random.Between(40, 80) : (decimal)_random.Between(100, 1000);
        }

        /// <summary>The annual target: a little below the level when higher is better, above it when lower is.</summary>
        public decimal Target => Round(_level * (PolarityOf(_indicator) == Polarity.Higher ? 0.97m : 1.03m));

        /// <summary>One history quarter's actual and projected outturn: within 4% of the level.</summary>
        public (decimal Actual, decimal Projected) HistoryQuarter() => (Near(0.04), Near(0.04));

        /// <summary>The figures the rush sends (call after the history's, in the same order every time): within 1.5% of the level.</summary>
        public (decimal Actual, decimal Projected) Sent() => (Near(0.015), Near(0.015));

        private decimal Near(double spread) => Round(_level * (decimal)(1 + _random.Between(-spread, spread)));

        private decimal Round(decimal value) => Math.Round(value, DecimalsOf(_indicator), MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// The figures sent for one indicator and area (the history's draws first, so that the pair's sequence is the
    /// bundle's), and whether the site's unusual-movement check will warn about one of them, so that the partner's
    /// system sends the confirming note with them (on the web form a person writes it when the page asks).
    /// </summary>
    public static (decimal Actual, decimal Projected, bool Unusual) SentFor(int indicator, int area)
    {
        var pair = PairOf(indicator, area);
        var actuals = new List<decimal>();
        var projections = new List<decimal>();
        for (var q = 0; q < HistoryQuarters; q++)
        {
            var (actual, projected) = pair.HistoryQuarter();
            actuals.Add(actual);
            projections.Add(projected);
        }

        var sent = pair.Sent();
        var unusual = UnusualMovement.Check(sent.Actual, actuals).Unusual || UnusualMovement.Check(sent.Projected, projections).Unusual;
        return (sent.Actual, sent.Projected, unusual);
    }
}
