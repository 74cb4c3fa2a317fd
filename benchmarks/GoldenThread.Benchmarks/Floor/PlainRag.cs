using System.Runtime.InteropServices;
using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Indicators;

namespace GoldenThread.Benchmarks.Floor;

/// <summary>
/// The "plain loop" that the scorecard is measured against: a deliberately simple, hand-written pass that files each
/// row under its indicator and area, keeps the assessed quarter's projected outturn and the year's target, and then
/// computes PVT and the RAG status of every pair with the default tolerances. No trend, direction of travel, ladder
/// or sorting: only what a scorecard cannot do without.
/// </summary>
internal sealed class PlainRag(string periodCode, string yearCode)
{
    private readonly Dictionary<int, (Polarity Polarity, decimal Amber, decimal StrongGreen)> _indicators = [];
    private readonly Dictionary<(int Indicator, int Area), PairState> _pairs = [];

    public int Pairs => _pairs.Count;

    public void Indicator(int id, Polarity polarity, decimal? amber, decimal? strongGreen) =>
        _indicators[id] = (polarity, amber ?? Tolerances.DefaultPercent, strongGreen ?? Tolerances.DefaultPercent);

    public void Target(int indicator, int area, string period, decimal value)
    {
        ref var pair = ref CollectionsMarshal.GetValueRefOrAddDefault(_pairs, (indicator, area), out _);
        if (period == yearCode)
        {
            pair.Target = value;
        }
    }

    public void Value(int indicator, int area, string period, decimal? actual, decimal? projected)
    {
        ref var pair = ref CollectionsMarshal.GetValueRefOrAddDefault(_pairs, (indicator, area), out _);
        if (period == periodCode)
        {
            pair.Actual = actual;
            pair.Projected = projected;
        }
    }

    /// <summary>Rates every pair; returns how many pairs got each status (indexed by <see cref="Status"/>).</summary>
    public int[] Rate()
    {
        var counts = new int[Enum.GetValues<Status>().Length];
        foreach (var ((indicator, _), pair) in _pairs)
        {
            counts[(int)Rate(_indicators[indicator], pair)]++;
        }

        return counts;
    }

    private static Status Rate((Polarity Polarity, decimal Amber, decimal StrongGreen) indicator, PairState pair)
    {
        if (indicator.Polarity == Polarity.None)
        {
            return Status.DataOnly;
        }

        if (pair.Target is not { } target)
        {
            return Status.NoTarget;
        }

        if (pair.Projected is not { } projected)
        {
            return Status.NoData;
        }

        if (target == 0m)
        {
            var met = indicator.Polarity == Polarity.Higher ? projected >= target : projected <= target;
            return met ? Status.Green : Status.Red;
        }

        var pvt = (projected - target) * 100m / Math.Abs(target);
        if (indicator.Polarity == Polarity.Lower)
        {
            pvt = -pvt;
        }

        if (pvt < -indicator.Amber)
        {
            return Status.Red;
        }

        if (pvt < 0m)
        {
            return Status.Amber;
        }

        return pvt <= indicator.StrongGreen ? Status.Green : Status.StrongGreen;
    }

    private struct PairState
    {
        public decimal? Target;
        public decimal? Actual;
        public decimal? Projected;
    }
}
