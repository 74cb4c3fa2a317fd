using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Returns;
using GoldenThread.Returns.Workbook;

namespace GoldenThread.Tests.Returns.Workbook;

/// <summary>
/// The data collection workbook on its own, with no database: what it is made of (protection, validation, the key),
/// and how each kind of cell a spreadsheet program may save is read back, with a problem naming every bad cell.
/// </summary>
public sealed class ReturnWorkbookTests
{
    internal static readonly WorkbookReturn Sample = new(
        ReturnId: 42,
        Period: "2009-10-Q3",
        Assignee: "Sam Lead",
        Organisation: "Hartmere Police",
        Deadline: new DateOnly(2010, 1, 22),
        UploadAddress: "https://goldenthread.example/returns/42/workbook",
        MadeAt: new DateTimeOffset(2010, 1, 5, 9, 30, 0, TimeSpan.Zero),
        Lines:
        [
            new(101, "NI 15", "Serious violent crime", "Hartmere", "2009-10-Q3", true, true, Unit.Rate, 0, null, "Offences per 1,000 population.", ["2009-10-Q2: actual 0.5, projected outturn 1.1"], ["2009-10: 1.2"], new WorkbookEntry()),
            new(102, "NI 117", "16 to 18 year olds not in education, employment or training", "Hartmere", "2009-10-Q3", true, true, Unit.Percent, 0, 100, null, [], [], new WorkbookEntry(Actual: 6.2m, Note: "Drafted")),
            new(103, "LAA 4", "Homes built", "Hartmere", "2009-10", false, true, Unit.Number, null, null, "New homes completed.", [], ["2009-10: 400"], new WorkbookEntry(Cause: StrongGreenCause.FrontLoading)),
        ]);

    internal static readonly IReadOnlyDictionary<int, WorkbookLine> SampleLines = Sample.Lines.ToDictionary(l => l.LineId);

    internal static byte[] Make(WorkbookReturn? data = null)
    {
        using var stream = new MemoryStream();
        ReturnWorkbook.Write(data ?? Sample, FigureLimits.Default, stream);
        return stream.ToArray();
    }

    internal static WorkbookContents ReadBack(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return ReturnWorkbookReader.Read(stream, SampleLines, FigureLimits.Default);
    }

    private static string Cell(string field, int row) => WorkbookFiller.CellOf(field, row);

    [Fact]
    public void Written_ReadsBackAsTheDrafts_WithTheReturnItBelongsTo()
    {
        var contents = ReadBack(Make());

        Assert.Empty(contents.Problems);
        Assert.Equal(42, contents.ReturnId);
        Assert.Equal("2009-10-Q3", contents.Period);
        Assert.Equal([101, 102, 103], contents.Rows.Select(r => r.LineId));
        Assert.Equal([2, 3, 4], contents.Rows.Select(r => r.Row));
        Assert.Equal(new WorkbookEntry(), contents.Rows[0].Entry);
        Assert.Equal(new WorkbookEntry(Actual: 6.2m, Note: "Drafted"), contents.Rows[1].Entry);
        Assert.Equal(StrongGreenCause.FrontLoading, contents.Rows[2].Entry.Cause);
    }

    [Fact]
    public void Written_HasProtectedSheets_WithOnlyTheCellsToFillUnlocked()
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(Make()), false);
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
        var formats = workbook.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        var returnSheet = (WorksheetPart)workbook.GetPartById(sheets.Single(s => s.Name == "Return").Id!);
        bool Unlocked(Cell c) => formats[(int)(c.StyleIndex?.Value ?? 0)].Protection?.Locked?.Value == false;

        Assert.Equal(["Instructions", "Return", "Key"], sheets.Select(s => s.Name!.Value));
        Assert.Equal(SheetStateValues.VeryHidden, sheets[2].State!.Value);
        foreach (var sheet in sheets)
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            Assert.True(part.Worksheet.GetFirstChild<SheetProtection>()?.Sheet?.Value, $"{sheet.Name} is protected");
        }

        var unlocked = returnSheet.Worksheet.Descendants<Cell>().Where(Unlocked).Select(c => c.CellReference!.Value!).ToHashSet();
        var toFill = ReturnWorkbookLayout.Columns.Where(c => c.IsToFill).ToList();
        foreach (var row in new[] { 2, 3, 4 })
        {
            foreach (var column in ReturnWorkbookLayout.Columns)
            {
                var due = !(row == 4 && column.Field == "actual");
                Assert.True(unlocked.Contains(column.Letter + row) == (column.IsToFill && due), $"{column.Letter}{row} ({column.Field})");
            }
        }

        Assert.Equal(toFill.Count * 3 - 1, unlocked.Count);
        var key = returnSheet.Worksheet.GetFirstChild<Columns>()!.Elements<Column>().First();
        Assert.True(key.Hidden?.Value, "the line key column is hidden");
    }

    [Fact]
    public void Written_ValidatesTheCellsToFill_FiguresWithinTheIndicatorsRange()
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(Make()), false);
        var workbook = document.WorkbookPart!;
        var sheet = (WorksheetPart)workbook.GetPartById(workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == "Return").Id!);
        var validations = sheet.Worksheet.Descendants<DataValidation>().ToDictionary(v => v.SequenceOfReferences!.InnerText!);

        var ni117Actual = validations[Cell("actual", 3)];
        Assert.Equal(DataValidationValues.Decimal, ni117Actual.Type!.Value);
        Assert.Equal(("0", "100"), (ni117Actual.Formula1!.Text, ni117Actual.Formula2!.Text));
        var ni15Outturn = validations[Cell("projected_outturn", 2)];
        Assert.Equal(("0", "1000000000000"), (ni15Outturn.Formula1!.Text, ni15Outturn.Formula2!.Text));
        Assert.False(validations.ContainsKey(Cell("actual", 4)), "no actual is due for an annual indicator in Q3");

        var cause = validations[$"{Cell("exception.cause", 2)}:{Cell("exception.cause", 4)}"];
        Assert.Equal(DataValidationValues.List, cause.Type!.Value);
        Assert.Contains("A flaw in target setting", cause.Formula1!.Text, StringComparison.Ordinal);
        var note = validations[$"{Cell("note", 2)}:{Cell("note", 4)}"];
        Assert.Equal(DataValidationValues.TextLength, note.Type!.Value);
        Assert.Equal("4000", note.Formula1!.Text);
    }

    [Fact]
    public void Written_InstructionsSayTheDeadlineAndWhereToUpload()
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(Make()), false);
        var strings = document.WorkbookPart!.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList();

        Assert.Contains(strings, s => s.Contains("Friday 22 January 2010", StringComparison.Ordinal));
        Assert.Contains(strings, s => s.Contains("https://goldenthread.example/returns/42/workbook", StringComparison.Ordinal));
        Assert.Contains(strings, s => s.Contains("Offences per 1,000 population.", StringComparison.Ordinal));
        Assert.Contains("2009-10-Q2: actual 0.5, projected outturn 1.1", strings);
    }

    [Fact]
    public void Read_TakesEveryKindOfCellAProgramSaves()
    {
        using var filler = new WorkbookFiller(Make());
        var bytes = filler
            .SharedText(Cell("actual", 2), " 1,234.5 ")                 // a number typed as text, thousands separated
            .Formula(Cell("projected_outturn", 2), "K2*2", "2469")        // a formula's saved result
            .InlineText(Cell("note", 2), "Inline commentary")             // an inline string
            .Percent(Cell("actual", 3), "0.825")                          // 82.5% typed in a percentage indicator
            .SharedText(Cell("projected_outturn", 3), "N/A")              // N/A typed
            .Empty(Cell("note", 3))                                       // the draft note cleared
            .Number(Cell("projected_outturn", 4), "0.30000000000000004")  // binary noise Excel hides
            .SharedText(Cell("exception.cause", 4), "Other (explain)")
            .Number(Cell("exception.explanation", 4), "42")               // a number in a text cell
            .Save();

        var contents = ReadBack(bytes);

        Assert.Empty(contents.Problems);
        Assert.Equal(new WorkbookEntry(Actual: 1234.5m, ProjectedOutturn: 2469m, Note: "Inline commentary"), contents.Rows[0].Entry);
        Assert.Equal(new WorkbookEntry(Actual: 82.5m), contents.Rows[1].Entry);
        Assert.Equal(new WorkbookEntry(ProjectedOutturn: 0.3m, Cause: StrongGreenCause.Other, Explanation: "42"), contents.Rows[2].Entry);
    }

    [Fact]
    public void Read_AWorkbookWithNoSharedStrings_AllInline()
    {
        using var filler = new WorkbookFiller(Make());
        var bytes = filler
            .InlineText(Cell("actual", 2), "12.5")
            .InlineText(Cell("exception.cause", 2), "a flaw in target setting")
            .InlineEveryText()
            .Save();
        using (var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false))
        {
            Assert.Null(document.WorkbookPart!.SharedStringTablePart);
        }

        var contents = ReadBack(bytes);

        Assert.Empty(contents.Problems);
        Assert.Equal(42, contents.ReturnId);
        Assert.Equal(new WorkbookEntry(Actual: 12.5m, Cause: StrongGreenCause.TargetSetting), contents.Rows[0].Entry);
        Assert.Equal("Drafted", contents.Rows[1].Entry.Note);
    }

    [Fact]
    public void Read_ReportsEveryBadCell_ByItsSheetRowAndColumn()
    {
        using var filler = new WorkbookFiller(Make());
        var bytes = filler
            .SharedText(Cell("actual", 2), "about 12")
            .Number(Cell("projected_outturn", 2), "-3")
            .Number(Cell("actual", 3), "101")
            .Error(Cell("projected_outturn", 3), "#DIV/0!")
            .Formula(Cell("note", 3), "A1", null)
            .Number(Cell("actual", 4), "5")
            .SharedText(Cell("exception.cause", 4), "Luck")
            .SharedText(Cell("exception.reason", 4), new string('x', 4001))
            .SharedText(Cell("actual", 5), "7")
            .Save();

        var problems = ReadBack(bytes).Problems.Select(p => p.ToString()).ToList();

        Assert.Equal(9, problems.Count);
        Assert.Contains("Return!K2: actual: 'about 12' is not a number. Type the figure as a plain number, such as 12.5, or leave the cell empty for N/A.", problems);
        Assert.Contains("Return!L2: projected_outturn: -3 is below NI 15's min_value of 0.", problems);
        Assert.Contains("Return!K3: actual: 101 is outside NI 117's range of 0 to 100.", problems);
        Assert.Contains("Return!L3: projected_outturn: the cell shows the error #DIV/0!; type the value itself.", problems);
        Assert.Contains(problems, p => p.StartsWith("Return!M3: note: the cell holds a formula with no saved result", StringComparison.Ordinal));
        Assert.Contains("Return!K4: actual: an actual is not due for LAA 4 in Hartmere this quarter (2009-10); leave the cell empty.", problems);
        Assert.Contains(problems, p => p.StartsWith("Return!T4: exception.cause: 'Luck' is not one of the causes", StringComparison.Ordinal));
        Assert.Contains("Return!O4: exception.reason: the text is 4001 characters long; it may have at most 4000.", problems);
        Assert.Contains(problems, p => p.StartsWith("Return!K5: actual: this row is not one of the return's lines", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_RefusesAChangedLineKey()
    {
        using var filler = new WorkbookFiller(Make());
        var bytes = filler.Number("A3", "999").Number("A4", "101").Save();

        var problems = ReadBack(bytes).Problems.Select(p => p.ToString()).ToList();

        Assert.Equal(2, problems.Count);
        Assert.StartsWith("Return!A3: line: the line key '999' is not a line of this return", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("Return!A4: line: this row is a second copy of row 2 (NI 15, Hartmere)", problems[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a zip at all")]
    [InlineData("PK\u0003\u0004 truncated")]
    public void Read_ADamagedFile_IsOneClearProblem(string content)
    {
        var contents = ReadBack(System.Text.Encoding.ASCII.GetBytes(content));

        var problem = Assert.Single(contents.Problems);
        Assert.Equal(ReturnWorkbookReader.FileWhere, problem.Where);
        Assert.Contains("cannot be read as an Excel workbook (.xlsx)", problem.Message, StringComparison.Ordinal);
        Assert.Null(contents.ReturnId);
    }

    [Fact]
    public void Read_AWorkbookWithoutTheKey_IsNotAReturnWorkbook()
    {
        var bytes = Make();
        using (var stream = new MemoryStream())
        {
            stream.Write(bytes);
            using (var document = SpreadsheetDocument.Open(stream, true))
            {
                var sheet = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == ReturnWorkbookLayout.KeySheet);
                sheet.Name = "Renamed";
            }

            bytes = stream.ToArray();
        }

        var problem = Assert.Single(ReadBack(bytes).Problems);
        Assert.Contains("is not a GoldenThread return workbook: it has no sheet named 'Key'", problem.Message, StringComparison.Ordinal);
    }
}

/// <summary>A workbook filled in and saved again by LibreOffice Calc, whose files differ from Excel's, reads back the same.</summary>
public sealed class LibreOfficeWorkbookTests
{
    private static string Cell(string field, int row) => WorkbookFiller.CellOf(field, row);

    [Fact]
    public async Task SavedByLibreOffice_ReadsBackWhatWasFilledIn_ProtectionAndKeyKept()
    {
        using var filler = new WorkbookFiller(ReturnWorkbookTests.Make());
        var filled = filler
            .Number(Cell("actual", 2), "0.61")
            .SharedText(Cell("projected_outturn", 2), "1.05")
            .InlineText(Cell("note", 2), "Two incidents reclassified")
            .Number(Cell("actual", 3), "7.25")
            .SharedText(Cell("exception.cause", 4), "A course of targeted activity")
            .SharedText(Cell("exception.explanation", 4), "Extra site visits")
            .Save();

        var saved = await LibreOffice.ResaveAsync(filled);
        var contents = ReturnWorkbookTests.ReadBack(saved);

        Assert.NotEqual(filled, saved);
        Assert.Empty(contents.Problems);
        Assert.Equal(42, contents.ReturnId);
        Assert.Equal(new WorkbookEntry(Actual: 0.61m, ProjectedOutturn: 1.05m, Note: "Two incidents reclassified"), contents.Rows[0].Entry);
        Assert.Equal(new WorkbookEntry(Actual: 7.25m, Note: "Drafted"), contents.Rows[1].Entry);
        Assert.Equal(new WorkbookEntry(Cause: StrongGreenCause.TargetedActivity, Explanation: "Extra site visits"), contents.Rows[2].Entry);

        using var document = SpreadsheetDocument.Open(new MemoryStream(saved), false);
        var workbook = document.WorkbookPart!;
        var returnSheet = (WorksheetPart)workbook.GetPartById(workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == "Return").Id!);
        Assert.True(returnSheet.Worksheet.GetFirstChild<SheetProtection>()?.Sheet?.Value, "LibreOffice keeps the return sheet protected");
        Assert.NotEmpty(returnSheet.Worksheet.Descendants<DataValidation>());
    }
}
