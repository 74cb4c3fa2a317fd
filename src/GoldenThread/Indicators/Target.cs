namespace GoldenThread.Indicators;

/// <summary>A target for an indicator in an area: annual on a year code, or a profiled interim target.</summary>
public sealed class Target
{
    public int IndicatorId { get; set; }

    public int AreaId { get; set; }

    /// <summary>The period code, e.g. 2008-09 or 2008-09-Q2.</summary>
    public required string Period { get; set; }

    /// <summary>Where the period starts (<see cref="Domain.Periods.Period.StartOrdinal"/>), for range queries.</summary>
    public int PeriodStart { get; set; }

    public decimal Value { get; set; }
}
