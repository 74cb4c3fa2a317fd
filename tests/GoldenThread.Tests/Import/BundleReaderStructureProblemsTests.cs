using GoldenThread.Import;

namespace GoldenThread.Tests.Import;

/// <summary>Bundles that are wrong as a whole: the path, the files of the folder, a header, the CSV quoting.</summary>
public sealed class BundleReaderStructureProblemsTests
{
    [Fact]
    public void Read_PathThatDoesNotExist_SaysSo()
    {
        using var folder = new TempFolder();
        var path = folder.File("missing");

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(path, new TestCatalogue()), path, "path");

        Assert.Equal("does not exist; expected a folder of CSV files or an .xlsx workbook", message);
    }

    [Fact]
    public void Read_SingleCsvFile_AsksForItsFolder()
    {
        using var folder = new TempFolder().Csv("values.csv", Bundles.ValuesHeader);

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.File("values.csv"), new TestCatalogue()), folder.File("values.csv"), "path");

        Assert.StartsWith("is a single CSV file; give the folder that holds it", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FileThatIsNeitherFolderNorWorkbook_SaysWhatIsExpected()
    {
        using var folder = new TempFolder().Csv("bundle.txt", "hello");

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.File("bundle.txt"), new TestCatalogue()), folder.File("bundle.txt"), "path");

        Assert.Equal("is neither a folder nor an .xlsx workbook; expected a folder of CSV files or an .xlsx workbook", message);
    }

    [Fact]
    public void Read_FolderWithoutBundleFiles_SaysWhichFilesItShouldHold()
    {
        using var folder = new TempFolder().Csv("readme.txt", "not a bundle file");

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, new TestCatalogue()), folder.Path, "path");

        Assert.Contains("areas.csv, organisations.csv, bodies.csv, indicators.csv, targets.csv or values.csv", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OtherCsvFileInTheFolder_IsAProblemWhileTheRestIsStillChecked()
    {
        using var folder = new TempFolder()
            .Csv("notes.csv", "a,b")
            .Csv("values.csv", Bundles.ValuesHeader, "NI 195,STAFFS,2008-09-Q1,x,,");

        var outcome = BundleReader.Read(folder.Path, Bundles.Stored());

        Assert.Equal(["notes.csv: file", "values.csv:2: actual"], outcome.Problems.Select(p => $"{p.Location}: {p.Column}"));
        Assert.Null(outcome.Bundle);
    }

    [Fact]
    public void Read_MissingRequiredColumn_IsReportedAtTheHeader()
    {
        using var folder = new TempFolder().Csv("values.csv", "indicator_code,area_code,actual", "NI 195,STAFFS,5");

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "values.csv:1", "period");

        Assert.Equal("missing column; values.csv needs the columns indicator_code, area_code and period", message);
    }

    [Fact]
    public void Read_MissingTargetColumn_IsReportedOnceNotOnEveryRow()
    {
        using var folder = new TempFolder().Csv("targets.csv", "indicator_code,area_code,period", "NI 195,STAFFS,2008-09", "NI 195,STAFFS,2009-10");

        OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "targets.csv:1", "target");
    }

    [Fact]
    public void Read_UnknownColumn_IsReportedAtTheHeaderByItsName()
    {
        using var folder = new TempFolder().Csv("values.csv", "indicator_code,area_code,period,actul", "NI 195,STAFFS,2008-09-Q1,5");

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "values.csv:1", "actul");

        Assert.Equal("unknown column; expected one of indicator_code, area_code, period, actual, projected_outturn or note", message);
    }

    [Fact]
    public void Read_ColumnTwiceInTheHeader_IsAProblem()
    {
        using var folder = new TempFolder().Csv("areas.csv", "code,name,Code", "A,Area,A");

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, new TestCatalogue()), "areas.csv:1", "Code");

        Assert.Equal("the column appears twice in the header (column 1 and column 3); keep one", message);
    }

    [Fact]
    public void Read_EmptyFile_SaysAHeaderIsExpected()
    {
        using var folder = new TempFolder().Bytes("areas.csv", []);

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, new TestCatalogue()), "areas.csv:1", "header");

        Assert.Equal("the file is empty; expected a header row such as code,name,parent_code", message);
    }

    [Fact]
    public void Read_UnquotedCommaInAValue_IsReportedAsACellBeyondTheHeader()
    {
        using var folder = new TempFolder().Csv("values.csv", Bundles.ValuesHeader, "NI 195,STAFFS,2008-09-Q1,5,6,Late, again");

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "values.csv:2", "column 7");

        Assert.Equal("'again' is beyond the last of the header's 6 columns; quote a value that holds a comma, or name the column", message);
    }

    [Fact]
    public void Read_TrailingEmptyCellsBeyondTheHeader_AreARowTooWide()
    {
        using var folder = new TempFolder().Csv("areas.csv", "code,name,", "STAFFS,Staffordshire,,,");

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, new TestCatalogue()), "areas.csv:2", "row");

        Assert.Equal("the row has 5 fields but the header has 3; remove the extra commas at its end, or name the extra columns in the header", message);
    }

    [Fact]
    public void Read_RowCutShort_IsAnErrorRatherThanEmptyCells()
    {
        // A truncated row: read as it stands, it would clear the indicator's frameworks.
        using var folder = new TempFolder()
            .Csv("areas.csv", Bundles.AreasHeader, "STAFFS,Staffordshire,", "MOORLANDS,Staffordshire Moorlands");

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, new TestCatalogue()), "areas.csv:3", "row");

        Assert.Equal("the row has 2 fields but the header has 3; a row cut short would clear the cells it lacks, so every row needs the header's 3 fields (an empty one is nothing between two commas)", message);
    }

    [Fact]
    public void Read_IndicatorRowCutShort_KeepsTheStoredFrameworks()
    {
        using var folder = new TempFolder().Csv(
            "indicators.csv",
            Bundles.IndicatorsHeader,
            "NI 195,Street cleanliness,percent,1,lower,quarterly,snapshot,,,5,15,0,100,NIS;LAA",
            "NI 154,Net additional homes,number,0,higher,annual,cumulative,,,");

        var outcome = BundleReader.Read(folder.Path, new TestCatalogue());

        Assert.StartsWith("the row has 10 fields but the header has 14", OutcomeAssert.HasProblem(outcome, "indicators.csv:3", "row"), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ValueUnderAnUnnamedColumn_IsAProblem()
    {
        using var folder = new TempFolder().Csv("areas.csv", "code,,name", "STAFFS,x,Staffordshire");

        OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, new TestCatalogue()), "areas.csv:2", "column 2");
    }

    [Fact]
    public void Read_StrayQuoteInAValue_IsReportedAtItsColumn()
    {
        using var folder = new TempFolder().Csv("values.csv", Bundles.ValuesHeader, "NI 195,STAFFS,2008-09-Q1,5,6,the 5\" screen");

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "values.csv:2", "note");

        Assert.StartsWith("a quote inside a value that does not start with one", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_QuoteThatIsNeverClosed_IsReportedWhereItOpens()
    {
        using var folder = new TempFolder().Csv("areas.csv", Bundles.AreasHeader, "A,Area,", "B,\"Broken,", "C,Other,");

        var outcome = BundleReader.Read(folder.Path, new TestCatalogue());

        var message = OutcomeAssert.HasProblem(outcome, "areas.csv:3", "name");
        Assert.StartsWith("a quote that is never closed", message, StringComparison.Ordinal);
    }
}
