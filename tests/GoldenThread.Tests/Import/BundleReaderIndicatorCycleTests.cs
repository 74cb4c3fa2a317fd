using GoldenThread.Domain.Indicators;
using GoldenThread.Import;

namespace GoldenThread.Tests.Import;

/// <summary>The quarterly cycle's optional columns of indicators.csv: read when there, left alone when not, and bad values reported where they are.</summary>
public sealed class BundleReaderIndicatorCycleTests
{
    private const string Header = Bundles.IndicatorsHeader + ",definition,data_source,type,data_quality,risk_level,audited,owner_email,deputy_email";
    private const string Fixed = "NI 1,Title,number,0,higher,quarterly,cumulative,,,,,,,";

    private static TestCatalogue Stored() => Bundles.Stored()
        .Person("owen.price@police.example")
        .Person("dana.ellis@police.example")
        .Person("gone@police.example", active: false);

    [Fact]
    public void Read_EveryCycleColumn_IsReadIntoTheRow()
    {
        using var folder = new TempFolder().Csv(
            "indicators.csv",
            Header,
            Fixed + ",\"Homes completed, net of demolitions\",Building control returns,output,adequate,high,true,Owen.Price@police.example,dana.ellis@police.example");

        var row = Assert.Single(OutcomeAssert.Succeeded(BundleReader.Read(folder.Path, Stored())).Indicators);

        Assert.Equal(new Given<string?>("Homes completed, net of demolitions"), row.Cycle.Definition);
        Assert.Equal(new Given<string?>("Building control returns"), row.Cycle.DataSource);
        Assert.Equal(new Given<IndicatorType?>(IndicatorType.Output), row.Cycle.Type);
        Assert.Equal(new Given<DataQualityRating?>(DataQualityRating.Adequate), row.Cycle.DataQuality);
        Assert.Equal(new Given<RiskLevel?>(RiskLevel.High), row.Cycle.RiskLevel);
        Assert.Equal(new Given<bool>(true), row.Cycle.Audited);
        Assert.Equal(("Owen.Price@police.example", "dana.ellis@police.example"), (row.Cycle.OwnerEmail, row.Cycle.DeputyEmail));
    }

    [Fact]
    public void Read_OldHeaderWithoutTheColumns_LeavesEveryCyclePropertyAbsent()
    {
        using var folder = new TempFolder().Csv("indicators.csv", Bundles.IndicatorsHeader, Fixed);

        var row = Assert.Single(OutcomeAssert.Succeeded(BundleReader.Read(folder.Path, Stored())).Indicators);

        Assert.Equal(IndicatorCycleRow.Absent, row.Cycle);
    }

    [Fact]
    public void Read_EmptyCells_ClearTheValuesAndLeaveOwnerAndDeputy()
    {
        using var folder = new TempFolder().Csv("indicators.csv", Header, Fixed + ",,,,,,,,");

        var row = Assert.Single(OutcomeAssert.Succeeded(BundleReader.Read(folder.Path, Stored())).Indicators);

        Assert.Equal(new Given<string?>(null), row.Cycle.Definition);
        Assert.Equal(new Given<IndicatorType?>(null), row.Cycle.Type);
        Assert.Equal(new Given<bool>(false), row.Cycle.Audited);
        Assert.Null(row.Cycle.OwnerEmail);
        Assert.Null(row.Cycle.DeputyEmail);
    }

    [Theory]
    [InlineData(2, "impact", "type", "'impact' is not a type; expected input, process, output, outcome or perception")]
    [InlineData(3, "great", "data_quality", "'great' is not a data quality rating; expected good, adequate or poor")]
    [InlineData(4, "severe", "risk_level", "'severe' is not a risk level; expected low, medium or high")]
    [InlineData(5, "yes", "audited", "'yes' is not allowed; expected true or false")]
    [InlineData(6, "nobody@police.example", "owner_email", "'nobody@police.example' is not a person in the database; add them on the site first (Administration, People)")]
    [InlineData(7, "gone@police.example", "deputy_email", "'gone@police.example' is a deactivated person; the deputy must be someone who can sign in")]
    public void Read_BadCycleValue_IsAProblemAtItsLineAndColumn(int index, string value, string column, string expected)
    {
        var cells = new string[8];
        cells[index] = value;
        using var folder = new TempFolder().Csv("indicators.csv", Header, "NI 2,Other,number,0,higher,quarterly,snapshot,,,,,,,,,,,,,,,", Fixed + "," + string.Join(',', cells));

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Stored()), "indicators.csv:3", column);

        Assert.Equal(expected, message);
    }

    [Fact]
    public void Read_OwnerAlsoTheDeputy_IsAProblemOnTheDeputy()
    {
        using var folder = new TempFolder().Csv("indicators.csv", Header, Fixed + ",,,,,,,owen.price@police.example,OWEN.PRICE@police.example");

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Stored()), "indicators.csv:2", "deputy_email");

        Assert.Equal("'OWEN.PRICE@police.example' is also the owner; the deputy is someone else", message);
    }

    [Fact]
    public void Read_WorkbookWithTheColumns_ReadsThemIncludingABooleanCell()
    {
        using var folder = new TempFolder();
        var path = TestWorkbook.Write(
            folder.File("bundle.xlsx"),
            TestSheet.Of(
                "indicators",
                [.. Header.Split(',')],
                ["NI 1", "Title", "number", 0, "higher", "quarterly", "cumulative", null, null, null, null, null, null, null, "Counted at year end", null, "outcome", "good", "low", true, "owen.price@police.example", null]));

        var row = Assert.Single(OutcomeAssert.Succeeded(BundleReader.Read(path, Stored())).Indicators);

        Assert.Equal(new Given<string?>("Counted at year end"), row.Cycle.Definition);
        Assert.Equal(new Given<string?>(null), row.Cycle.DataSource);
        Assert.Equal(new Given<IndicatorType?>(IndicatorType.Outcome), row.Cycle.Type);
        Assert.Equal(new Given<bool>(true), row.Cycle.Audited);
        Assert.Equal("owen.price@police.example", row.Cycle.OwnerEmail);
        Assert.Null(row.Cycle.DeputyEmail);
    }

    [Fact]
    public void Read_DefinitionLongerThanStored_IsAProblem()
    {
        var definition = new string('x', GoldenThread.Indicators.Indicator.DefinitionLength + 1);
        using var folder = new TempFolder().Csv("indicators.csv", Header, Fixed + "," + definition + ",,,,,,,");

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Stored()), "indicators.csv:2", "definition");

        Assert.Contains("definition may have at most 8000", message, StringComparison.Ordinal);
    }
}
