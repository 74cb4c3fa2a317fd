using BenchmarkDotNet.Attributes;
using GoldenThread.Benchmarks.Floor;
using GoldenThread.Benchmarks.National;
using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Periods;
using GoldenThread.Import;

namespace GoldenThread.Benchmarks.Engine;

/// <summary>
/// The assessment engine alone, on the national bundle held in memory: every indicator and area pair assessed at
/// 2010/11 Q1, as the scorecard does once the rows are read and grouped. No database, no output.
/// </summary>
/// <remarks>
/// <para>
/// <c>OperationsPerInvoke</c> is the number of values rows behind the pairs, so BenchmarkDotNet's "Mean" is the time
/// per value: <b>x ns per value is x ms per million values</b>.
/// </para>
/// <para>
/// <see cref="PlainLoop"/> is the baseline: the same rows, flat, filed under their pairs and rated by
/// <see cref="PlainRag"/> (PVT and RAG only), the in-memory half of the scorecard's floor. The engine's figures start
/// from histories already grouped, so the Ratio column compares the full rules (trend, direction of travel, ladder)
/// on grouped rows with grouping plus PVT and RAG on flat ones.
/// </para>
/// <para>
/// One short in-process job (<see cref="ShortInProcessConfig"/>). The bundle is generated into a temporary folder in
/// the set-up, or read from the folder named by the environment variable <c>GOLDENTHREAD_BENCH_BUNDLE</c>.
/// </para>
/// </remarks>
[Config(typeof(ShortInProcessConfig))]
[MemoryDiagnoser]
public class EngineBenchmarks
{
    /// <summary>Values rows of one area: 200 indicators x 13 periods.</summary>
    private const int OneAreaValues = 2_600;

    private static readonly Period At = Period.Parse(NationalBundle.Quarter);

    private (IndicatorRules Rules, IndicatorHistory History)[] _everyPair = [];
    private (IndicatorRules Rules, IndicatorHistory History)[] _oneArea = [];
    private PlainRow[] _valueRows = [];
    private PlainRow[] _targetRows = [];
    private (int Id, Polarity Polarity, decimal? Amber, decimal? StrongGreen)[] _indicators = [];

    /// <summary>
    /// Builds the histories of every pair from the national bundle (generated with seed 1 into a temporary folder
    /// and read by the product's reader), and the same rows as flat arrays for the plain loop.
    /// </summary>
    [GlobalSetup]
    public void Setup()
    {
        var bundle = NationalBundle.Load(Environment.GetEnvironmentVariable("GOLDENTHREAD_BENCH_BUNDLE"));
        if (bundle.Values.Count != NationalBundle.Values)
        {
            throw new InvalidOperationException($"Expected the national bundle's {NationalBundle.Values} values rows, found {bundle.Values.Count}.");
        }

        var indicatorIds = bundle.Indicators.Select((row, i) => (row.Code, Id: i + 1)).ToDictionary(x => x.Code, x => x.Id, StringComparer.Ordinal);
        var areaIds = bundle.Areas.Select((row, i) => (row.Code, Id: i + 1)).ToDictionary(x => x.Code, x => x.Id, StringComparer.Ordinal);
        var rules = bundle.Indicators.ToDictionary(
            i => i.Code,
            i => new IndicatorRules(i.Polarity, i.Frequency, i.Accumulation, i.Decimals, i.AmberTolerance, i.StrongGreenThreshold),
            StringComparer.Ordinal);
        _indicators = [.. bundle.Indicators.Select(i => (indicatorIds[i.Code], i.Polarity, i.AmberTolerance, i.StrongGreenThreshold))];

        var histories = new Dictionary<(string Indicator, string Area), (Dictionary<Period, Observation> Values, Dictionary<Period, decimal> Targets)>();
        (Dictionary<Period, Observation> Values, Dictionary<Period, decimal> Targets) HistoryOf(string indicator, string area)
        {
            if (!histories.TryGetValue((indicator, area), out var history))
            {
                history = ([], []);
                histories.Add((indicator, area), history);
            }

            return history;
        }

        foreach (var row in bundle.Targets)
        {
            HistoryOf(row.IndicatorCode, row.AreaCode).Targets[row.Period] = row.Target;
        }

        foreach (var row in bundle.Values)
        {
            HistoryOf(row.IndicatorCode, row.AreaCode).Values[row.Period] = new Observation(row.Actual, row.ProjectedOutturn);
        }

        var ordered = histories
            .OrderBy(h => h.Key.Indicator, StringComparer.Ordinal)
            .ThenBy(h => h.Key.Area, StringComparer.Ordinal)
            .Select(h => (Area: h.Key.Area, Rules: rules[h.Key.Indicator], History: new IndicatorHistory(h.Value.Values, h.Value.Targets)))
            .ToList();
        _everyPair = [.. ordered.Select(p => (p.Rules, p.History))];

        // One district, as `scorecard --area` would pick it.
        var district = bundle.Areas.First(a => a.ParentCode is not null).Code;
        _oneArea = [.. ordered.Where(p => p.Area == district).Select(p => (p.Rules, p.History))];
        var oneAreaValues = _oneArea.Sum(p => p.History.Values.Count);
        if (oneAreaValues != OneAreaValues)
        {
            throw new InvalidOperationException($"Expected {OneAreaValues} values rows in one area, found {oneAreaValues}.");
        }

        _valueRows = [.. bundle.Values.Select(v => new PlainRow(indicatorIds[v.IndicatorCode], areaIds[v.AreaCode], v.Period.Code, v.Actual, v.ProjectedOutturn))];
        _targetRows = [.. bundle.Targets.Select(t => new PlainRow(indicatorIds[t.IndicatorCode], areaIds[t.AreaCode], t.Period.Code, null, t.Target))];
    }

    /// <summary>The plain loop over the same rows: file each row under its pair, then PVT and RAG per pair.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = NationalBundle.Values)]
    public int PlainLoop()
    {
        var plain = new PlainRag(At.Code, At.FinancialYear.Code);
        foreach (var (id, polarity, amber, strongGreen) in _indicators)
        {
            plain.Indicator(id, polarity, amber, strongGreen);
        }

        foreach (var row in _targetRows)
        {
            plain.Target(row.Indicator, row.Area, row.Period, row.Projected!.Value);
        }

        foreach (var row in _valueRows)
        {
            plain.Value(row.Indicator, row.Area, row.Period, row.Actual, row.Projected);
        }

        return plain.Rate()[(int)Status.Red];
    }

    /// <summary>The engine on every pair of the country (80,000 pairs, 1,040,000 values rows).</summary>
    [Benchmark(OperationsPerInvoke = NationalBundle.Values)]
    public int EveryPair() => AssessAll(_everyPair);

    /// <summary>The engine on the 200 pairs of one district (2,600 values rows), as `scorecard --area` needs.</summary>
    [Benchmark(OperationsPerInvoke = OneAreaValues)]
    public int OneArea() => AssessAll(_oneArea);

    private static int AssessAll((IndicatorRules Rules, IndicatorHistory History)[] pairs)
    {
        var red = 0;
        foreach (var (rules, history) in pairs)
        {
            var assessment = new Assessor(rules, Tolerances.Default, history).Assess(At);
            if (assessment.Status == Status.Red)
            {
                red++;
            }
        }

        return red;
    }

    private readonly record struct PlainRow(int Indicator, int Area, string Period, decimal? Actual, decimal? Projected);
}
