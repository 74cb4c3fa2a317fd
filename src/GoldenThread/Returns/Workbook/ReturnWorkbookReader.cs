using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GoldenThread.Domain.Indicators;
using GoldenThread.Import;

namespace GoldenThread.Returns.Workbook;

/// <summary>One thing wrong with an uploaded workbook: where (<c>Return!K7</c>, or the file as a whole), the field and what.</summary>
public sealed record WorkbookProblem(string Where, string Field, string Message)
{
    /// <summary>What the page shows: <c>Return!K7: actual: ...</c>.</summary>
    public override string ToString() => Field.Length == 0 ? $"{Where}: {Message}" : $"{Where}: {Field}: {Message}";
}

/// <summary>One row of the return sheet as read: its sheet row, the line it belongs to and the cells to fill.</summary>
public sealed record WorkbookRow(int Row, int LineId, WorkbookEntry Entry);

/// <summary>What an uploaded workbook holds: the return it says it belongs to, its rows, and the problems found reading it.</summary>
/// <param name="ReturnId">The return named on the key sheet, or null when there is no readable key.</param>
public sealed record WorkbookContents(int? ReturnId, string? Period, IReadOnlyList<WorkbookRow> Rows, IReadOnlyList<WorkbookProblem> Problems);

/// <summary>
/// Reads a filled-in return workbook (<see cref="ReturnWorkbook"/>) with the Open XML SDK, as Excel and LibreOffice
/// save it: text from the shared string table or inline, numbers stored as numbers or typed as text, formulas by their
/// saved result, empty cells as empty (N/A). Each cell is checked against its line (the figure is due, a number,
/// within the indicator's range and the site's limit; text within its length; a cause from the list), and every
/// problem found names its cell. A file that cannot be read at all is one problem.
/// </summary>
public static class ReturnWorkbookReader
{
    /// <summary>Words a person may type in a figure's cell for "no figure".</summary>
    private static readonly string[] NotApplicable = ["N/A", "NA", "n/a", "na", "N.A."];

    public const string FileWhere = "The file";

    /// <summary>Reads the workbook; <paramref name="lines"/> are the return's lines by id, to check each row against.</summary>
    public static WorkbookContents Read(Stream input, IReadOnlyDictionary<int, WorkbookLine> lines, FigureLimits limits)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(limits);
        try
        {
            using var document = SpreadsheetDocument.Open(input, false);
            return Read(document, lines, limits);
        }
        catch (Exception e) when (IsDamage(e))
        {
            return Failed(new WorkbookProblem(
                FileWhere,
                string.Empty,
                $"cannot be read as an Excel workbook (.xlsx): {e.Message.TrimEnd('.')}. Upload the workbook downloaded for this return, saved from Excel or LibreOffice as an Excel Workbook (.xlsx)."));
        }
    }

    private static WorkbookContents Read(SpreadsheetDocument document, IReadOnlyDictionary<int, WorkbookLine> lines, FigureLimits limits)
    {
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("the package holds no workbook");
        var sheets = (workbook.Workbook?.Sheets?.Elements<Sheet>() ?? []).ToList();
        var key = SheetPart(workbook, sheets, ReturnWorkbookLayout.KeySheet);
        var returnSheet = SheetPart(workbook, sheets, ReturnWorkbookLayout.ReturnSheet);
        if (key is null || returnSheet is null)
        {
            var missing = key is null ? ReturnWorkbookLayout.KeySheet : ReturnWorkbookLayout.ReturnSheet;
            return Failed(new WorkbookProblem(
                FileWhere,
                string.Empty,
                $"is not a GoldenThread return workbook: it has no sheet named '{missing}'. Download the workbook for this return from its page, fill it in and upload that."));
        }

        var strings = WorksheetTableSource.ReadSharedStrings(workbook);
        var styles = Import.CellStyles.Read(workbook);
        var keyCells = Cells(key, strings, styles).ToDictionary(c => (c.Row, c.Column));
        var format = keyCells.GetValueOrDefault((1, 1))?.Text;
        if (!string.Equals(format?.Trim(), ReturnWorkbookLayout.Format, StringComparison.Ordinal))
        {
            return Failed(new WorkbookProblem(
                FileWhere,
                string.Empty,
                "is a return workbook of an older or unknown layout, which this site cannot read safely. Download the workbook for this return again and copy your figures into it."));
        }

        var returnText = keyCells.GetValueOrDefault((2, 1))?.Text?.Trim();
        int? returnId = int.TryParse(returnText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        var period = keyCells.GetValueOrDefault((3, 1))?.Text?.Trim();
        if (returnId is null)
        {
            return Failed(new WorkbookProblem(
                FileWhere,
                string.Empty,
                "does not say which return it belongs to (its hidden key sheet was changed). Download the workbook for this return again and copy your figures into it."));
        }

        var problems = new List<WorkbookProblem>();
        var rows = ReadRows(Cells(returnSheet, strings, styles), lines, limits, problems);
        return new WorkbookContents(returnId, period, rows, problems);
    }

    private static List<WorkbookRow> ReadRows(IEnumerable<CellRead> cells, IReadOnlyDictionary<int, WorkbookLine> lines, FigureLimits limits, List<WorkbookProblem> problems)
    {
        var byRow = cells.GroupBy(c => c.Row).OrderBy(g => g.Key).ToList();
        var heading = byRow.FirstOrDefault(g => g.Key == ReturnWorkbookLayout.HeadingRow);

        // Columns are found by their headings, so that the reader does not depend on positions it cannot see.
        var columnOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var cell in heading ?? Enumerable.Empty<CellRead>())
        {
            var column = ReturnWorkbookLayout.Columns.FirstOrDefault(c => string.Equals(c.Heading, cell.Text?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (column is not null)
            {
                columnOf.TryAdd(column.Field, cell.Column);
            }
        }

        var missingColumns = ReturnWorkbookLayout.Columns.Where(c => (c.IsToFill || c.Field == ReturnWorkbookLayout.LineField) && !columnOf.ContainsKey(c.Field)).ToList();
        if (missingColumns.Count > 0)
        {
            problems.Add(new WorkbookProblem(
                $"{ReturnWorkbookLayout.ReturnSheet}!{ReturnWorkbookLayout.HeadingRow.ToString(CultureInfo.InvariantCulture)}",
                string.Empty,
                $"the heading row has no column {string.Join(", ", missingColumns.Select(c => $"'{c.Heading}'"))}: the columns were changed. Download the workbook for this return again and copy your figures into it."));
            return [];
        }

        var fieldAt = columnOf.ToDictionary(p => p.Value, p => ReturnWorkbookLayout.ColumnOf(p.Key)!);
        var rows = new List<WorkbookRow>();
        var seen = new Dictionary<int, int>();
        foreach (var row in byRow.Where(g => g.Key > ReturnWorkbookLayout.HeadingRow))
        {
            var found = new List<WorkbookProblem>();
            var cellAt = row.Where(c => fieldAt.ContainsKey(c.Column)).ToDictionary(c => fieldAt[c.Column].Field);
            var filled = cellAt.Values.Where(c => fieldAt[c.Column].IsToFill && !c.IsEmpty).ToList();
            var keyColumn = ReturnWorkbookLayout.ColumnOf(ReturnWorkbookLayout.LineField)!;
            var keyWhere = Where(columnOf[keyColumn.Field], row.Key);
            cellAt.TryGetValue(ReturnWorkbookLayout.LineField, out var keyCell);
            if (keyCell is null || keyCell.IsEmpty)
            {
                if (filled.Count > 0)
                {
                    problems.Add(new WorkbookProblem(
                        Where(filled[0].Column, row.Key),
                        fieldAt[filled[0].Column].Field,
                        "this row is not one of the return's lines (it has no line key), so its figures cannot be matched to an indicator. Rows cannot be added: enter the figures on the row of their indicator and area."));
                }

                continue;
            }

            if (!int.TryParse(NumberOrText(keyCell), NumberStyles.None, CultureInfo.InvariantCulture, out var lineId) || !lines.TryGetValue(lineId, out var line))
            {
                problems.Add(new WorkbookProblem(keyWhere, keyColumn.Field, $"the line key {Shown(keyCell.Text)} is not a line of this return: the key column (hidden) was changed. Download the workbook for this return again and copy your figures into it."));
                continue;
            }

            if (seen.TryGetValue(lineId, out var firstRow))
            {
                problems.Add(new WorkbookProblem(keyWhere, keyColumn.Field, string.Create(CultureInfo.InvariantCulture, $"this row is a second copy of row {firstRow} ({line.Indicator}, {line.Area}); delete the copy, keeping one row per line.")));
                continue;
            }

            seen.Add(lineId, row.Key);
            if (cellAt.TryGetValue("indicator", out var shownIndicator) && !shownIndicator.IsEmpty && !string.Equals(shownIndicator.Text?.Trim(), line.Indicator, StringComparison.Ordinal))
            {
                found.Add(new WorkbookProblem(
                    Where(shownIndicator.Column, row.Key),
                    "indicator",
                    $"the row shows {Shown(shownIndicator.Text)} but its line key is for {line.Indicator} in {line.Area}: the rows were moved or changed. Download the workbook for this return again and copy your figures into it."));
            }

            var entry = new WorkbookEntry(
                Actual: Figure(cellAt, "actual", line, line.ActualDue, limits, columnOf, row.Key, found),
                ProjectedOutturn: Figure(cellAt, "projected_outturn", line, line.ProjectedOutturnDue, limits, columnOf, row.Key, found),
                Note: Text(cellAt, "note", columnOf, row.Key, found),
                MovementNote: Text(cellAt, "movement_note", columnOf, row.Key, found),
                Reason: Text(cellAt, "exception.reason", columnOf, row.Key, found),
                Plans: Text(cellAt, "exception.plans", columnOf, row.Key, found),
                Timescales: Text(cellAt, "exception.timescales", columnOf, row.Key, found),
                LeadPartners: Text(cellAt, "exception.lead_partners", columnOf, row.Key, found),
                Resources: Text(cellAt, "exception.resources", columnOf, row.Key, found),
                Cause: Cause(cellAt, columnOf, row.Key, found),
                Explanation: Text(cellAt, "exception.explanation", columnOf, row.Key, found),
                Assurance: Text(cellAt, "exception.assurance", columnOf, row.Key, found));
            if (!line.CarriesException)
            {
                // The indicator's exception report is on another of its rows: these cells are locked and point there.
                found.RemoveAll(p => p.Field.StartsWith("exception.", StringComparison.Ordinal));
                foreach (var column in ReturnWorkbookLayout.Columns.Where(c => c.Field.StartsWith("exception.", StringComparison.Ordinal)))
                {
                    if (cellAt.TryGetValue(column.Field, out var cell) && !cell.IsEmpty && !(cell.Text ?? string.Empty).StartsWith("See the row for", StringComparison.Ordinal))
                    {
                        found.Add(new WorkbookProblem(Where(cell.Column, row.Key), column.Field, $"the exception report for {line.Indicator} in {line.Area} goes on its row for {line.ExceptionPeriod}; leave this cell empty."));
                    }
                }

                entry = entry with { Reason = null, Plans = null, Timescales = null, LeadPartners = null, Resources = null, Cause = null, Explanation = null, Assurance = null };
            }

            problems.AddRange(found);
            rows.Add(new WorkbookRow(row.Key, lineId, entry));
        }

        return rows;
    }

    /// <summary>A figure's cell: empty (or N/A) is null; a number as Excel shows it; text that is a number; else a problem.</summary>
    private static decimal? Figure(
        Dictionary<string, CellRead> cells, string field, WorkbookLine line, bool due, FigureLimits limits, Dictionary<string, int> columnOf, int row, List<WorkbookProblem> problems)
    {
        if (!cells.TryGetValue(field, out var cell) || cell.IsEmpty)
        {
            return null;
        }

        var where = Where(columnOf[field], row);
        if (cell.Fault is { } fault)
        {
            problems.Add(new WorkbookProblem(where, field, fault));
            return null;
        }

        var text = cell.Text!.Trim();
        if (NotApplicable.Contains(text, StringComparer.Ordinal))
        {
            return null;
        }

        var what = field == "actual" ? "an actual" : "a projected outturn";
        if (!due)
        {
            problems.Add(new WorkbookProblem(where, field, $"{what} is not due for {line.Indicator} in {line.Area} this quarter ({line.Period}); leave the cell empty."));
            return null;
        }

        var percentUnit = line.Unit is Unit.Percent or Unit.PercentChange;
        decimal value;
        if (cell.IsNumber)
        {
            if (!decimal.TryParse(WorksheetTableSource.NumberText(text), NumberStyles.Float, CultureInfo.InvariantCulture, out value))
            {
                problems.Add(new WorkbookProblem(where, field, $"{text} is too large to be a figure; check the units and the decimal point."));
                return null;
            }

            if (cell.IsPercentStyle)
            {
                if (!percentUnit)
                {
                    problems.Add(new WorkbookProblem(where, field, $"the cell is formatted as a percentage: it shows {FigureRules.Show(value * 100)}% but holds {FigureRules.Show(value)}, and {line.Indicator} is not measured in percentages. Format the cell as a number and type the figure itself."));
                    return null;
                }

                // A percentage typed as one (82.5%) means what it shows.
                value *= 100;
            }
        }
        else
        {
            var number = text;
            if (percentUnit && number.EndsWith('%'))
            {
                number = number[..^1].TrimEnd();
            }

            if (!TryParseTyped(number, out value))
            {
                problems.Add(new WorkbookProblem(where, field, $"{Shown(text)} is not a number. Type the figure as a plain number, such as 12.5, or leave the cell empty for N/A."));
                return null;
            }

            if (FigureRules.Digits(number.Replace(",", "", StringComparison.Ordinal)) is { } tooPrecise)
            {
                problems.Add(new WorkbookProblem(where, field, tooPrecise + "."));
                return null;
            }
        }

        var rules = new List<FieldProblem>();
        FigureRules.CheckFigure(field, new FigureIndicator(line.Indicator, null, line.MinValue, line.MaxValue), value, limits, rules);
        foreach (var rule in rules)
        {
            problems.Add(new WorkbookProblem(where, field, rule.Message + "."));
        }

        return rules.Count == 0 ? value : null;
    }

    /// <summary>A number typed as text: digits with an optional sign and point, and thousands separated by commas only where they group in threes.</summary>
    private static bool TryParseTyped(string text, out decimal value)
    {
        value = 0;
        if (text.Length == 0 || text.Length > 64)
        {
            return false;
        }

        var plain = text;
        if (text.Contains(',', StringComparison.Ordinal))
        {
            // 1,234.5 is a thousand and more; 12,5 (a decimal comma) is refused rather than read as 125.
            if (!System.Text.RegularExpressions.Regex.IsMatch(text, @"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)))
            {
                return false;
            }

            plain = text.Replace(",", "", StringComparison.Ordinal);
        }

        return decimal.TryParse(plain, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    private static string? Text(Dictionary<string, CellRead> cells, string field, Dictionary<string, int> columnOf, int row, List<WorkbookProblem> problems)
    {
        if (!cells.TryGetValue(field, out var cell) || cell.IsEmpty)
        {
            return null;
        }

        var where = Where(columnOf[field], row);
        if (cell.Fault is { } fault)
        {
            problems.Add(new WorkbookProblem(where, field, fault));
            return null;
        }

        var text = (cell.IsNumber ? WorksheetTableSource.NumberText(cell.Text!) : cell.Text!).Trim();
        var length = ReturnWorkbookLayout.ColumnOf(field)!.MaxLength;
        if (length > 0 && text.Length > length)
        {
            problems.Add(new WorkbookProblem(where, field, string.Create(CultureInfo.InvariantCulture, $"the text is {text.Length} characters long; it may have at most {length}.")));
            return null;
        }

        return text.Length == 0 ? null : text;
    }

    private static Domain.Returns.StrongGreenCause? Cause(Dictionary<string, CellRead> cells, Dictionary<string, int> columnOf, int row, List<WorkbookProblem> problems)
    {
        const string Field = ReturnWorkbookLayout.CauseField;
        if (!cells.TryGetValue(Field, out var cell) || cell.IsEmpty)
        {
            return null;
        }

        var where = Where(columnOf[Field], row);
        var text = cell.Fault is null ? cell.Text!.Trim() : string.Empty;
        foreach (var (cause, words) in ReturnWorkbookLayout.Causes)
        {
            if (string.Equals(text, words, StringComparison.OrdinalIgnoreCase) || string.Equals(text, Domain.Codes.Of(cause), StringComparison.OrdinalIgnoreCase))
            {
                return cause;
            }
        }

        problems.Add(new WorkbookProblem(
            where,
            Field,
            cell.Fault ?? $"{Shown(text)} is not one of the causes; choose one from the cell's list: {string.Join("; ", ReturnWorkbookLayout.Causes.Select(c => c.Words))}."));
        return null;
    }

    /// <summary>A cell as read: its text (a number's stored text), whether it was a number and shown as a percentage, or why it cannot be read.</summary>
    private sealed record CellRead(int Row, int Column, string? Text, bool IsNumber, bool IsPercentStyle, string? Fault)
    {
        public bool IsEmpty => Fault is null && string.IsNullOrWhiteSpace(Text);
    }

    private static IEnumerable<CellRead> Cells(WorksheetPart part, IReadOnlyList<string> strings, Import.CellStyles styles)
    {
        var sheetData = part.Worksheet?.GetFirstChild<SheetData>();
        if (sheetData is null)
        {
            yield break;
        }

        var rowNumber = 0;
        foreach (var row in sheetData.Elements<Row>())
        {
            rowNumber = row.RowIndex?.Value is { } index ? (int)index : rowNumber + 1;
            var column = -1;
            foreach (var cell in row.Elements<Cell>())
            {
                column = cell.CellReference?.Value is { } reference && ColumnIndex(reference) is >= 0 and var at ? at : column + 1;
                yield return Read(cell, rowNumber, column, strings, styles);
            }
        }
    }

    /// <summary>One cell by its type (ECMA-376 18.18.11): a formula by its saved result; an error value or a formula never calculated is a fault.</summary>
    private static CellRead Read(Cell cell, int row, int column, IReadOnlyList<string> strings, Import.CellStyles styles)
    {
        var value = cell.CellValue?.Text;
        var style = cell.StyleIndex?.Value.ToString(CultureInfo.InvariantCulture);
        if (cell.CellFormula is not null && value is null && cell.InlineString is null)
        {
            return new CellRead(row, column, null, false, false, "the cell holds a formula with no saved result; type the value itself, or open the workbook in Excel or LibreOffice and save it again.");
        }

        var type = cell.DataType?.Value;
        if (type is null || type == CellValues.Number)
        {
            return new CellRead(row, column, value, value is not null, styles.IsPercent(style), null);
        }

        if (type == CellValues.SharedString)
        {
            return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < strings.Count
                ? new CellRead(row, column, strings[index], false, false, null)
                : new CellRead(row, column, null, false, false, "the cell refers to text the workbook does not hold (it is damaged); type the value again and save the workbook.");
        }

        if (type == CellValues.InlineString)
        {
            return new CellRead(row, column, cell.InlineString is { } inline ? RichText(inline) : value, false, false, null);
        }

        if (type == CellValues.Error)
        {
            return new CellRead(row, column, null, false, false, $"the cell shows the error {value}; type the value itself.");
        }

        if (type == CellValues.Boolean)
        {
            return new CellRead(row, column, null, false, false, $"the cell holds {(value == "1" ? "TRUE" : "FALSE")}, a true-or-false value; type the value itself.");
        }

        if (type == CellValues.Date)
        {
            return new CellRead(row, column, null, false, false, $"the cell holds the date {value}; type the value itself, formatted as a number or text.");
        }

        // A formula's text result (str).
        return new CellRead(row, column, value, false, false, null);
    }

    /// <summary>The text of an inline string or shared string item: its plain text, or its runs joined (phonetic hints left out).</summary>
    private static string RichText(OpenXmlElement item)
    {
        var text = new StringBuilder();
        foreach (var child in item.ChildElements)
        {
            switch (child)
            {
                case Text t:
                    text.Append(t.Text);
                    break;
                case Run run:
                    text.Append(run.Text?.Text);
                    break;
            }
        }

        return text.ToString();
    }

    private static string NumberOrText(CellRead cell) =>
        (cell.IsNumber ? WorksheetTableSource.NumberText(cell.Text ?? string.Empty) : cell.Text ?? string.Empty).Trim();

    private static WorksheetPart? SheetPart(WorkbookPart workbook, List<Sheet> sheets, string name)
    {
        var sheet = sheets.FirstOrDefault(s => string.Equals(s.Name?.Value?.Trim(), name, StringComparison.OrdinalIgnoreCase));
        return sheet?.Id?.Value is { } id && workbook.TryGetPartById(id, out var part) ? part as WorksheetPart : null;
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
            if (++letters > 3)
            {
                return -1;
            }
        }

        return letters == 0 ? -1 : column - 1;
    }

    private static string Where(int column, int row) =>
        string.Create(CultureInfo.InvariantCulture, $"{ReturnWorkbookLayout.ReturnSheet}!{ReturnWorkbookLayout.ColumnLetter(column)}{row}");

    private static string Shown(string? text)
    {
        var trimmed = (text ?? string.Empty).Trim();
        return trimmed.Length > 40 ? $"'{trimmed[..40]}…'" : $"'{trimmed}'";
    }

    private static WorkbookContents Failed(WorkbookProblem problem) => new(null, null, [], [problem]);

    /// <summary>The faults of a damaged package, as the import's reader takes them (see <c>BundleReader.IsDamage</c>).</summary>
    private static bool IsDamage(Exception e) =>
        e is OpenXmlPackageException or FileFormatException or InvalidDataException or IOException
            or XmlException or InvalidOperationException or NotSupportedException or ArgumentException or FormatException or OverflowException;
}
