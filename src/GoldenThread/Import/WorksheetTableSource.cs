using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace GoldenThread.Import;

/// <summary>
/// A bundle table from a worksheet of an .xlsx workbook. The Open XML SDK opens the package and finds the
/// sheet's part and the shared strings; the sheet's cells are read from the part with an <see cref="XmlReader"/>,
/// which is six times faster than the SDK's typed reader (it makes an element object for every node).
/// Text cells come from the shared string table or inline; a number comes through as the decimal text
/// Excel shows, never through a double. A cell whose stored value is not what the person sees or typed (a code
/// in a number cell, a formula where text is expected, a percentage in a figure column) is reported, naming the
/// cell, rather than taken silently; a percentage where the column is one is read as it shows (82% is 82).
/// </summary>
internal sealed class WorksheetTableSource : TableSource
{
    /// <summary>Excel shows (and computes to) 15 significant digits; the XML may hold 17, such as 0.30000000000000004.</summary>
    private const int ExcelSignificantDigits = 15;

    /// <summary>The last column of a worksheet (XFD).</summary>
    private const int MaxColumns = 16384;

    private readonly XmlReader _reader;
    private readonly IReadOnlyList<string> _sharedStrings;
    private readonly CellStyles _styles;
    private readonly ProblemList _problems;
    private string[] _cells = new string[16];

    // The row in which each column last had a cell, to find a second cell with the same reference.
    private int[] _seenInRow = new int[16];
    private int _rowStamp;
    private long _lastRow;
    private bool _rowRepeated;

    // What each column of the header holds, and its name, for reading and reporting cells below it; null until the header is read.
    private CellKind?[]? _kinds;
    private string?[] _names = [];
    private int _fieldCount;
    private long _line;
    private long _headerLine;

    // The cell being read: its column, its type attribute (t), its value (v) and its inline text (is/t).
    private bool _inCell;
    private bool _inValue;
    private bool _inText;
    private bool _inPhonetic;
    private bool _inFormula;
    private bool _blank;
    private int _nextColumn;
    private int _cellColumn;
    private string? _cellType;
    private string? _cellValue;
    private string? _cellInline;
    private string? _cellStyle;
    private bool _cellFormula;
    private string? _formulaText;

    public WorksheetTableSource(TableSpec spec, string sheetName, WorksheetPart part, IReadOnlyList<string> sharedStrings, CellStyles styles, ProblemList problems)
        : base(spec, sheetName)
    {
        ArgumentNullException.ThrowIfNull(part);
        _sharedStrings = sharedStrings;
        _styles = styles;
        _problems = problems;
        Array.Fill(_cells, string.Empty);
        var settings = new XmlReaderSettings
        {
            CloseInput = true,
            DtdProcessing = DtdProcessing.Prohibit,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        _reader = XmlReader.Create(part.GetStream(FileMode.Open, FileAccess.Read), settings);
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
        var header = _cells.AsSpan(0, _fieldCount).ToArray();
        _kinds = new CellKind?[header.Length];
        _names = new string?[header.Length];
        for (var field = 0; field < header.Length; field++)
        {
            var column = Spec.IndexOf(header[field].Trim());
            if (column >= 0)
            {
                _kinds[field] = Spec.Columns[column].Kind;
                _names[field] = Spec.Columns[column].Name;
            }
        }

        return header;
    }

    public override bool Read()
    {
        // SpreadsheetML (ECMA-376 18.3.1): <row r="2"><c r="A2" t="s"><v>0</v></c><c t="inlineStr"><is><t>..</t></is></c></row>,
        // with phonetic runs (<rPh>) inside inline strings that are not part of the text.
        while (_reader.Read())
        {
            switch (_reader.NodeType)
            {
                case XmlNodeType.Element:
                    switch (_reader.LocalName)
                    {
                        case "row":
                            StartRow(_reader.GetAttribute("r"));
                            if (_reader.IsEmptyElement && !_blank)
                            {
                                return true;
                            }

                            break;
                        case "c":
                            StartCell(_reader.GetAttribute("r"), _reader.GetAttribute("t"), _reader.GetAttribute("s"));
                            if (_reader.IsEmptyElement)
                            {
                                EndCell();
                            }

                            break;
                        case "v":
                            _inValue = _inCell && !_reader.IsEmptyElement;
                            break;
                        case "t":
                            _inText = _inCell && !_inPhonetic && !_reader.IsEmptyElement;
                            break;
                        case "rPh":
                            _inPhonetic = !_reader.IsEmptyElement;
                            break;
                        case "f" when _inCell:
                            _cellFormula = true;
                            _inFormula = !_reader.IsEmptyElement;
                            break;
                    }

                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    if (_inValue)
                    {
                        _cellValue = _cellValue is null ? _reader.Value : _cellValue + _reader.Value;
                    }
                    else if (_inText)
                    {
                        _cellInline = _cellInline is null ? _reader.Value : _cellInline + _reader.Value;
                    }
                    else if (_inFormula)
                    {
                        _formulaText = _formulaText is null ? _reader.Value : _formulaText + _reader.Value;
                    }

                    break;
                case XmlNodeType.EndElement:
                    switch (_reader.LocalName)
                    {
                        case "v":
                            _inValue = false;
                            break;
                        case "t":
                            _inText = false;
                            break;
                        case "rPh":
                            _inPhonetic = false;
                            break;
                        case "f":
                            _inFormula = false;
                            break;
                        case "c":
                            EndCell();
                            break;
                        case "row" when !_blank:
                            return true;
                    }

                    break;
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

        // A point needs digits on both sides in the contract; a writer may leave one out (.5, 6.).
        if (!exponent && significant <= ExcelSignificantDigits && !text.StartsWith('.') && !text.StartsWith("-.", StringComparison.Ordinal) && !text.EndsWith('.'))
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

    private void StartRow(string? number)
    {
        Array.Fill(_cells, string.Empty, 0, _fieldCount);
        _fieldCount = 0;
        _nextColumn = 0;
        _blank = true;
        _rowStamp++;
        _line = uint.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var row) ? row : _line + 1;

        // Rows come in ascending order (ECMA-376 18.3.1.73): a row number again means cells that would replace others.
        _rowRepeated = _line <= _lastRow;
        _lastRow = Math.Max(_lastRow, _line);
    }

    private void StartCell(string? reference, string? type, string? style)
    {
        var column = reference is null ? -1 : ColumnIndex(reference);
        _cellColumn = column is >= 0 and < MaxColumns ? column : _nextColumn;
        _nextColumn = _cellColumn + 1;
        _cellType = type;
        _cellStyle = style;
        _cellValue = null;
        _cellInline = null;
        _cellFormula = false;
        _formulaText = null;
        _inCell = true;

        if (_cellColumn >= _cells.Length)
        {
            var size = Math.Max(_cellColumn + 1, _cells.Length * 2);
            var grown = new string[size];
            Array.Fill(grown, string.Empty);
            Array.Copy(_cells, grown, _cells.Length);
            _cells = grown;
            Array.Resize(ref _seenInRow, size);
        }

        if (_seenInRow[_cellColumn] == _rowStamp)
        {
            Report($"cell {CellReference()} appears a second time in the sheet's XML, so one value would silently replace the other; spreadsheet programs never write this: open the workbook in Excel or LibreOffice, check the cell and save it again");
        }
        else if (_rowRepeated)
        {
            _rowRepeated = false;
            Report(string.Create(CultureInfo.InvariantCulture, $"cell {CellReference()} is in a row {_line} that comes after row {_lastRow} in the sheet's XML (a second row {_line}, or rows out of order), so its cells could silently replace others; spreadsheet programs never write this: open the workbook in Excel or LibreOffice and save it again"));
        }

        _seenInRow[_cellColumn] = _rowStamp;
    }

    /// <summary>Puts the cell just read in place by column, unless it is blank.</summary>
    private void EndCell()
    {
        _inCell = false;
        _inValue = false;
        _inText = false;
        _inPhonetic = false;
        _inFormula = false;
        var text = CellText();
        if (_kinds is not null && _cellColumn < _kinds.Length && _kinds[_cellColumn] is { } kind)
        {
            text = AsSeen(text, kind);
        }

        if (text.AsSpan().IsWhiteSpace())
        {
            return;
        }

        _cells[_cellColumn] = text;
        _fieldCount = Math.Max(_fieldCount, _cellColumn + 1);
        _blank = false;
    }

    /// <summary>
    /// The text of a cell below the header as the person sees it, where that is unambiguous; otherwise the stored text,
    /// with a problem naming the cell, so that a code, a note or a figure is never changed without a word.
    /// </summary>
    private string AsSeen(string text, CellKind kind)
    {
        var number = _cellType is null or "n" && _cellValue is not null;
        if (_cellFormula && kind is not (CellKind.Number or CellKind.Percent))
        {
            var formula = string.IsNullOrWhiteSpace(_formulaText) ? string.Empty : $" ({Cells.Show("=" + _formulaText)})";
            Report($"cell {CellReference()} holds a formula{formula}; {Article(_names[_cellColumn]!)} is read as typed, not as a formula's result: type the value itself, or copy the cells and paste them as values");
            return text;
        }

        if (_cellFormula && _cellValue is null)
        {
            Report($"cell {CellReference()} holds a formula with no saved result (the program that wrote the workbook did not calculate it); open the workbook in Excel or LibreOffice and save it again, or paste the values");
            return text;
        }

        if (!number)
        {
            return text;
        }

        if (kind == CellKind.Code)
        {
            Report($"cell {CellReference()} holds the number {text}, not text; a spreadsheet drops a code's leading zeros and turns some codes into other numbers (007 becomes 7, 1E3 becomes 1000), so a code is read only from a text cell: format the column as Text and type the codes again");
            return text;
        }

        if (!_styles.IsPercent(_cellStyle) || PercentText(text) is not { } percent)
        {
            return text;
        }

        switch (kind)
        {
            case CellKind.Percent:
                return percent;
            case CellKind.Number:
                Report($"cell {CellReference()} is formatted as a percentage: it shows {percent}% but holds {text}; format the cell as a number and type {percent} (the indicator's unit says what the figure measures)");
                return text;
            case CellKind.Text:
                return percent + "%";
            default:
                return text;
        }
    }

    /// <summary>What a number formatted as a percentage shows, without the % sign: 0.825 is 82.5.</summary>
    private static string? PercentText(string text) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
        && Math.Abs(value) < decimal.MaxValue / 100
            ? (value * 100).ToString("0.############################", CultureInfo.InvariantCulture)
            : null;

    private static string Article(string column) =>
        column[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an " + column : "a " + column;

    /// <summary>The reference of the cell being read, such as <c>D7</c>.</summary>
    private string CellReference() => string.Create(CultureInfo.InvariantCulture, $"{ColumnLabel(_cellColumn)}{_line}");

    /// <summary>Reports a problem with the cell being read, under its column's name (or letter, outside the header).</summary>
    private void Report(string message)
    {
        var column = _cellColumn < _names.Length && _names[_cellColumn] is { } name ? name : ColumnLabel(_cellColumn);
        _problems.Add(Spec.Order, _line, Location(_line), column, message);
    }

    /// <summary>The text of the cell just read, by its type (ECMA-376 18.18.11): a number when it has none.</summary>
    private string CellText()
    {
        switch (_cellType)
        {
            case null or "n":
                return _cellValue is null ? string.Empty : NumberText(_cellValue);
            case "s":
                return int.TryParse(_cellValue, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < _sharedStrings.Count
                    ? _sharedStrings[index]
                    : string.Empty;
            case "inlineStr":
                return _cellInline ?? _cellValue ?? string.Empty;
            case "b":
                return _cellValue == "1" ? "TRUE" : "FALSE";
            default:
                // Formula text results (str), ISO dates (d) and error values (e, such as #N/A) are text as stored.
                return _cellValue ?? string.Empty;
        }
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
