using System.Text;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Partnership;
using GoldenThread.Domain.Periods;
using GoldenThread.Import;

namespace GoldenThread.Tests.Import;

/// <summary>Reading good bundles from a folder of CSV files: every file typed, and the CSV forms people and tools write.</summary>
public sealed class BundleReaderCsvTests
{
    [Fact]
    public void Read_ValidFolder_ReturnsEveryFileTyped()
    {
        using var folder = new TempFolder().Valid();

        var bundle = OutcomeAssert.Succeeded(BundleReader.Read(folder.Path, new TestCatalogue()));

        Assert.Equal([new AreaRow("STAFFS", "Staffordshire", null), new AreaRow("MOORLANDS", "Staffordshire Moorlands", "STAFFS")], bundle.Areas);
        Assert.Equal(
            [new OrganisationRow("SCC", "Staffordshire County Council", OrganisationKind.Council), new OrganisationRow("POLICE", "Staffordshire Police", OrganisationKind.Police)],
            bundle.Organisations);
        Assert.Equal(
            [new BodyRow("LSP", "Staffordshire Partnership", BodyKind.Lsp, null), new BodyRow("SAFER", "Safer Communities", BodyKind.ThematicPartnership, "LSP")],
            bundle.Bodies);
        Assert.Equal(2, bundle.Indicators.Count);
        var cleanliness = bundle.Indicators[0];
        Assert.Equal(("NI 195", "Street cleanliness", Unit.Percent, 1, Polarity.Lower), (cleanliness.Code, cleanliness.Title, cleanliness.Unit, cleanliness.Decimals, cleanliness.Polarity));
        Assert.Equal((Frequency.Quarterly, Accumulation.Snapshot, "SAFER", "SCC"), (cleanliness.Frequency, cleanliness.Accumulation, cleanliness.BodyCode, cleanliness.LeadOrganisationCode));
        Assert.Equal((5m, 15m, 0m, 100m), (cleanliness.AmberTolerance, cleanliness.StrongGreenThreshold, cleanliness.MinValue, cleanliness.MaxValue));
        Assert.Equal(["NIS", "LAA"], cleanliness.Frameworks);
        var homes = bundle.Indicators[1];
        Assert.Equal((Frequency.Annual, Accumulation.Cumulative, null, null), (homes.Frequency, homes.Accumulation, homes.BodyCode, homes.LeadOrganisationCode));
        Assert.Equal((null, null, null, null), (homes.AmberTolerance, homes.StrongGreenThreshold, homes.MinValue, homes.MaxValue));
        Assert.Empty(homes.Frameworks);
        Assert.Equal(
            [
                new TargetRow("NI 195", "STAFFS", Period.Parse("2008-09"), 11m),
                new TargetRow("NI 195", "STAFFS", Period.Parse("2008-09-Q2"), 12.0m),
                new TargetRow("NI 154", "MOORLANDS", Period.Parse("2008-09"), 1200m),
            ],
            bundle.Targets);
        Assert.Equal(
            [
                new ValueRow("NI 195", "STAFFS", Period.Parse("2008-09-Q2"), 12.5m, 11.8m, null),
                new ValueRow("NI 154", "MOORLANDS", Period.Parse("2008-09-Q2"), null, 600m, "half way"),
                new ValueRow("NI 154", "MOORLANDS", Period.Parse("2008-09"), 1190m, null, null),
            ],
            bundle.Values);
        Assert.Equal(14, bundle.RowCount);
    }

    [Fact]
    public void Read_NumberWithTrailingZeros_KeepsItsScale()
    {
        using var folder = new TempFolder().Csv("values.csv", Bundles.ValuesHeader, "NI 154,STAFFS,2008-09,12.50,-0.125,");

        var value = Assert.Single(OutcomeAssert.Succeeded(BundleReader.Read(folder.Path, Bundles.Stored())).Values);

        Assert.Equal("12.50", value.Actual?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(-0.125m, value.ProjectedOutturn);
    }

    [Fact]
    public void Read_OnlyValuesFile_IsABundleOfValues()
    {
        using var folder = new TempFolder().Csv("values.csv", Bundles.ValuesHeader, "NI 195,STAFFS,2008-09-Q1,80,85,");

        var bundle = OutcomeAssert.Succeeded(BundleReader.Read(folder.Path, Bundles.Stored()));

        Assert.Single(bundle.Values);
        Assert.Equal(1, bundle.RowCount);
    }

    [Fact]
    public void Read_FileNameInAnotherCase_IsReadAndReportedByItsOwnName()
    {
        using var folder = new TempFolder().Csv("Values.CSV", Bundles.ValuesHeader, "NI 195,STAFFS,2008-09-Q1,x,,");

        OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "Values.CSV:2", "actual");
    }

    [Fact]
    public void Read_FileWithByteOrderMark_ReadsTheFirstHeaderName()
    {
        var text = Encoding.UTF8.GetBytes("code,name,parent_code\nSTAFFS,Staffordshire,\n");
        using var folder = new TempFolder().Bytes("areas.csv", [0xEF, 0xBB, 0xBF, .. text]);

        var bundle = OutcomeAssert.Succeeded(BundleReader.Read(folder.Path, new TestCatalogue()));

        Assert.Equal("STAFFS", Assert.Single(bundle.Areas).Code);
    }

    [Fact]
    public void Read_QuotedFieldsWithCommasQuotesAndNewLines_KeepsThem()
    {
        using var folder = new TempFolder().Csv(
            "values.csv",
            Bundles.ValuesHeader,
            "NI 195,STAFFS,2008-09-Q1,80,85,\"Late, as \"\"usual\"\"\"",
            "\"NI 195\",\"STAFFS\",2008-09-Q2,81,85,\"First line",
            "second line\"");

        var values = OutcomeAssert.Succeeded(BundleReader.Read(folder.Path, Bundles.Stored())).Values;

        Assert.Equal("Late, as \"usual\"", values[0].Note);
        Assert.Equal("First line\nsecond line", values[1].Note);
        Assert.Equal("NI 195", values[1].IndicatorCode);
    }

    [Fact]
    public void Read_RowAfterARowOfTwoLines_IsReportedAtItsPhysicalLine()
    {
        using var folder = new TempFolder().Csv(
            "values.csv",
            Bundles.ValuesHeader,
            "NI 195,STAFFS,2008-09-Q1,80,85,",
            "NI 195,STAFFS,2008-09-Q2,81,85,\"First line",
            "second line\"",
            "NI 195,STAFFS,2008-09-Q3,12%,85,");

        var outcome = BundleReader.Read(folder.Path, Bundles.Stored());

        OutcomeAssert.OnlyProblem(outcome, "values.csv:5", "actual");
    }

    [Fact]
    public void Read_WindowsLineEnds_AreReadAndCountedAsOneLineEach()
    {
        var text = "indicator_code,area_code,period,actual,projected_outturn,note\r\nNI 195,STAFFS,2008-09-Q1,80,,\"two\r\nlines\"\r\nNI 195,STAFFS,2008-09-Q2,x,,\r\n";
        using var folder = new TempFolder().Bytes("values.csv", Encoding.UTF8.GetBytes(text));

        OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "values.csv:4", "actual");
    }

    [Fact]
    public void Read_HeaderInAnyCaseAndOrder_MapsColumnsByName()
    {
        using var folder = new TempFolder().Csv("values.csv", " Note ,PERIOD,Projected_Outturn,Area_Code,actual,INDICATOR_CODE", "checked,2008-09-Q1,85,STAFFS,80,NI 195");

        var value = Assert.Single(OutcomeAssert.Succeeded(BundleReader.Read(folder.Path, Bundles.Stored())).Values);

        Assert.Equal(new ValueRow("NI 195", "STAFFS", Period.Parse("2008-09-Q1"), 80m, 85m, "checked"), value);
    }

    [Fact]
    public void Read_OptionalColumnsAbsent_ReadsThemAsEmpty()
    {
        using var folder = new TempFolder()
            .Csv("areas.csv", "code,name", "STAFFS,Staffordshire")
            .Csv("indicators.csv", "code,title,unit,decimals,polarity,frequency,accumulation", "NI 1,Title,number,0,none,annual,snapshot")
            .Csv("values.csv", "indicator_code,area_code,period,projected_outturn", "NI 1,STAFFS,2008-09-Q1,85");

        var bundle = OutcomeAssert.Succeeded(BundleReader.Read(folder.Path, new TestCatalogue()));

        Assert.Null(Assert.Single(bundle.Areas).ParentCode);
        Assert.Empty(Assert.Single(bundle.Indicators).Frameworks);
        Assert.Equal(new ValueRow("NI 1", "STAFFS", Period.Parse("2008-09-Q1"), null, 85m, null), Assert.Single(bundle.Values));
    }

    [Fact]
    public void Read_CellsWithSpaces_AreTrimmedAndEmptyOnesAreNotApplicable()
    {
        using var folder = new TempFolder().Csv("values.csv", Bundles.ValuesHeader, "  NI 195 , STAFFS ,\t2008-09-Q1 ,  ,  85 ,   ");

        var value = Assert.Single(OutcomeAssert.Succeeded(BundleReader.Read(folder.Path, Bundles.Stored())).Values);

        Assert.Equal(new ValueRow("NI 195", "STAFFS", Period.Parse("2008-09-Q1"), null, 85m, null), value);
    }

    [Fact]
    public void Read_EmptyValuesRow_IsKeptAsNotApplicable()
    {
        using var folder = new TempFolder().Csv("values.csv", Bundles.ValuesHeader, "NI 195,STAFFS,2008-09-Q1,,,");

        var value = Assert.Single(OutcomeAssert.Succeeded(BundleReader.Read(folder.Path, Bundles.Stored())).Values);

        Assert.Equal((null, null, null), (value.Actual, value.ProjectedOutturn, value.Note));
    }

    [Fact]
    public void Read_BlankLinesAndRowsOfCommas_AreSkippedAndLinesStillCount()
    {
        using var folder = new TempFolder().Csv("values.csv", Bundles.ValuesHeader, string.Empty, "NI 195,STAFFS,2008-09-Q1,80,,", ",,,,,", string.Empty, "NI 195,STAFFS,2008-09-Q2,x,,");

        var outcome = BundleReader.Read(folder.Path, Bundles.Stored());

        OutcomeAssert.OnlyProblem(outcome, "values.csv:6", "actual");
    }

    [Fact]
    public void Read_ShortRowWithoutTrailingEmptyCells_IsRefusedRatherThanReadAsEmpty()
    {
        // Read as empty, the missing cells would clear a stored projected outturn and note.
        using var folder = new TempFolder().Csv("values.csv", Bundles.ValuesHeader, "NI 195,STAFFS,2008-09-Q1,80");

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "values.csv:2", "row");

        Assert.StartsWith("the row has 4 fields but the header has 6", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FrameworkTags_AreTrimmedWithEmptyAndRepeatedOnesDropped()
    {
        using var folder = new TempFolder().Csv("indicators.csv", Bundles.IndicatorsHeader, "NI 1,Title,number,0,higher,annual,snapshot,,,,,,, NIS ; ;LAA;nis;");

        var indicator = Assert.Single(OutcomeAssert.Succeeded(BundleReader.Read(folder.Path, new TestCatalogue())).Indicators);

        Assert.Equal(["NIS", "LAA"], indicator.Frameworks);
    }

    [Fact]
    public void Read_CodesFromTheCatalogue_SatisfyEveryReference()
    {
        var catalogue = new TestCatalogue().Area("STAFFS").Organisation("SCC").Body("LSP").Indicator("NI 195", Frequency.Quarterly, 0, 100);
        using var folder = new TempFolder()
            .Csv("areas.csv", Bundles.AreasHeader, "MOORLANDS,Staffordshire Moorlands,STAFFS")
            .Csv("bodies.csv", Bundles.BodiesHeader, "SAFER,Safer Communities,thematic_partnership,LSP")
            .Csv("indicators.csv", Bundles.IndicatorsHeader, "NI 1,Title,number,0,higher,annual,snapshot,LSP,SCC,,,,,")
            .Csv("targets.csv", Bundles.TargetsHeader, "NI 195,STAFFS,2008-09,95")
            .Csv("values.csv", Bundles.ValuesHeader, "NI 195,MOORLANDS,2008-09-Q1,80,85,", "NI 1,STAFFS,2008-09,7,,");

        var bundle = OutcomeAssert.Succeeded(BundleReader.Read(folder.Path, catalogue));

        Assert.Equal(2, bundle.Values.Count);
        Assert.Equal("LSP", Assert.Single(bundle.Indicators).BodyCode);
    }

    [Fact]
    public void Read_BundleIndicatorAlsoStored_IsCheckedByTheBundlesDefinition()
    {
        // The database says quarterly; the bundle redefines the indicator as monthly, so a monthly actual is right.
        var catalogue = new TestCatalogue().Area("STAFFS").Indicator("NI 195", Frequency.Quarterly);
        using var folder = new TempFolder()
            .Csv("indicators.csv", Bundles.IndicatorsHeader, "NI 195,Title,number,0,higher,monthly,snapshot,,,,,,,")
            .Csv("values.csv", Bundles.ValuesHeader, "NI 195,STAFFS,2008-09-M01,80,,");

        OutcomeAssert.Succeeded(BundleReader.Read(folder.Path, catalogue));
    }

    [Fact]
    public void Read_ManyRowsNamingFewCodes_AsksTheCatalogueOncePerCodeAndSharesTheStrings()
    {
        var catalogue = Bundles.Stored();
        var lines = new List<string> { Bundles.ValuesHeader };
        foreach (var area in new[] { "STAFFS", "MOORLANDS" })
        {
            for (var quarter = 1; quarter <= 4; quarter++)
            {
                lines.Add($"NI 195,{area},2008-09-Q{quarter},{quarter},,");
                lines.Add($"NI 154,{area},2008-09-Q{quarter},,{quarter},");
            }
        }

        using var folder = new TempFolder().Csv("values.csv", [.. lines]);

        var values = OutcomeAssert.Succeeded(BundleReader.Read(folder.Path, catalogue)).Values;

        Assert.Equal(16, values.Count);
        Assert.Equal(4, catalogue.Lookups);
        Assert.Same(values[0].IndicatorCode, values[2].IndicatorCode);
        Assert.Same(values[0].AreaCode, values[7].AreaCode);
    }

    [Fact]
    public void Read_WithProgress_ReportsRowsAndEveryByte()
    {
        using var folder = new TempFolder().Valid();
        var reports = new List<ImportProgress>();

        OutcomeAssert.Succeeded(BundleReader.Read(folder.Path, new TestCatalogue(), new Recorder(reports)));

        var last = reports[^1];
        Assert.Equal(14, last.RowsRead);
        Assert.True(last.TotalBytes > 0);
        Assert.Equal(last.TotalBytes, last.BytesRead);
        Assert.Equal("values.csv", last.File);
        Assert.Contains(reports, r => r.File == "areas.csv");
    }

    /// <summary>Records progress on the reading thread (<see cref="Progress{T}"/> would post it elsewhere, later).</summary>
    private sealed class Recorder(List<ImportProgress> reports) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => reports.Add(value);
    }
}
