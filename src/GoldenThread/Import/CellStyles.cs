using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace GoldenThread.Import;

/// <summary>
/// Which of a workbook's cell styles (the <c>s</c> attribute of a cell, an index into the stylesheet's cellXfs)
/// show a number as a percentage: 0.82 stored, 82% seen. The other number formats show what is stored.
/// </summary>
internal sealed class CellStyles
{
    // ECMA-376 18.8.30: the built-in number formats 9 (0%) and 10 (0.00%).
    private const uint BuiltInPercent = 9;
    private const uint BuiltInPercentDecimals = 10;

    private readonly bool[] _percent;

    private CellStyles(bool[] percent) => _percent = percent;

    /// <summary>A workbook with no stylesheet: every cell in the General format.</summary>
    public static CellStyles None { get; } = new([]);

    public static CellStyles Read(WorkbookPart workbook)
    {
        var stylesheet = workbook.WorkbookStylesPart?.Stylesheet;
        if (stylesheet?.CellFormats is not { } formats)
        {
            return None;
        }

        var customPercent = new HashSet<uint>();
        foreach (var format in stylesheet.NumberingFormats?.Elements<NumberingFormat>() ?? [])
        {
            if (format.NumberFormatId?.Value is { } id && IsPercentFormat(format.FormatCode?.Value))
            {
                customPercent.Add(id);
            }
        }

        var percent = formats.Elements<CellFormat>()
            .Select(f => f.NumberFormatId?.Value is { } id && (id is BuiltInPercent or BuiltInPercentDecimals || customPercent.Contains(id)))
            .ToArray();
        return new CellStyles(percent);
    }

    /// <summary>Whether the cell style (the text of a cell's <c>s</c> attribute) shows numbers as percentages.</summary>
    public bool IsPercent(string? style) =>
        style is not null
        && int.TryParse(style, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
        && index < _percent.Length
        && _percent[index];

    /// <summary>Whether a number format code multiplies by 100: a % outside quoted text, escapes and [brackets].</summary>
    internal static bool IsPercentFormat(string? code)
    {
        if (code is null)
        {
            return false;
        }

        for (var i = 0; i < code.Length; i++)
        {
            switch (code[i])
            {
                case '"':
                    var close = code.IndexOf('"', i + 1);
                    i = close < 0 ? code.Length : close;
                    break;
                case '[':
                    var end = code.IndexOf(']', i + 1);
                    i = end < 0 ? code.Length : end;
                    break;
                case '\\' or '_' or '*':
                    // The next character is shown (or padded) literally.
                    i++;
                    break;
                case '%':
                    return true;
            }
        }

        return false;
    }
}
