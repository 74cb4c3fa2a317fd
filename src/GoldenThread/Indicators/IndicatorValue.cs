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

    /// <summary>The commentary given with the figures.</summary>
    public string? Note { get; set; }

    /// <summary>
    /// When the figures were signed off, making them final; null while they are provisional. Any change to the row
    /// clears it: a figure changed after sign-off needs a new sign-off.
    /// </summary>
    public DateTimeOffset? SignedOffAt { get; set; }

    /// <summary>Who signed them off (a person's id), or null for a sign-off recorded by an import run with --signed-off by no one.</summary>
    public int? SignedOffById { get; set; }

    public bool IsFinal => SignedOffAt is not null;
}
