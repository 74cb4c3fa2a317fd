using GoldenThread.Import;

namespace GoldenThread.Tests.Import;

/// <summary>Bad rows of indicators.csv: each reported at its line and column, with the words that fix it.</summary>
public sealed class BundleReaderIndicatorProblemsTests
{
    // code,title,unit,decimals,polarity,frequency,accumulation,body_code,lead_organisation_code,amber_tolerance,strong_green_threshold,min_value,max_value,frameworks
    private const string Good = "NI 195,Street cleanliness,percent,1,lower,quarterly,snapshot,LSP,SCC,5,15,0,100,NIS";

    [Theory]
    [InlineData("unit", 2, "per cent", "'per cent' is not a unit; expected percent, percent_change, number, rate, currency, days, score or ratio")]
    [InlineData("polarity", 4, "hihger", "'hihger' is not a polarity; expected higher, lower or none")]
    [InlineData("frequency", 5, "yearly", "'yearly' is not a frequency; expected monthly, quarterly, half_yearly or annual")]
    [InlineData("accumulation", 6, "running", "'running' is not an accumulation; expected snapshot or cumulative")]
    public void Read_UnknownWord_ListsTheAllowedOnes(string column, int index, string word, string expected)
    {
        using var folder = new TempFolder().Csv("indicators.csv", Bundles.IndicatorsHeader, With(index, word));

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "indicators.csv:2", column);

        Assert.Equal(expected, message);
    }

    [Fact]
    public void Read_WordInAnotherCase_IsAccepted()
    {
        using var folder = new TempFolder().Csv("indicators.csv", Bundles.IndicatorsHeader, "NI 1,Title,Percent,1,HIGHER,Half_Yearly,Snapshot,,,,,,,");

        OutcomeAssert.Succeeded(BundleReader.Read(folder.Path, Bundles.Stored()));
    }

    [Theory]
    [InlineData("7")]
    [InlineData("-1")]
    [InlineData("1.5")]
    public void Read_DecimalsOutsideZeroToSix_IsAProblem(string decimals)
    {
        using var folder = new TempFolder().Csv("indicators.csv", Bundles.IndicatorsHeader, With(3, decimals));

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "indicators.csv:2", "decimals");

        Assert.EndsWith("decimals is a whole number from 0 to 6", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DecimalsNotANumber_IsAProblem()
    {
        using var folder = new TempFolder().Csv("indicators.csv", Bundles.IndicatorsHeader, With(3, "two"));

        OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "indicators.csv:2", "decimals");
    }

    [Theory]
    [InlineData("code", 0)]
    [InlineData("title", 1)]
    [InlineData("unit", 2)]
    [InlineData("decimals", 3)]
    [InlineData("polarity", 4)]
    [InlineData("frequency", 5)]
    [InlineData("accumulation", 6)]
    public void Read_EmptyRequiredCell_IsAProblem(string column, int index)
    {
        using var folder = new TempFolder().Csv("indicators.csv", Bundles.IndicatorsHeader, With(index, string.Empty));

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "indicators.csv:2", column);

        Assert.StartsWith("empty; every row needs", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownBody_ReportsBodyCode()
    {
        using var folder = new TempFolder().Csv("indicators.csv", Bundles.IndicatorsHeader, With(7, "SAFER"));

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "indicators.csv:2", "body_code");

        Assert.Equal("'SAFER' is not a body in this bundle or in the database", message);
    }

    [Fact]
    public void Read_UnknownLeadOrganisation_ReportsLeadOrganisationCode()
    {
        using var folder = new TempFolder().Csv("indicators.csv", Bundles.IndicatorsHeader, With(8, "NHS"));

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "indicators.csv:2", "lead_organisation_code");

        Assert.Equal("'NHS' is not an organisation in this bundle or in the database", message);
    }

    [Fact]
    public void Read_BodyAndOrganisationFromTheBundle_AreKnown()
    {
        using var folder = new TempFolder()
            .Csv("organisations.csv", Bundles.OrganisationsHeader, "NHS,Primary care trust,health")
            .Csv("bodies.csv", Bundles.BodiesHeader, "SAFER,Safer Communities,thematic_partnership,")
            .Csv("indicators.csv", Bundles.IndicatorsHeader, "NI 1,Title,number,0,higher,annual,snapshot,SAFER,NHS,,,,,");

        OutcomeAssert.Succeeded(BundleReader.Read(folder.Path, new TestCatalogue()));
    }

    [Theory]
    [InlineData("amber_tolerance", 9, "-5 is negative; a tolerance is a percentage of 0 or more")]
    [InlineData("strong_green_threshold", 10, "-5 is negative; a threshold is a percentage of 0 or more")]
    public void Read_NegativeTolerance_IsAProblem(string column, int index, string expected)
    {
        using var folder = new TempFolder().Csv("indicators.csv", Bundles.IndicatorsHeader, With(index, "-5"));

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "indicators.csv:2", column);

        Assert.Equal(expected, message);
    }

    [Fact]
    public void Read_MinAboveMax_IsAProblem()
    {
        using var folder = new TempFolder().Csv("indicators.csv", Bundles.IndicatorsHeader, With(11, "100", 12, "0"));

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "indicators.csv:2", "min_value");

        Assert.Equal("100 is greater than max_value 0; the range runs from min_value up to max_value", message);
    }

    [Theory]
    [InlineData("min_value", 11)]
    [InlineData("max_value", 12)]
    [InlineData("amber_tolerance", 9)]
    public void Read_MalformedNumber_ReportsItsColumn(string column, int index)
    {
        using var folder = new TempFolder().Csv("indicators.csv", Bundles.IndicatorsHeader, With(index, "ten"));

        OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "indicators.csv:2", column);
    }

    [Fact]
    public void Read_IndicatorCodeTwice_ReportsTheSecond()
    {
        using var folder = new TempFolder().Csv("indicators.csv", Bundles.IndicatorsHeader, Good, Good);

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "indicators.csv:3", "code");

        Assert.Equal("'NI 195' appears again; the first is on line 2", message);
    }

    [Fact]
    public void Read_FrameworkTagTooLong_IsAProblem()
    {
        using var folder = new TempFolder().Csv("indicators.csv", Bundles.IndicatorsHeader, With(13, "NIS;" + new string('X', 33)));

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "indicators.csv:2", "frameworks");

        Assert.EndsWith("a framework tag may have at most 32", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BrokenIndicatorRow_DoesNotAlsoFailItsValues()
    {
        // The row declares NI 1 (so values may refer to it) though its frequency cannot be read.
        using var folder = new TempFolder()
            .Csv("indicators.csv", Bundles.IndicatorsHeader, "NI 1,Title,number,0,higher,fortnightly,snapshot,,,,,,,")
            .Csv("values.csv", Bundles.ValuesHeader, "NI 1,STAFFS,2008-09-M03,5,,");

        OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, Bundles.Stored()), "indicators.csv:2", "frequency");
    }

    private static string With(params object[] replacements)
    {
        var cells = Good.Split(',');
        for (var i = 0; i < replacements.Length; i += 2)
        {
            cells[(int)replacements[i]] = (string)replacements[i + 1];
        }

        return string.Join(',', cells);
    }
}
