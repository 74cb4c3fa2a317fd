using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GoldenThread.Domain.Indicators;

namespace GoldenThread.Returns.Workbook;

/// <summary>What the workbook of one return shows: the return, who it is for, its deadline and its lines.</summary>
/// <param name="UploadAddress">Where to upload the filled-in workbook (an absolute address of the site).</param>
public sealed record WorkbookReturn(
    int ReturnId,
    string Period,
    string Assignee,
    string Organisation,
    DateOnly? Deadline,
    string UploadAddress,
    DateTimeOffset MadeAt,
    IReadOnlyList<WorkbookLine> Lines);

/// <summary>
/// One line of a return as the workbook shows it, with the drafts saved so far in the cells to fill. An indicator with
/// several lines in the return (a monthly indicator's months) has one exception report, on the line its status is
/// judged on (<see cref="CarriesException"/>); the others' exception cells are locked and point to
/// <see cref="ExceptionPeriod"/>.
/// </summary>
public sealed record WorkbookLine(
    int LineId,
    string Indicator,
    string Title,
    string Area,
    string Period,
    bool ActualDue,
    bool ProjectedOutturnDue,
    Unit Unit,
    decimal? MinValue,
    decimal? MaxValue,
    string? Definition,
    IReadOnlyList<string> LastValues,
    IReadOnlyList<string> Targets,
    WorkbookEntry Draft,
    bool CarriesException = true,
    string? ExceptionPeriod = null);

/// <summary>The cells to fill of one line: as drafted (written into a workbook) or as read back from an upload.</summary>
public sealed record WorkbookEntry(
    decimal? Actual = null,
    decimal? ProjectedOutturn = null,
    string? Note = null,
    string? MovementNote = null,
    string? Reason = null,
    string? Plans = null,
    string? Timescales = null,
    string? LeadPartners = null,
    string? Resources = null,
    Domain.Returns.StrongGreenCause? Cause = null,
    string? Explanation = null,
    string? Assurance = null)
{
    /// <summary>Whether any exception field is filled in.</summary>
    public bool HasException =>
        Reason is not null || Plans is not null || Timescales is not null || LeadPartners is not null || Resources is not null
        || Cause is not null || Explanation is not null || Assurance is not null;

    /// <summary>The text of a text field by its name (<c>note</c>, <c>exception.plans</c>...).</summary>
    public string? Text(string field) => field switch
    {
        "note" => Note,
        "movement_note" => MovementNote,
        "exception.reason" => Reason,
        "exception.plans" => Plans,
        "exception.timescales" => Timescales,
        "exception.lead_partners" => LeadPartners,
        "exception.resources" => Resources,
        "exception.explanation" => Explanation,
        "exception.assurance" => Assurance,
        _ => null,
    };
}

/// <summary>
/// Writes the data collection workbook of a return (issue 10, item 5) with the Open XML SDK: an instructions sheet, a
/// return sheet with a row per line (what is due, the definition, the last values and the target beside the cells to
/// fill), and a very hidden key sheet naming the return. Both visible sheets are protected with every cell locked but
/// the ones to fill, and those carry data validation (numbers within the indicator's range, the strong green causes as
/// a list, text within its length), so Excel and LibreOffice stop most mistakes as they are typed; the upload checks
/// everything again (<see cref="ReturnWorkbookReader"/>), as it must.
/// </summary>
public static class ReturnWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    // The cell styles (indexes into cellXfs) the stylesheet below defines.
    private const uint HeadingStyle = 1;
    private const uint ShownStyle = 2;
    private const uint FillTextStyle = 3;
    private const uint FillNumberStyle = 4;
    private const uint NotDueStyle = 5;
    private const uint TitleStyle = 6;
    private const uint ParagraphStyle = 7;
    private const uint SubheadingStyle = 8;

    /// <summary>The workbook's file name: <c>return-12-2009-10-Q3.xlsx</c>.</summary>
    public static string FileName(int returnId, string period) =>
        string.Create(CultureInfo.InvariantCulture, $"return-{returnId}-{period}.xlsx");

    /// <summary>Writes the workbook to <paramref name="output"/>.</summary>
    public static void Write(WorkbookReturn data, FigureLimits limits, Stream output)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(output);
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new DocumentFormat.OpenXml.Spreadsheet.Workbook();
        var strings = new SharedStrings();
        workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();

        var instructions = workbook.AddNewPart<WorksheetPart>();
        instructions.Worksheet = InstructionsSheet(data, limits, strings);
        var lines = workbook.AddNewPart<WorksheetPart>();
        lines.Worksheet = ReturnSheet(data, limits, strings);
        var key = workbook.AddNewPart<WorksheetPart>();
        key.Worksheet = KeySheet(data, strings);

        workbook.AddNewPart<SharedStringTablePart>().SharedStringTable = strings.Table;
        workbook.Workbook.Append(
            new BookViews(new WorkbookView { ActiveTab = 1 }),
            new Sheets(
                new Sheet { Name = ReturnWorkbookLayout.InstructionsSheet, SheetId = 1, Id = workbook.GetIdOfPart(instructions) },
                new Sheet { Name = ReturnWorkbookLayout.ReturnSheet, SheetId = 2, Id = workbook.GetIdOfPart(lines) },
                new Sheet { Name = ReturnWorkbookLayout.KeySheet, SheetId = 3, Id = workbook.GetIdOfPart(key), State = SheetStateValues.VeryHidden }));
    }

    private static Worksheet InstructionsSheet(WorkbookReturn data, FigureLimits limits, SharedStrings strings)
    {
        var deadline = data.Deadline is { } due
            ? $"The deadline is {due.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture)}. A return not submitted by then is late."
            : "No deadline has been set in the timetable for this quarter yet; the performance team will tell you when it is.";
        var paragraphs = new List<(string Text, uint Style)>
        {
            ($"Return for {data.Period}: {data.Assignee}, {data.Organisation}", TitleStyle),
            ($"Return {data.ReturnId.ToString(CultureInfo.InvariantCulture)}, workbook made {data.MadeAt.UtcDateTime.ToString("d MMMM yyyy 'at' HH:mm 'UTC'", CultureInfo.InvariantCulture)}.", ParagraphStyle),
            (deadline, ParagraphStyle),
            ("What to fill in", SubheadingStyle),
            ("The Return sheet has a row for each figure due from you this quarter. Fill in the columns whose headings say '(fill in)' and the exception columns a row needs. The other columns are there to help you (the indicator's definition, its last values and its target) and are protected.", ParagraphStyle),
            ("'What is due' says which figures each row asks for. The cells of a figure that is not due are shaded and locked: an annual indicator, for example, asks for a projected outturn every quarter and for its actual once a year.", ParagraphStyle),
            ($"Type each figure as a plain number in the indicator's unit: for a percentage type 82.5, not 0.825 or 82.5%. Leave a cell empty for N/A. A figure must lie within the range in 'Unit and range' (and never beyond {FigureRules.Show(limits.MaximumMagnitude)} either side of zero). Write the commentary that explains the figures in 'Commentary'.", ParagraphStyle),
            ("Exception reports: when the figures make an indicator red or amber against its target, fill in the red or amber columns (the reason for the variance, the plans to reduce it, the timescales, the lead partners and the resources). When performance is well ahead of target (strong green), choose the cause from the list, and explain it when the cause is 'Other'. When there are no figures to assess, give assurance that delivery is taking place. The return cannot be submitted while an exception it needs is incomplete; the return's page on the site shows which each figure needs.", ParagraphStyle),
            ("Unusual movements: a figure far outside the indicator's own history is not refused, but it needs a note confirming it. If the upload warns about a figure, write that note in 'Movement note' and upload again.", ParagraphStyle),
            ("Do not add, delete or move rows, columns or sheets, and do not rename the sheets: the upload matches each row to your return by its hidden line key.", ParagraphStyle),
            ("How to upload", SubheadingStyle),
            ($"Save the workbook as an Excel Workbook (.xlsx), from Excel or LibreOffice, and upload it at {data.UploadAddress}. Choose there whether to submit the return or to save the figures as a draft and submit later.", ParagraphStyle),
            ("The whole workbook is checked as the web form checks a return. If anything is wrong nothing is saved, and the page lists every problem with its cell (for example Return!K7), so you can correct them all and upload the same workbook again.", ParagraphStyle),
            ($"This workbook belongs to return {data.ReturnId.ToString(CultureInfo.InvariantCulture)} ({data.Period}) only: uploaded to any other return it is refused.", ParagraphStyle),
        };

        var sheetData = new SheetData();
        for (var i = 0; i < paragraphs.Count; i++)
        {
            var row = new Row { RowIndex = (uint)(i + 1) };
            row.Append(strings.Cell("A" + (i + 1).ToString(CultureInfo.InvariantCulture), paragraphs[i].Text, paragraphs[i].Style));
            sheetData.Append(row);
        }

        return new Worksheet(
            new Columns(new Column { Min = 1, Max = 1, Width = 110, CustomWidth = true }),
            sheetData,
            Protection());
    }

    private static Worksheet ReturnSheet(WorkbookReturn data, FigureLimits limits, SharedStrings strings)
    {
        var columns = ReturnWorkbookLayout.Columns;
        var sheetData = new SheetData();
        var heading = new Row { RowIndex = ReturnWorkbookLayout.HeadingRow };
        foreach (var column in columns)
        {
            heading.Append(strings.Cell(Reference(column, ReturnWorkbookLayout.HeadingRow), column.Heading, HeadingStyle));
        }

        sheetData.Append(heading);
        var validations = new List<DataValidation>();
        var rowNumber = ReturnWorkbookLayout.FirstLineRow;
        foreach (var line in data.Lines)
        {
            var row = new Row { RowIndex = (uint)rowNumber };
            foreach (var column in columns)
            {
                var reference = Reference(column, rowNumber);
                var cell = column.Field switch
                {
                    ReturnWorkbookLayout.LineField => NumberCell(reference, line.LineId, ShownStyle),
                    "indicator" => strings.Cell(reference, line.Indicator, ShownStyle),
                    "title" => strings.Cell(reference, line.Title, ShownStyle),
                    "area" => strings.Cell(reference, line.Area, ShownStyle),
                    "period" => strings.Cell(reference, line.Period, ShownStyle),
                    "due" => strings.Cell(reference, Due(line), ShownStyle),
                    "unit" => strings.Cell(reference, UnitAndRange(line), ShownStyle),
                    "definition" => strings.Cell(reference, line.Definition ?? "No definition has been recorded.", ShownStyle),
                    "last_values" => strings.Cell(reference, line.LastValues.Count == 0 ? "None yet" : string.Join("\n", line.LastValues), ShownStyle),
                    "target" => strings.Cell(reference, line.Targets.Count == 0 ? "None set" : string.Join("\n", line.Targets), ShownStyle),
                    "actual" => FigureCell(reference, line.ActualDue, line.Draft.Actual),
                    "projected_outturn" => FigureCell(reference, line.ProjectedOutturnDue, line.Draft.ProjectedOutturn),
                    _ when column.Field.StartsWith("exception.", StringComparison.Ordinal) && !line.CarriesException =>
                        strings.Cell(reference, column.Field == "exception.reason" ? $"See the row for {line.ExceptionPeriod}" : null, NotDueStyle),
                    ReturnWorkbookLayout.CauseField => strings.Cell(reference, line.Draft.Cause is { } cause ? ReturnWorkbookLayout.Causes.Single(c => c.Cause == cause).Words : null, FillTextStyle),
                    _ => strings.Cell(reference, line.Draft.Text(column.Field), FillTextStyle),
                };
                row.Append(cell);
            }

            sheetData.Append(row);
            foreach (var (field, due) in new[] { ("actual", line.ActualDue), ("projected_outturn", line.ProjectedOutturnDue) })
            {
                if (due)
                {
                    validations.Add(FigureValidation(Reference(ReturnWorkbookLayout.ColumnOf(field)!, rowNumber), line, limits));
                }
            }

            rowNumber++;
        }

        var last = Math.Max(rowNumber - 1, ReturnWorkbookLayout.FirstLineRow);
        foreach (var column in columns)
        {
            var range = $"{column.Letter}{ReturnWorkbookLayout.FirstLineRow}:{column.Letter}{last}";
            if (column.Kind == WorkbookCellKind.Text)
            {
                validations.Add(TextValidation(range, column));
            }
            else if (column.Kind == WorkbookCellKind.Cause)
            {
                validations.Add(CauseValidation(range));
            }
        }

        var widths = new Columns();
        for (var i = 0; i < columns.Count; i++)
        {
            widths.Append(new Column
            {
                Min = (uint)(i + 1),
                Max = (uint)(i + 1),
                Width = columns[i].Width,
                CustomWidth = true,
                // The key is for the upload, not the reader.
                Hidden = columns[i].Field == ReturnWorkbookLayout.LineField ? true : null,
            });
        }

        // The heading row and the indicator's code stay in view while scrolling.
        var view = new SheetView { WorkbookViewId = 0, TabSelected = true };
        view.Append(new Pane { HorizontalSplit = 2, VerticalSplit = 1, TopLeftCell = "C2", ActivePane = PaneValues.BottomRight, State = PaneStateValues.Frozen });
        var worksheet = new Worksheet(new SheetViews(view), widths, sheetData, Protection());
        if (validations.Count > 0)
        {
            worksheet.Append(new DataValidations(validations) { Count = (uint)validations.Count });
        }

        return worksheet;
    }

    private static Worksheet KeySheet(WorkbookReturn data, SharedStrings strings)
    {
        var rows = new (string Name, OpenXmlElement Value)[]
        {
            ("format", strings.Cell("B1", ReturnWorkbookLayout.Format, 0)),
            ("return", NumberCell("B2", data.ReturnId, 0)),
            ("period", strings.Cell("B3", data.Period, 0)),
            ("assignee", strings.Cell("B4", data.Assignee, 0)),
            ("made", strings.Cell("B5", data.MadeAt.ToString("O", CultureInfo.InvariantCulture), 0)),
        };
        var sheetData = new SheetData();
        for (var i = 0; i < rows.Length; i++)
        {
            var number = (i + 1).ToString(CultureInfo.InvariantCulture);
            sheetData.Append(new Row(strings.Cell("A" + number, rows[i].Name, 0), rows[i].Value) { RowIndex = (uint)(i + 1) });
        }

        return new Worksheet(sheetData, Protection());
    }

    /// <summary>Every cell locked unless its style unlocks it; columns and rows may still be resized to read long text.</summary>
    private static SheetProtection Protection() => new()
    {
        Sheet = true,
        Objects = true,
        Scenarios = true,
        FormatColumns = false,
        FormatRows = false,
    };

    private static string Due(WorkbookLine line) => (line.ActualDue, line.ProjectedOutturnDue) switch
    {
        (true, true) => "Actual and projected outturn",
        (true, false) => "Actual",
        (false, true) => "Projected outturn only (no actual is due this quarter)",
        _ => "Nothing (commentary only)",
    };

    private static string UnitAndRange(WorkbookLine line)
    {
        var unit = UnitWords(line.Unit);
        return (line.MinValue, line.MaxValue) switch
        {
            ({ } min, { } max) => $"{unit}, from {FigureRules.Show(Normalise(min))} to {FigureRules.Show(Normalise(max))}",
            ({ } min, null) => $"{unit}, at least {FigureRules.Show(Normalise(min))}",
            (null, { } max) => $"{unit}, at most {FigureRules.Show(Normalise(max))}",
            _ => unit,
        };
    }

    /// <summary>The unit in words, as the workbook's reader types the figure.</summary>
    public static string UnitWords(Unit unit) => unit switch
    {
        Unit.Percent => "A percentage (type 82.5 for 82.5%)",
        Unit.PercentChange => "A percentage change (type -3.5 for a 3.5% fall)",
        Unit.Number => "A number",
        Unit.Rate => "A rate",
        Unit.Currency => "An amount in pounds",
        Unit.Days => "A number of days",
        Unit.Score => "A score",
        Unit.Ratio => "A ratio",
        _ => unit.ToString(),
    };

    private static Cell FigureCell(string reference, bool due, decimal? draft) =>
        !due
            ? new Cell { CellReference = reference, StyleIndex = NotDueStyle }
            : draft is { } value
                ? new Cell { CellReference = reference, StyleIndex = FillNumberStyle, CellValue = new CellValue(FigureRules.Show(Normalise(value))) }
                : new Cell { CellReference = reference, StyleIndex = FillNumberStyle };

    private static Cell NumberCell(string reference, int value, uint style) =>
        new() { CellReference = reference, StyleIndex = style, CellValue = new CellValue(value.ToString(CultureInfo.InvariantCulture)) };

    private static DataValidation FigureValidation(string reference, WorkbookLine line, FigureLimits limits)
    {
        var min = Normalise(line.MinValue ?? -limits.MaximumMagnitude);
        var max = Normalise(line.MaxValue ?? limits.MaximumMagnitude);
        var range = $"from {FigureRules.Show(min)} to {FigureRules.Show(max)}";
        return new DataValidation
        {
            Type = DataValidationValues.Decimal,
            Operator = DataValidationOperatorValues.Between,
            AllowBlank = true,
            ShowErrorMessage = true,
            ShowInputMessage = true,
            ErrorTitle = "Not a figure in range",
            Error = Clip($"{line.Indicator}: type a number {range}, or leave the cell empty for N/A."),
            PromptTitle = line.Indicator,
            Prompt = Clip($"A number {range}; empty for N/A."),
            SequenceOfReferences = new ListValue<StringValue> { InnerText = reference },
            Formula1 = new Formula1(FigureRules.Show(min)),
            Formula2 = new Formula2(FigureRules.Show(max)),
        };
    }

    private static DataValidation TextValidation(string range, WorkbookColumn column) => new()
    {
        Type = DataValidationValues.TextLength,
        Operator = DataValidationOperatorValues.LessThanOrEqual,
        AllowBlank = true,
        ShowErrorMessage = true,
        ErrorTitle = "Text too long",
        Error = string.Create(CultureInfo.InvariantCulture, $"This text may have at most {column.MaxLength} characters."),
        SequenceOfReferences = new ListValue<StringValue> { InnerText = range },
        Formula1 = new Formula1(column.MaxLength.ToString(CultureInfo.InvariantCulture)),
    };

    private static DataValidation CauseValidation(string range) => new()
    {
        Type = DataValidationValues.List,
        AllowBlank = true,
        ShowErrorMessage = true,
        ShowInputMessage = true,
        ErrorTitle = "Choose from the list",
        Error = "Choose the cause of the strong performance from the list, or leave the cell empty.",
        PromptTitle = "Strong green only",
        Prompt = "Choose the cause when performance is well ahead of target.",
        SequenceOfReferences = new ListValue<StringValue> { InnerText = range },
        Formula1 = new Formula1("\"" + string.Join(",", ReturnWorkbookLayout.Causes.Select(c => c.Words)) + "\""),
    };

    /// <summary>Excel refuses a validation message over 255 characters (and the whole file with it).</summary>
    private static string Clip(string text) => text.Length <= 255 ? text : text[..254] + "…";

    private static string Reference(WorkbookColumn column, int row) =>
        column.Letter + row.ToString(CultureInfo.InvariantCulture);

    /// <summary>12.50 and 12.5 are the same figure; SQLite and PostgreSQL give back different scales.</summary>
    private static decimal Normalise(decimal value) => value / 1.0000000000000000000000000000m;

    private static Stylesheet Styles()
    {
        static Border Thin() => new(
            new LeftBorder { Style = BorderStyleValues.Thin },
            new RightBorder { Style = BorderStyleValues.Thin },
            new TopBorder { Style = BorderStyleValues.Thin },
            new BottomBorder { Style = BorderStyleValues.Thin },
            new DiagonalBorder());
        static Fill Solid(string rgb) => new(new PatternFill(new ForegroundColor { Rgb = rgb }) { PatternType = PatternValues.Solid });
        static Alignment Wrap() => new() { WrapText = true, Vertical = VerticalAlignmentValues.Top };
        static CellFormat Format(uint font, uint fill, uint border, bool locked) =>
            new(Wrap(), new Protection { Locked = locked })
            {
                NumberFormatId = 0,
                FontId = font,
                FillId = fill,
                BorderId = border,
                ApplyFont = true,
                ApplyFill = true,
                ApplyBorder = true,
                ApplyAlignment = true,
                ApplyProtection = true,
            };

        return new Stylesheet(
            new Fonts(
                new Font(new FontSize { Val = 11 }, new FontName { Val = "Arial" }),
                new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Arial" }),
                new Font(new Bold(), new FontSize { Val = 16 }, new FontName { Val = "Arial" }),
                new Font(new Bold(), new FontSize { Val = 13 }, new FontName { Val = "Arial" })) { Count = 4 },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                Solid("FFFFF2CC"),
                Solid("FFD9D9D9"),
                Solid("FFF3F2F1")) { Count = 5 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), Thin()) { Count = 2 },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new CellFormats(
                new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 },
                Format(1, 4, 1, locked: true),   // heading
                Format(0, 0, 1, locked: true),   // shown
                Format(0, 2, 1, locked: false),  // text to fill
                Format(0, 2, 1, locked: false),  // number to fill
                Format(0, 3, 1, locked: true),   // not due
                Format(2, 0, 0, locked: true),   // title
                Format(0, 0, 0, locked: true),   // paragraph
                Format(3, 0, 0, locked: true)) { Count = 9 },  // subheading
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
    }

    /// <summary>The shared string table as it is built: each text once, as Excel writes it.</summary>
    private sealed class SharedStrings
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

        public SharedStringTable Table { get; } = new();

        /// <summary>A text cell (an empty styled cell for null or empty text).</summary>
        public Cell Cell(string reference, string? text, uint style)
        {
            var cell = new Cell { CellReference = reference, StyleIndex = style == 0 ? null : style };
            if (string.IsNullOrEmpty(text))
            {
                return cell;
            }

            if (!_index.TryGetValue(text, out var index))
            {
                index = _index.Count;
                _index.Add(text, index);
                Table.Append(new SharedStringItem(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
            }

            cell.DataType = CellValues.SharedString;
            cell.CellValue = new CellValue(index.ToString(CultureInfo.InvariantCulture));
            return cell;
        }
    }
}
