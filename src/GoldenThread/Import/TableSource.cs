namespace GoldenThread.Import;

/// <summary>
/// The rows of one bundle table, from a CSV file or a worksheet, as trimmed text cells read by position.
/// The validation reads every source the same way; only the sources know about quoting or shared strings.
/// </summary>
internal abstract class TableSource(TableSpec spec, string displayName) : IDisposable
{
    public TableSpec Spec { get; } = spec;

    /// <summary>The file or sheet name as found (<c>values.csv</c>, <c>Values</c>), for messages.</summary>
    public string DisplayName { get; } = displayName;

    /// <summary>The line (CSV) or row (worksheet) of the header; valid after <see cref="ReadHeader"/>.</summary>
    public abstract long HeaderLine { get; }

    /// <summary>The physical line (CSV) or sheet row number where the current row starts.</summary>
    public abstract long Line { get; }

    /// <summary>The number of cells in the current row, some of which may be empty.</summary>
    public abstract int FieldCount { get; }

    /// <summary>
    /// Whether every row has as many fields as the header (a CSV file, where a row cut short would read its missing
    /// cells as empty); a worksheet leaves out empty cells, so its rows vary.
    /// </summary>
    public virtual bool FixedWidth => false;

    public virtual long BytesRead => 0;

    public virtual long TotalBytes => 0;

    /// <summary>Where a line is, as a problem's location: <c>values.csv:12</c> or <c>values!12</c>.</summary>
    public abstract string Location(long line);

    /// <summary>Reads the header's cell texts, or returns null when the table is empty (no header at all).</summary>
    public abstract IReadOnlyList<string>? ReadHeader();

    /// <summary>Moves to the next row that has any text, skipping blank ones; false at the end.</summary>
    public abstract bool Read();

    /// <summary>The trimmed text of a cell of the current row; empty when the row has no such cell.</summary>
    /// <remarks>The span is valid until the next <see cref="Read"/>.</remarks>
    public abstract ReadOnlySpan<char> Field(int index);

    /// <summary>How people find a column that has no usable header: <c>column 7</c> in a CSV file, <c>G</c> in a sheet.</summary>
    public abstract string ColumnLabel(int index);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
