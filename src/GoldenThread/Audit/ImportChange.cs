namespace GoldenThread.Audit;

/// <summary>
/// One stored figure an import replaced with a different one, under the import's audit entry: which figure
/// (the contract's column: actual, projected_outturn, note or target) of which area, indicator and period, and
/// its old and new values as stored text. Codes are copied in, as names are in the audit trail. Written in bulk
/// by the import's own write (<see cref="Storage.BulkWriter"/>), in its transaction.
/// </summary>
public sealed class ImportChange
{
    public const int FigureLength = 32;
    /// <summary>Long enough for a note, the longest figure.</summary>
    public const int TextLength = Indicators.IndicatorValue.NoteLength;

    public const string Actual = "actual";
    public const string ProjectedOutturn = "projected_outturn";
    public const string Note = "note";
    public const string Target = "target";

    public long Id { get; set; }

    /// <summary>The import's entry in the audit trail.</summary>
    public long AuditEntryId { get; set; }

    public required string Figure { get; set; }

    public required string AreaCode { get; set; }

    public required string IndicatorCode { get; set; }

    public required string Period { get; set; }

    public string? OldValue { get; set; }

    public string? NewValue { get; set; }
}
