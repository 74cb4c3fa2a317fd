using System.Globalization;

namespace GoldenThread.Import;

/// <summary>
/// The rows of a table read through its header: cells by the contract's column (whatever order the file has
/// them in), and problems reported at the current row under the column's name.
/// </summary>
internal sealed class TableRows
{
    private readonly TableSource _source;
    private readonly ProblemList _problems;
    private readonly ImportProgressCounter _progress;
    private readonly int[] _fieldOf;
    private readonly int _width;
    private readonly int[] _unnamed;
    private long _rowsRead;

    private TableRows(TableSource source, ProblemList problems, ImportProgressCounter progress, int[] fieldOf, int width, int[] unnamed)
    {
        _source = source;
        _problems = problems;
        _progress = progress;
        _fieldOf = fieldOf;
        _width = width;
        _unnamed = unnamed;
    }

    public TableSpec Spec => _source.Spec;

    public long Line => _source.Line;

    /// <summary>"line" in a CSV file, "row" in a sheet, for "first on line 4".</summary>
    public string LineWord => _source is WorksheetTableSource ? "row" : "line";

    /// <summary>
    /// Reads and checks the header: every column known, none twice, the required ones present. Returns null
    /// when the table has no header at all; otherwise the rows, even when columns are missing, so that the
    /// codes the rows declare are known to the tables after this one and their cells are still checked.
    /// </summary>
    public static TableRows? Open(TableSource source, ProblemList problems, ImportProgressCounter progress)
    {
        var spec = source.Spec;
        var before = problems.Count;
        var header = source.ReadHeader();
        if (header is null && problems.Count > before)
        {
            // The source said why it could not read a header (a row too long to be one).
            return null;
        }

        if (header is null)
        {
            problems.Add(spec.Order, 1, source.Location(1), "header", $"the {(source is WorksheetTableSource ? "sheet" : "file")} is empty; expected a header row such as {string.Join(',', spec.Columns.Select(c => c.Name))}");
            return null;
        }

        var headerLine = source.HeaderLine;
        var fieldOf = new int[spec.Columns.Count];
        Array.Fill(fieldOf, -1);
        var unnamed = new List<int>();
        for (var field = 0; field < header.Count; field++)
        {
            var name = header[field].Trim();
            if (name.Length == 0)
            {
                unnamed.Add(field);
                continue;
            }

            var column = spec.IndexOf(name);
            if (column < 0)
            {
                problems.Add(spec.Order, headerLine, source.Location(headerLine), name, $"unknown column; expected one of {spec.ColumnList}");
            }
            else if (fieldOf[column] >= 0)
            {
                problems.Add(spec.Order, headerLine, source.Location(headerLine), name, $"the column appears twice in the header ({source.ColumnLabel(fieldOf[column])} and {source.ColumnLabel(field)}); keep one");
            }
            else
            {
                fieldOf[column] = field;
            }
        }

        for (var column = 0; column < spec.Columns.Count; column++)
        {
            if (spec.Columns[column].Required && fieldOf[column] < 0)
            {
                problems.Add(spec.Order, headerLine, source.Location(headerLine), spec.Columns[column].Name, $"missing column; {source.DisplayName} needs the columns {RequiredList(spec)}");
            }
        }

        progress.Start(source);
        return new TableRows(source, problems, progress, fieldOf, header.Count, unnamed.ToArray());
    }

    /// <summary>Moves to the next row with any text, reporting text in columns that have no header.</summary>
    public bool Read()
    {
        if (!_source.Read())
        {
            _progress.Finish(_source);
            return false;
        }

        _rowsRead++;
        _progress.Row(_source);
        var strays = 0;
        if (_source.FieldCount > _width || _unnamed.Length > 0)
        {
            strays = ReportStrayCells();
        }

        if (_source.FixedWidth && _source.FieldCount != _width && strays == 0)
        {
            ReportWidth();
        }

        return true;
    }

    /// <summary>
    /// How many rows the whole table probably has, from the bytes the first thousand rows took; 0 until then,
    /// and for a worksheet, whose size is not known.
    /// </summary>
    public int EstimatedRowCount()
    {
        if (_rowsRead < 1024 || _source.BytesRead <= 0 || _source.TotalBytes <= 0)
        {
            return 0;
        }

        var bytesPerRow = (double)_source.BytesRead / _rowsRead;
        return (int)Math.Min(_source.TotalBytes / bytesPerRow * 1.05, 50_000_000);
    }

    /// <summary>Whether the file has the column at all.</summary>
    public bool Has(int column) => _fieldOf[column] >= 0;

    /// <summary>The trimmed text of a column of the current row; empty when blank or when the file lacks the column.</summary>
    public ReadOnlySpan<char> this[int column] => _fieldOf[column] is >= 0 and var field ? _source.Field(field) : default;

    public void Report(int column, string message) => ReportAt(_source.Line, column, message);

    public void ReportAt(long line, int column, string message) =>
        _problems.Add(Spec.Order, line, _source.Location(line), Spec.Columns[column].Name, message);

    /// <summary>Reports an empty required cell, unless the whole column is missing (reported once, at the header).</summary>
    public void ReportEmpty(int column)
    {
        if (Has(column))
        {
            Report(column, $"empty; every row needs {Article(Spec.Columns[column].Name)}");
        }
    }

    /// <summary>The text of a free-text column (a name, a note), or null when it is empty; reported when it is too long to store.</summary>
    public string? Text(int column, int maxLength)
    {
        var text = this[column];
        if (text.IsEmpty)
        {
            return null;
        }

        // The decoder puts U+FFFD where the bytes were not UTF-8: a file saved as ANSI or Latin-1.
        if (text.Contains('\uFFFD'))
        {
            Report(column, "holds characters that are not UTF-8; save the file as \"CSV UTF-8\"");
        }

        CheckLength(column, text, maxLength);
        return text.ToString();
    }

    /// <summary>The text of a required free-text column, reporting it when empty.</summary>
    public string? RequiredText(int column, int maxLength)
    {
        var text = Text(column, maxLength);
        if (text is null)
        {
            ReportEmpty(column);
        }

        return text;
    }

    /// <summary>Reports a cell longer than the database stores (the entity's length constant); true when it fits.</summary>
    public bool CheckLength(int column, ReadOnlySpan<char> text, int maxLength, string? what = null)
    {
        if (text.Length <= maxLength)
        {
            return true;
        }

        Report(column, string.Create(CultureInfo.InvariantCulture, $"{Cells.Show(text)} is {text.Length} characters long; {what ?? Spec.Columns[column].Name} may have at most {maxLength}"));
        return false;
    }

    /// <summary>An optional number; false (and reported) when the cell holds something that is not one.</summary>
    public bool TryNumber(int column, out decimal? value)
    {
        value = null;
        var text = this[column];
        if (text.IsEmpty)
        {
            return true;
        }

        if (Cells.TryParseNumber(text, out var number))
        {
            value = number;
            return true;
        }

        Report(column, Cells.NotANumber(text));
        return false;
    }

    private static string RequiredList(TableSpec spec) =>
        TableSpec.Join(spec.Columns.Where(c => c.Required).Select(c => c.Name).ToArray(), "and");

    private static string Article(string column) =>
        column[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an " + column : "a " + column;

    /// <summary>
    /// Reports a row with fewer or more fields than the header: a row cut short would otherwise clear the cells it
    /// lacks (an empty cell is N/A, or no parent), overwriting good data.
    /// </summary>
    private void ReportWidth()
    {
        var count = _source.FieldCount;
        var message = count < _width
            ? string.Create(CultureInfo.InvariantCulture, $"the row has {count} field{(count == 1 ? "" : "s")} but the header has {_width}; a row cut short would clear the cells it lacks, so every row needs the header's {_width} fields (an empty one is nothing between two commas)")
            : string.Create(CultureInfo.InvariantCulture, $"the row has {count} fields but the header has {_width}; remove the extra commas at its end, or name the extra columns in the header");
        _problems.Add(Spec.Order, _source.Line, _source.Location(_source.Line), "row", message);
    }

    /// <summary>Reports the text beyond the header's columns or under a column with no name; returns how many cells it reported.</summary>
    private int ReportStrayCells()
    {
        var reported = 0;
        for (var field = _width; field < _source.FieldCount; field++)
        {
            var text = _source.Field(field);
            if (!text.IsEmpty)
            {
                _problems.Add(
                    Spec.Order,
                    _source.Line,
                    _source.Location(_source.Line),
                    _source.ColumnLabel(field),
                    string.Create(CultureInfo.InvariantCulture, $"{Cells.Show(text)} is beyond the last of the header's {_width} columns; quote a value that holds a comma, or name the column"));
                reported++;
            }
        }

        foreach (var field in _unnamed)
        {
            var text = _source.Field(field);
            if (!text.IsEmpty)
            {
                _problems.Add(Spec.Order, _source.Line, _source.Location(_source.Line), _source.ColumnLabel(field), $"{Cells.Show(text)} is in a column with no name in the header; name the column or clear it");
            }
        }

        return reported;
    }
}
