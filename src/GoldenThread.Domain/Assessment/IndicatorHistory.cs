using GoldenThread.Domain.Periods;

namespace GoldenThread.Domain.Assessment;

/// <summary>Everything recorded for one indicator in one area: its values rows and its target rows, by period.</summary>
public sealed class IndicatorHistory
{
    public IndicatorHistory(IReadOnlyDictionary<Period, Observation> values, IReadOnlyDictionary<Period, decimal> targets)
    {
        Values = values;
        Targets = targets;
        var earliest = int.MaxValue;
        foreach (var period in values.Keys)
        {
            earliest = Math.Min(earliest, period.StartOrdinal);
        }

        foreach (var period in targets.Keys)
        {
            earliest = Math.Min(earliest, period.StartOrdinal);
        }

        EarliestStartOrdinal = earliest;
    }

    public static IndicatorHistory Empty { get; } = new(new Dictionary<Period, Observation>(), new Dictionary<Period, decimal>());

    public IReadOnlyDictionary<Period, Observation> Values { get; }

    /// <summary>Annual targets on year codes; profiled interim targets on shorter periods.</summary>
    public IReadOnlyDictionary<Period, decimal> Targets { get; }

    /// <summary>Where the first row of any kind begins; nothing before it can be off trajectory.</summary>
    internal int EarliestStartOrdinal { get; }

    public bool IsEmpty => Values.Count == 0 && Targets.Count == 0;
}
