namespace GoldenThread.Indicators;

/// <summary>A values row: the actual and projected outturn of an indicator in an area for a period.</summary>
public sealed class IndicatorValue
{
    public const int PeriodLength = 16;
    public const int NoteLength = 4000;

    public int IndicatorId { get; set; }

    public int AreaId { get; set; }

    /// <summary>The period code, e.g. 2008-09-Q2.</summary>
    public required string Period { get; set; }

    /// <summary>Where the period starts (<see cref="Domain.Periods.Period.StartOrdinal"/>), for range queries.</summary>
    public int PeriodStart { get; set; }

    public decimal? Actual { get; set; }

    public decimal? ProjectedOutturn { get; set; }

    public string? Note { get; set; }
}
