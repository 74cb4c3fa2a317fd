using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace GoldenThread.Tests.Import;

/// <summary>
/// Writes .xlsx workbooks whose parts hold exactly the XML (or bytes) a test gives, through the Open XML SDK: for
/// cells no tidy writer makes (styles, formulas, a reference twice) and for damaged parts.
/// </summary>
internal static class RawWorkbook
{
    /// <summary>The cell style (<c>s</c>) of a number shown as a whole percentage (built-in format 9, <c>0%</c>).</summary>
    public const int Percent = 1;

    /// <summary>The cell style of a number shown with a custom percentage format, <c>0.0"pts"%</c>.</summary>
    public const int CustomPercent = 2;

    /// <summary>The cell style of a number with a custom format that is not a percentage, <c>"%"0</c> (a literal %).</summary>
    public const int LiteralPercentSign = 3;

    public const string MainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>A whole worksheet part around the given rows.</summary>
    public static string Sheet(string rows) =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{MainNamespace}\"><sheetData>{rows}</sheetData></worksheet>";

    /// <summary>An inline text cell.</summary>
    public static string Text(string reference, string text) =>
        $"<c r=\"{reference}\" t=\"inlineStr\"><is><t>{System.Security.SecurityElement.Escape(text)}</t></is></c>";

    /// <summary>A number cell, with a cell style or none.</summary>
    public static string Number(string reference, string value, int? style = null) =>
        style is null ? $"<c r=\"{reference}\"><v>{value}</v></c>" : $"<c r=\"{reference}\" s=\"{style}\"><v>{value}</v></c>";

    /// <summary>A row of inline text cells from column A.</summary>
    public static string TextRow(int number, params string[] texts) =>
        $"<row r=\"{number}\">{string.Concat(texts.Select((t, i) => Text($"{(char)('A' + i)}{number}", t)))}</row>";

    /// <summary>Writes the sheets (name and the bytes of the part) with a stylesheet and, when given, a shared string part.</summary>
    public static WrittenWorkbook Write(string path, byte[]? sharedStrings, params (string Name, byte[] Part)[] sheets)
    {
        using var document = SpreadsheetDocument.Create(path, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(
            new NumberingFormats(
                new NumberingFormat { NumberFormatId = 164, FormatCode = "0.0\"pts\"%" },
                new NumberingFormat { NumberFormatId = 165, FormatCode = "\"%\"0" }),
            new Fonts(new Font()),
            new Fills(new Fill()),
            new Borders(new Border()),
            new CellFormats(
                new CellFormat { NumberFormatId = 0 },
                new CellFormat { NumberFormatId = 9, ApplyNumberFormat = true },
                new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
                new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true }));
        string? sharedName = null;
        if (sharedStrings is not null)
        {
            var shared = workbook.AddNewPart<SharedStringTablePart>();
            using (var stream = new MemoryStream(sharedStrings))
            {
                shared.FeedData(stream);
            }

            sharedName = shared.Uri.OriginalString.TrimStart('/');
        }

        var sheetList = new Sheets();
        var partNames = new List<string>();
        uint sheetId = 1;
        foreach (var (name, bytes) in sheets)
        {
            var part = workbook.AddNewPart<WorksheetPart>();
            using (var stream = new MemoryStream(bytes))
            {
                part.FeedData(stream);
            }

            partNames.Add(part.Uri.OriginalString.TrimStart('/'));
            sheetList.Append(new Sheet { Name = name, SheetId = sheetId++, Id = workbook.GetIdOfPart(part) });
        }

        workbook.Workbook.Append(sheetList);
        return new WrittenWorkbook(path, partNames, sharedName);
    }

    public static WrittenWorkbook Write(string path, params (string Name, string Xml)[] sheets) =>
        Write(path, null, sheets.Select(s => (s.Name, Encoding.UTF8.GetBytes(s.Xml))).ToArray());
}

/// <summary>A workbook written by <see cref="RawWorkbook"/>: its path and the names of its parts inside the package.</summary>
internal sealed record WrittenWorkbook(string Path, IReadOnlyList<string> SheetParts, string? SharedStringsPart);
