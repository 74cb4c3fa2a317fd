using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Partnership;
using GoldenThread.Domain.Periods;
using GoldenThread.Import;

namespace GoldenThread.Tests.Import;

/// <summary>Reading bundles from an .xlsx workbook: sheets named like the files, cells as Excel stores them.</summary>
public sealed class BundleReaderWorkbookTests
{
    [Fact]
    public void Read_ValidWorkbook_ReturnsEverySheetTyped()
    {
        using var folder = new TempFolder();
        var path = TestWorkbook.Write(
            folder.File("bundle.xlsx"),
            TestSheet.Of("areas", ["code", "name", "parent_code"], ["STAFFS", "Staffordshire"], ["MOORLANDS", "Staffordshire Moorlands", "STAFFS"]),
            TestSheet.Of("organisations", ["code", "name", "kind"], ["SCC", "Staffordshire County Council", "council"]),
            TestSheet.Of("bodies", ["code", "name", "kind", "escalates_to"], ["LSP", "Staffordshire Partnership", "lsp"], ["SAFER", "Safer Communities", "thematic_partnership", "LSP"]),
            TestSheet.Of(
                "indicators",
                ["code", "title", "unit", "decimals", "polarity", "frequency", "accumulation", "body_code", "lead_organisation_code", "amber_tolerance", "strong_green_threshold", "min_value", "max_value", "frameworks"],
                ["NI 195", "Street cleanliness", "percent", 1, "lower", "quarterly", "snapshot", "SAFER", "SCC", 5, 15, 0, 100, "NIS;LAA"]),
            TestSheet.Of("targets", ["indicator_code", "area_code", "period", "target"], ["NI 195", "STAFFS", "2008-09", 11], ["NI 195", "STAFFS", "2008-09-Q2", 12.5m]),
            TestSheet.Of(
                "values",
                ["indicator_code", "area_code", "period", "actual", "projected_outturn", "note"],
                ["NI 195", "STAFFS", "2008-09-Q2", 12.5m, 11.8m, new Inline("as reported")],
                ["NI 195", "MOORLANDS", "2008-09-Q2", null, 99m]));

        var bundle = OutcomeAssert.Succeeded(BundleReader.Read(path, new TestCatalogue()));

        Assert.Equal([new AreaRow("STAFFS", "Staffordshire", null), new AreaRow("MOORLANDS", "Staffordshire Moorlands", "STAFFS")], bundle.Areas);
        Assert.Equal(new OrganisationRow("SCC", "Staffordshire County Council", OrganisationKind.Council), Assert.Single(bundle.Organisations));
        Assert.Equal(new BodyRow("SAFER", "Safer Communities", BodyKind.ThematicPartnership, "LSP"), bundle.Bodies[1]);
        var indicator = Assert.Single(bundle.Indicators);
        Assert.Equal((1, Frequency.Quarterly, 0m, 100m, 5m), (indicator.Decimals, indicator.Frequency, indicator.MinValue, indicator.MaxValue, indicator.AmberTolerance));
        Assert.Equal(["NIS", "LAA"], indicator.Frameworks);
        Assert.Equal([new TargetRow("NI 195", "STAFFS", Period.Parse("2008-09"), 11m), new TargetRow("NI 195", "STAFFS", Period.Parse("2008-09-Q2"), 12.5m)], bundle.Targets);
        Assert.Equal(
            [
                new ValueRow("NI 195", "STAFFS", Period.Parse("2008-09-Q2"), 12.5m, 11.8m, "as reported"),
                new ValueRow("NI 195", "MOORLANDS", Period.Parse("2008-09-Q2"), null, 99m, null),
            ],
            bundle.Values);
    }

    [Fact]
    public void Read_NumericCellsWithBinaryNoiseOrExponents_ComeThroughAsTheDecimalsExcelShows()
    {
        using var folder = new TempFolder();
        var path = TestWorkbook.Write(
            folder.File("bundle.xlsx"),
            TestSheet.Of(
                "values",
                ["indicator_code", "area_code", "period", "actual", "projected_outturn"],
                ["NI 154", "STAFFS", "2008-09", new Number("12.499999999999998"), new Number("0.30000000000000004")],
                ["NI 154", "STAFFS", "2009-10", new Number("1.5E-3"), new Number("12.5")],
                ["NI 154", "STAFFS", "2010-11", new Number("1234567.125"), new Number("-4")]));

        var values = OutcomeAssert.Succeeded(BundleReader.Read(path, Bundles.Stored())).Values;

        Assert.Equal([12.5m, 0.0015m, 1234567.125m], values.Select(v => v.Actual));
        Assert.Equal([0.3m, 12.5m, -4m], values.Select(v => v.ProjectedOutturn));
    }

    [Fact]
    public void Read_SharedAndInlineStrings_ReadTheSame()
    {
        using var folder = new TempFolder();
        var path = TestWorkbook.Write(
            folder.File("bundle.xlsx"),
            TestSheet.Of(
                "values",
                [new Inline("indicator_code"), "area_code", new Inline("period"), "actual"],
                [new Inline("NI 195"), "STAFFS", new Inline("2008-09-Q1"), new Inline("80.5")],
                ["NI 195", new Inline("MOORLANDS"), "2008-09-Q1", "81"]));

        var values = OutcomeAssert.Succeeded(BundleReader.Read(path, Bundles.Stored())).Values;

        Assert.Equal([80.5m, 81m], values.Select(v => v.Actual));
        Assert.Equal(["STAFFS", "MOORLANDS"], values.Select(v => v.AreaCode));
    }

    [Fact]
    public void Read_BadCellInAWorkbook_IsReportedAtTheSheetsRowNumber()
    {
        using var folder = new TempFolder();
        var path = TestWorkbook.Write(
            folder.File("bundle.xlsx"),
            new TestSheet(
                "values",
                new TestRow(1, "indicator_code", "area_code", "period", "actual"),
                new TestRow(2, "NI 195", "STAFFS", "2008-09-Q1", 80),
                new TestRow(7, "NI 195", "STAFFS", "2008-09-Q2", "12,5")));

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(path, Bundles.Stored()), "values!7", "actual");

        Assert.Equal("'12,5' is not a number; use a point for decimals and no thousands separator", message);
    }

    [Fact]
    public void Read_PeriodThatExcelTurnedIntoADate_SaysHowToKeepItText()
    {
        using var folder = new TempFolder();
        var path = TestWorkbook.Write(
            folder.File("bundle.xlsx"),
            TestSheet.Of("values", ["indicator_code", "area_code", "period", "actual"], ["NI 195", "STAFFS", 39692, 80]));

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(path, Bundles.Stored()), "values!2", "period");

        Assert.EndsWith("if Excel turned the code into a date, format the column as Text and type the codes again", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HeaderBelowBlankRowsInAnyCase_IsFoundAndMapped()
    {
        using var folder = new TempFolder();
        var path = TestWorkbook.Write(
            folder.File("bundle.xlsx"),
            new TestSheet(
                "Values",
                new TestRow(3, null, "PERIOD", "Area_Code", "Indicator_Code", "Actual"),
                new TestRow(4, null, "2008-09-Q1", "STAFFS", "NI 195", "x")));

        OutcomeAssert.OnlyProblem(BundleReader.Read(path, Bundles.Stored()), "Values!4", "actual");
    }

    [Fact]
    public void Read_DuplicateCodeInAWorkbook_NamesTheRowOfTheFirst()
    {
        using var folder = new TempFolder();
        var path = TestWorkbook.Write(
            folder.File("bundle.xlsx"),
            TestSheet.Of("areas", ["code", "name"], ["STAFFS", "Staffordshire"], ["STAFFS", "Staffordshire again"]));

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(path, new TestCatalogue()), "areas!3", "code");

        Assert.Equal("'STAFFS' appears again; the first is on row 2", message);
    }

    [Fact]
    public void Read_ValueInAColumnWithoutHeader_IsReportedByColumnLetter()
    {
        using var folder = new TempFolder();
        var path = TestWorkbook.Write(
            folder.File("bundle.xlsx"),
            TestSheet.Of("areas", ["code", "name"], ["STAFFS", "Staffordshire", null, "stray"]));

        OutcomeAssert.OnlyProblem(BundleReader.Read(path, new TestCatalogue()), "areas!2", "D");
    }

    [Fact]
    public void Read_UnknownSheet_IsAProblemNamingTheSheets()
    {
        using var folder = new TempFolder();
        var path = TestWorkbook.Write(
            folder.File("bundle.xlsx"),
            TestSheet.Of("areas", ["code", "name"], ["STAFFS", "Staffordshire"]),
            TestSheet.Of("Sheet1"));

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(path, new TestCatalogue()), "Sheet1", "sheet");

        Assert.Contains("areas, organisations, bodies, indicators, targets or values", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptySheet_SaysAHeaderIsExpected()
    {
        using var folder = new TempFolder();
        var path = TestWorkbook.Write(folder.File("bundle.xlsx"), TestSheet.Of("values"));

        OutcomeAssert.OnlyProblem(BundleReader.Read(path, Bundles.Stored()), "values!1", "header");
    }

    [Fact]
    public void Read_FileThatIsNotAWorkbook_SaysItCannotBeRead()
    {
        using var folder = new TempFolder().Bytes("bundle.xlsx", "code,name\nA,B\n"u8.ToArray());

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.File("bundle.xlsx"), new TestCatalogue()), folder.File("bundle.xlsx"), "path");

        Assert.Contains("cannot be read as an .xlsx workbook", message, StringComparison.Ordinal);
    }
}
