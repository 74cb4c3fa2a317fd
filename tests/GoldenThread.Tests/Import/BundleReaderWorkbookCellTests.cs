using System.Text;
using GoldenThread.Import;
using static GoldenThread.Tests.Import.RawWorkbook;

namespace GoldenThread.Tests.Import;

/// <summary>
/// Workbook cells read as the person sees them, or refused naming the cell: percentages, codes in number cells,
/// formulas, a reference given twice.
/// </summary>
public sealed class BundleReaderWorkbookCellTests
{
    private const string IndicatorHeader = "code,title,unit,decimals,polarity,frequency,accumulation,amber_tolerance,strong_green_threshold";

    [Fact]
    public void Read_PercentStyledToleranceTypedAs5Percent_Is5()
    {
        using var folder = new TempFolder();
        var workbook = Write(folder.File("bundle.xlsx"), ("indicators", Sheet(
            TextRow(1, IndicatorHeader.Split(',')) +
            $"<row r=\"2\">{Text("A2", "NI 195")}{Text("B2", "Street cleanliness")}{Text("C2", "percent")}{Number("D2", "1")}{Text("E2", "lower")}{Text("F2", "quarterly")}{Text("G2", "snapshot")}{Number("H2", "0.05", Percent)}{Number("I2", "0.125", CustomPercent)}</row>")));

        var indicator = Assert.Single(OutcomeAssert.Succeeded(BundleReader.Read(workbook.Path, new TestCatalogue())).Indicators);

        Assert.Equal((5m, 12.5m), (indicator.AmberTolerance, indicator.StrongGreenThreshold));
    }

    [Fact]
    public void Read_PercentStyledActual_IsRefusedNamingTheCell()
    {
        using var folder = new TempFolder();
        var workbook = Write(folder.File("bundle.xlsx"), ("values", Sheet(
            TextRow(1, "indicator_code", "area_code", "period", "actual") +
            $"<row r=\"2\">{Text("A2", "NI 195")}{Text("B2", "STAFFS")}{Text("C2", "2008-09-Q1")}{Number("D2", "0.82", Percent)}</row>")));

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(workbook.Path, Bundles.Stored()), "values!2", "actual");

        Assert.Equal("cell D2 is formatted as a percentage: it shows 82% but holds 0.82; format the cell as a number and type 82 (the indicator's unit says what the figure measures)", message);
    }

    [Fact]
    public void Read_NumberWithALiteralPercentSignInItsFormat_IsNotAPercentage()
    {
        using var folder = new TempFolder();
        var workbook = Write(folder.File("bundle.xlsx"), ("values", Sheet(
            TextRow(1, "indicator_code", "area_code", "period", "actual") +
            $"<row r=\"2\">{Text("A2", "NI 195")}{Text("B2", "STAFFS")}{Text("C2", "2008-09-Q1")}{Number("D2", "82", LiteralPercentSign)}</row>")));

        var value = Assert.Single(OutcomeAssert.Succeeded(BundleReader.Read(workbook.Path, Bundles.Stored())).Values);

        Assert.Equal(82m, value.Actual);
    }

    [Fact]
    public void Read_PercentStyledNote_IsTheTextShown()
    {
        using var folder = new TempFolder();
        var workbook = Write(folder.File("bundle.xlsx"), ("values", Sheet(
            TextRow(1, "indicator_code", "area_code", "period", "actual", "note") +
            $"<row r=\"2\">{Text("A2", "NI 195")}{Text("B2", "STAFFS")}{Text("C2", "2008-09-Q1")}{Number("D2", "82")}{Number("E2", "0.82", Percent)}</row>")));

        var value = Assert.Single(OutcomeAssert.Succeeded(BundleReader.Read(workbook.Path, Bundles.Stored())).Values);

        Assert.Equal("82%", value.Note);
    }

    [Theory]
    [InlineData("7", "7")]
    [InlineData("1000", "1000")]
    [InlineData("1E3", "1000")]
    public void Read_CodeInANumberCell_IsRefusedNamingTheCell(string stored, string shown)
    {
        using var folder = new TempFolder();
        var workbook = Write(folder.File("bundle.xlsx"), ("areas", Sheet(
            TextRow(1, "code", "name") +
            $"<row r=\"2\">{Number("A2", stored)}{Text("B2", "Area seven")}</row>")));

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(workbook.Path, new TestCatalogue()), "areas!2", "code");

        Assert.StartsWith($"cell A2 holds the number {shown}, not text; a spreadsheet drops a code's leading zeros", message, StringComparison.Ordinal);
        Assert.EndsWith("format the column as Text and type the codes again", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CodeWithLeadingZerosInATextCell_IsKeptAsTyped()
    {
        using var folder = new TempFolder();
        var workbook = Write(folder.File("bundle.xlsx"), ("areas", Sheet(TextRow(1, "code", "name") + TextRow(2, "007", "Area seven"))));

        var area = Assert.Single(OutcomeAssert.Succeeded(BundleReader.Read(workbook.Path, new TestCatalogue())).Areas);

        Assert.Equal("007", area.Code);
    }

    [Fact]
    public void Read_FormulaInANote_IsRefusedNamingTheCellAndTheFormula()
    {
        using var folder = new TempFolder();
        var workbook = Write(folder.File("bundle.xlsx"), ("values", Sheet(
            TextRow(1, "indicator_code", "area_code", "period", "actual", "note") +
            $"<row r=\"2\">{Text("A2", "NI 195")}{Text("B2", "STAFFS")}{Text("C2", "2008-09-Q1")}{Number("D2", "80")}<c r=\"E2\" t=\"str\"><f>A2&amp;\" \"&amp;B2</f><v>NI 195 STAFFS</v></c></row>")));

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(workbook.Path, Bundles.Stored()), "values!2", "note");

        Assert.Equal("cell E2 holds a formula ('=A2&\" \"&B2'); a note is read as typed, not as a formula's result: type the value itself, or copy the cells and paste them as values", message);
    }

    [Fact]
    public void Read_FormulaInAFigureColumn_IsItsSavedResult()
    {
        using var folder = new TempFolder();
        var workbook = Write(folder.File("bundle.xlsx"), ("values", Sheet(
            TextRow(1, "indicator_code", "area_code", "period", "actual") +
            $"<row r=\"2\">{Text("A2", "NI 195")}{Text("B2", "STAFFS")}{Text("C2", "2008-09-Q1")}<c r=\"D2\"><f>40*2</f><v>80</v></c></row>")));

        var value = Assert.Single(OutcomeAssert.Succeeded(BundleReader.Read(workbook.Path, Bundles.Stored())).Values);

        Assert.Equal(80m, value.Actual);
    }

    [Fact]
    public void Read_FormulaWithNoSavedResult_IsRefusedRatherThanReadAsEmpty()
    {
        using var folder = new TempFolder();
        var workbook = Write(folder.File("bundle.xlsx"), ("values", Sheet(
            TextRow(1, "indicator_code", "area_code", "period", "actual") +
            $"<row r=\"2\">{Text("A2", "NI 195")}{Text("B2", "STAFFS")}{Text("C2", "2008-09-Q1")}<c r=\"D2\"><f>40*2</f></c></row>")));

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(workbook.Path, Bundles.Stored()), "values!2", "actual");

        Assert.StartsWith("cell D2 holds a formula with no saved result", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SecondCellWithTheSameReference_IsRefusedNamingTheCell()
    {
        using var folder = new TempFolder();
        var workbook = Write(folder.File("bundle.xlsx"), ("values", Sheet(
            TextRow(1, "indicator_code", "area_code", "period", "actual") +
            $"<row r=\"2\">{Text("A2", "NI 195")}{Text("B2", "STAFFS")}{Text("C2", "2008-09-Q1")}{Number("D2", "80")}{Number("D2", "90")}</row>")));

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(workbook.Path, Bundles.Stored()), "values!2", "actual");

        Assert.StartsWith("cell D2 appears a second time in the sheet's XML, so one value would silently replace the other", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SecondRowWithTheSameNumber_IsRefusedNamingItsFirstCell()
    {
        using var folder = new TempFolder();
        var workbook = Write(folder.File("bundle.xlsx"), ("values", Sheet(
            TextRow(1, "indicator_code", "area_code", "period", "actual") +
            TextRow(2, "NI 195", "STAFFS", "2008-09-Q1", "80") +
            TextRow(3, "NI 195", "STAFFS", "2008-09-Q2", "81") +
            TextRow(2, "NI 195", "MOORLANDS", "2008-09-Q1", "70"))));

        var message = OutcomeAssert.HasProblem(BundleReader.Read(workbook.Path, Bundles.Stored()), "values!2", "indicator_code");

        Assert.StartsWith("cell A2 is in a row 2 that comes after row 3 in the sheet's XML", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("not XML")]
    [InlineData("wrong encoding")]
    public void Read_DamagedSheet_IsOneProblemNamingThePartAndTheSheet(string damage)
    {
        using var folder = new TempFolder();
        var good = Sheet(TextRow(1, "code", "name") + TextRow(2, "STAFFS", "Staffordshire") + TextRow(3, "MOORLANDS", "Moorlands"));
        var bytes = damage switch
        {
            "truncated" => Encoding.UTF8.GetBytes(good[..(good.Length * 2 / 3)]),
            "not XML" => "code,name\nSTAFFS,Staffordshire\n"u8.ToArray(),
            _ => [.. Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet>"), 0xFF, 0xFE, 0x00],
        };
        var workbook = Write(folder.File("bundle.xlsx"), null, ("areas", Encoding.UTF8.GetBytes(Sheet(TextRow(1, "code", "name")))), ("values", bytes));

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(workbook.Path, Bundles.Stored()), workbook.Path, $"{workbook.SheetParts[1]} (sheet 'values')");

        Assert.StartsWith("the workbook cannot be read: ", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DamagedSharedStrings_IsOneProblemNamingThePart()
    {
        using var folder = new TempFolder();
        var workbook = Write(
            folder.File("bundle.xlsx"),
            Encoding.UTF8.GetBytes($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"{MainNamespace}\"><si><t>code</t></si><si><t>na"),
            ("areas", Encoding.UTF8.GetBytes(Sheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"))));

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(workbook.Path, new TestCatalogue()), workbook.Path, workbook.SharedStringsPart!);

        Assert.StartsWith("the workbook cannot be read: ", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BitFlipsInACompressedSheet_AreOneProblemNamingThePart()
    {
        using var folder = new TempFolder();
        var rows = string.Concat(Enumerable.Range(2, 200).Select(i => TextRow(i, $"AREA{i}", $"Area number {i}")));
        var workbook = Write(folder.File("bundle.xlsx"), ("areas", Sheet(TextRow(1, "code", "name") + rows)));
        CorruptEntry(workbook.Path, workbook.SheetParts[0]);

        var outcome = BundleReader.Read(workbook.Path, new TestCatalogue());

        var problem = Assert.Single(outcome.Problems);
        Assert.Equal((workbook.Path, $"{workbook.SheetParts[0]} (sheet 'areas')"), (problem.Location, problem.Column));
        Assert.StartsWith("the workbook cannot be read: ", problem.Message, StringComparison.Ordinal);
    }

    /// <summary>Flips bits in the middle of a zip entry's compressed data (after its local header), leaving the zip's directory whole.</summary>
    private static void CorruptEntry(string path, string entryName)
    {
        var bytes = File.ReadAllBytes(path);
        var name = Encoding.ASCII.GetBytes(entryName);
        var at = bytes.AsSpan().IndexOf(name);
        Assert.True(at > 0, $"no local header for {entryName}");
        var data = at + name.Length + 8;
        for (var i = 0; i < 40; i += 4)
        {
            bytes[data + 100 + i] ^= 0x5A;
        }

        File.WriteAllBytes(path, bytes);
    }
}
