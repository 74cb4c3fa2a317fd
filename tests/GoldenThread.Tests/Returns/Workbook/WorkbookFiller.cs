using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GoldenThread.Returns.Workbook;

namespace GoldenThread.Tests.Returns.Workbook;

/// <summary>
/// Fills in a downloaded return workbook as a person would in a spreadsheet program, through the Open XML SDK: numbers,
/// text kept in the shared string table (as Excel saves it) or inline (as some writers do), numbers typed as text,
/// formulas with or without their saved result, error values, a percentage format.
/// </summary>
internal sealed class WorkbookFiller : IDisposable
{
    private readonly MemoryStream _stream;
    private readonly SpreadsheetDocument _document;
    private readonly WorksheetPart _sheet;

    public WorkbookFiller(byte[] workbook, string sheet = ReturnWorkbookLayout.ReturnSheet)
    {
        _stream = new MemoryStream();
        _stream.Write(workbook);
        _stream.Position = 0;
        _document = SpreadsheetDocument.Open(_stream, true);
        var part = _document.WorkbookPart!;
        var id = part.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheet).Id!.Value!;
        _sheet = (WorksheetPart)part.GetPartById(id);
    }

    /// <summary>The cell of a field on a sheet row, such as <c>K2</c>.</summary>
    public static string CellOf(string field, int row) => ReturnWorkbookLayout.ColumnOf(field)!.Letter + row;

    public WorkbookFiller Number(string reference, string value) => Set(reference, c =>
    {
        c.DataType = null;
        c.CellValue = new CellValue(value);
    });

    public WorkbookFiller SharedText(string reference, string text)
    {
        var part = _document.WorkbookPart!.SharedStringTablePart ?? _document.WorkbookPart.AddNewPart<SharedStringTablePart>();
        part.SharedStringTable ??= new SharedStringTable();
        part.SharedStringTable.Append(new SharedStringItem(new Text(text)));
        var index = part.SharedStringTable.Elements<SharedStringItem>().Count() - 1;
        return Set(reference, c =>
        {
            c.DataType = CellValues.SharedString;
            c.CellValue = new CellValue(index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        });
    }

    public WorkbookFiller InlineText(string reference, string text) => Set(reference, c =>
    {
        c.DataType = CellValues.InlineString;
        c.InlineString = new InlineString(new Text(text));
    });

    public WorkbookFiller Formula(string reference, string formula, string? cachedNumber) => Set(reference, c =>
    {
        c.DataType = null;
        c.CellFormula = new CellFormula(formula);
        c.CellValue = cachedNumber is null ? null : new CellValue(cachedNumber);
    });

    public WorkbookFiller Error(string reference, string error) => Set(reference, c =>
    {
        c.DataType = CellValues.Error;
        c.CellValue = new CellValue(error);
    });

    public WorkbookFiller Empty(string reference) => Set(reference, c =>
    {
        c.DataType = null;
        c.CellValue = null;
    });

    /// <summary>A number shown as a percentage (built-in format 0.0%, added to the stylesheet), as typing 82.5% in Excel makes it.</summary>
    public WorkbookFiller Percent(string reference, string stored)
    {
        var formats = _document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.CellFormats!;
        formats.Append(new CellFormat(new Protection { Locked = false }) { NumberFormatId = 10, ApplyNumberFormat = true, ApplyProtection = true });
        var style = (uint)formats.Elements<CellFormat>().Count() - 1;
        formats.Count = style + 1;
        return Set(reference, c =>
        {
            c.DataType = null;
            c.StyleIndex = style;
            c.CellValue = new CellValue(stored);
        });
    }

    /// <summary>
    /// Turns every shared-string cell of every sheet into an inline string and removes the shared string table, as some
    /// writers save a workbook (no sharedStrings.xml at all).
    /// </summary>
    public WorkbookFiller InlineEveryText()
    {
        var workbook = _document.WorkbookPart!;
        var strings = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        foreach (var part in workbook.WorksheetParts)
        {
            foreach (var cell in part.Worksheet.Descendants<Cell>().Where(c => c.DataType?.Value == CellValues.SharedString).ToList())
            {
                var text = strings[int.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)];
                cell.CellValue = null;
                cell.DataType = CellValues.InlineString;
                cell.InlineString = new InlineString(new Text(text) { Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve });
            }
        }

        if (workbook.SharedStringTablePart is { } table)
        {
            workbook.DeletePart(table);
        }

        return this;
    }

    /// <summary>Saves and returns the workbook's bytes.</summary>
    public byte[] Save()
    {
        _document.Dispose();
        return _stream.ToArray();
    }

    public void Dispose()
    {
        _document.Dispose();
        _stream.Dispose();
    }

    private WorkbookFiller Set(string reference, Action<Cell> change)
    {
        var cell = _sheet.Worksheet.Descendants<Cell>().SingleOrDefault(c => c.CellReference == reference);
        if (cell is null)
        {
            var rowNumber = uint.Parse(new string(reference.SkipWhile(char.IsLetter).ToArray()), System.Globalization.CultureInfo.InvariantCulture);
            var sheetData = _sheet.Worksheet.GetFirstChild<SheetData>()!;
            var row = sheetData.Elements<Row>().SingleOrDefault(r => r.RowIndex! == rowNumber);
            if (row is null)
            {
                row = new Row { RowIndex = rowNumber };
                sheetData.Append(row);
            }

            cell = new Cell { CellReference = reference };
            var after = row.Elements<Cell>().LastOrDefault(c => Column(c.CellReference!) < Column(reference));
            if (after is null)
            {
                row.PrependChild(cell);
            }
            else
            {
                after.InsertAfterSelf(cell);
            }
        }

        cell.InlineString = null;
        cell.CellFormula = null;
        change(cell);
        return this;
    }

    private static int Column(string reference) =>
        reference.TakeWhile(char.IsLetter).Aggregate(0, (n, c) => (n * 26) + (c - 'A' + 1));
}
