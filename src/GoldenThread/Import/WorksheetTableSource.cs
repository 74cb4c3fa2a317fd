using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace GoldenThread.Import;

/// <summary>
/// A bundle table from a worksheet of an .xlsx workbook, read row by row with the Open XML SDK's streaming
/// reader. Text cells come from the shared string table or inline; a number comes through as the decimal
/// text Excel shows, never through a double.
/// </summary>
internal sealed class WorksheetTableSource : TableSource
{
    /// <summary>Excel shows (and computes to) 15 significant digits; the XML may hold 17, such as 0.30000000000000004.</summary>
    private const int ExcelSignificantDigits = 15;

    /// <summary>The last column of a worksheet (XFD).</summary>
    private const int MaxColumns = 16384;

    private readonly OpenXmlReader _reader;
    private readonly IReadOnlyList<string> _sharedStrings;
    private string[] _cells = new string[16];
    private int _fieldCount;
    private long _line;
    private long _headerLine;

    public WorksheetTableSource(TableSpec spec, string sheetName, WorksheetPart part, IReadOnlyList<string> sharedStrings)
        : base(spec, sheetName)
    {
        _sharedStrings = sharedStrings;
        Array.Fill(_cells, string.Empty);
        _reader = OpenXmlReader.Create(part);
    }

    public override long HeaderLine => _headerLine;

    public override long Line => _line;

    public override int FieldCount => _fieldCount;

    public override string Location(long line) => string.Create(CultureInfo.InvariantCulture, $"{DisplayName}!{line}");

    public override IReadOnlyList<string>? ReadHeader()
    {
        if (!Read())
        {
            return null;
        }

        _headerLine = _line;
        return _cells.AsSpan(0, _fieldCount).ToArray();
    }

    public override bool Read()
    {
        while (_reader.Read())
        {
            if (_reader.ElementType != typeof(Row) || !_reader.IsStartElement)
            {
                continue;
            }

            // One row at a time as a small tree: simpler than walking cell events, and the sheet is never whole in memory.
            var row = (Row)_reader.LoadCurrentElement()!;
            _line = row.RowIndex?.Value is { } number ? number : _line + 1;
            if (Fill(row))
            {
                return true;
            }
        }

        return false;
    }

    public override ReadOnlySpan<char> Field(int index) =>
        (uint)index < (uint)_fieldCount ? _cells[index].AsSpan().Trim() : default;

    public override string ColumnLabel(int index)
    {
        var label = new StringBuilder();
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            label.Insert(0, (char)('A' + ((n - 1) % 26)));
        }

        return label.ToString();
    }

    /// <summary>Reads every string of a workbook's shared string table, in order, for cells that refer to them by index.</summary>
    public static IReadOnlyList<string> ReadSharedStrings(WorkbookPart workbook)
    {
        var part = workbook.SharedStringTablePart;
        if (part is null)
        {
            return [];
        }

        var strings = new List<string>();
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
            {
                strings.Add(RichText(reader.LoadCurrentElement()!));
            }
        }

        return strings;
    }

    /// <summary>
    /// The decimal text of a numeric cell as Excel shows it: exponents written out (1E-3 is 0.001) and the
    /// binary noise past 15 significant digits rounded away (0.30000000000000004 is 0.3).
    /// </summary>
    public static string NumberText(string text)
    {
        var significant = 0;
        var exponent = false;
        foreach (var c in text)
        {
            if (c is 'e' or 'E')
            {
                exponent = true;
                break;
            }

            if (c is >= '1' and <= '9' || (c == '0' && significant > 0))
            {
                significant++;
            }
        }

        if (!exponent && significant <= ExcelSignificantDigits)
        {
            return text;
        }

        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            // Too large or too small for a decimal: leave it for the number check to reject with its own words.
            return text;
        }

        return RoundToSignificant(value, ExcelSignificantDigits).ToString("0.############################", CultureInfo.InvariantCulture);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _reader.Dispose();
        }

        base.Dispose(disposing);
    }

    private static decimal RoundToSignificant(decimal value, int digits)
    {
        if (value == 0)
        {
            return 0;
        }

        var magnitude = Math.Abs(value);
        var integerDigits = 0;
        for (var whole = Math.Truncate(magnitude); whole >= 1; whole = Math.Truncate(whole / 10))
        {
            integerDigits++;
        }

        var leadingZeros = 0;
        if (integerDigits == 0)
        {
            for (var scaled = magnitude * 10; scaled < 1 && leadingZeros < 28; scaled *= 10)
            {
                leadingZeros++;
            }
        }

        var decimals = Math.Clamp(digits - integerDigits + leadingZeros, 0, 28);
        return Math.Round(value, decimals, MidpointRounding.AwayFromZero);
    }

    /// <summary>The text of a shared string item or inline string: its plain text, or its formatted runs joined (phonetic hints left out).</summary>
    private static string RichText(OpenXmlElement item)
    {
        string? single = null;
        StringBuilder? joined = null;
        foreach (var child in item.ChildElements)
        {
            var text = child switch
            {
                Text t => t.Text,
                Run run => run.Text?.Text,
                _ => null,
            };
            if (text is null)
            {
                continue;
            }

            if (single is null)
            {
                single = text;
            }
            else
            {
                joined ??= new StringBuilder(single);
                joined.Append(text);
            }
        }

        return joined?.ToString() ?? single ?? string.Empty;
    }

    /// <summary>Puts the row's cells in place by column; false when every cell is blank.</summary>
    private bool Fill(Row row)
    {
        Array.Fill(_cells, string.Empty, 0, _fieldCount);
        _fieldCount = 0;
        var next = 0;
        var blank = true;
        foreach (var cell in row.Elements<Cell>())
        {
            var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : next;
            if (column is < 0 or >= MaxColumns)
            {
                column = next;
            }

            next = column + 1;
            var text = CellText(cell);
            if (text.AsSpan().IsWhiteSpace())
            {
                continue;
            }

            if (column >= _cells.Length)
            {
                var grown = new string[Math.Max(column + 1, _cells.Length * 2)];
                Array.Fill(grown, string.Empty);
                Array.Copy(_cells, grown, _cells.Length);
                _cells = grown;
            }

            _cells[column] = text;
            _fieldCount = Math.Max(_fieldCount, column + 1);
            blank = false;
        }

        return !blank;
    }

    private string CellText(Cell cell)
    {
        var value = cell.CellValue?.Text;
        var type = cell.DataType?.Value;
        if (type is null || type == CellValues.Number)
        {
            return value is null ? string.Empty : NumberText(value);
        }

        if (type == CellValues.SharedString)
        {
            return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < _sharedStrings.Count
                ? _sharedStrings[index]
                : string.Empty;
        }

        if (type == CellValues.InlineString)
        {
            return cell.InlineString is { } inline ? RichText(inline) : value ?? string.Empty;
        }

        if (type == CellValues.Boolean)
        {
            return value == "1" ? "TRUE" : "FALSE";
        }

        // Formula text results, ISO dates and error values (#N/A) are text as stored.
        return value ?? string.Empty;
    }

    /// <summary>The 0-based column of a reference such as <c>C12</c>, or -1 when it has no letters.</summary>
    private static int ColumnIndex(string reference)
    {
        var column = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            var upper = char.ToUpperInvariant(c);
            if (upper is < 'A' or > 'Z')
            {
                break;
            }

            column = (column * 26) + (upper - 'A' + 1);
            letters++;
            if (letters > 3)
            {
                return -1;
            }
        }

        return letters == 0 ? -1 : column - 1;
    }
}
