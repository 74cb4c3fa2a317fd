using GoldenThread.Import;

namespace GoldenThread.Tests.Import;

/// <summary>Bad rows of areas.csv, organisations.csv and bodies.csv: each reported where it is, and nothing kept.</summary>
public sealed class BundleReaderPartnershipProblemsTests
{
    [Fact]
    public void Read_AreaWithoutCode_ReportsTheEmptyCode()
    {
        using var folder = new TempFolder().Csv("areas.csv", Bundles.AreasHeader, ",Staffordshire,");

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, new TestCatalogue()), "areas.csv:2", "code");

        Assert.Equal("empty; every row needs a code", message);
    }

    [Theory]
    [InlineData("areas.csv", "STAFFS/NORTH,Staffordshire,", "code", "holds a /, which cannot be part of a web address; use another character, such as -")]
    [InlineData("areas.csv", "STAFFS,Stafford\u202Eshire,", "name", "holds the invisible character U+202E, which changes the direction of the text shown after it; remove it")]
    [InlineData("organisations.csv", "W\u2066PC,Wessex Police,police", "code", "holds the invisible character U+2066, which changes the direction of the text shown after it; remove it")]
    [InlineData("organisations.csv", "WPC,Wessex\u0007 Police,police", "name", "holds the control character U+0007 (a tab, line break or other character that is not shown); remove it")]
    [InlineData("bodies.csv", "LSP/1,Local Strategic Partnership,lsp,", "code", "holds a /, which cannot be part of a web address; use another character, such as -")]
    [InlineData("bodies.csv", "LSP,Local \u200FStrategic Partnership,lsp,", "name", "holds the invisible character U+200F, which changes the direction of the text shown after it; remove it")]
    [InlineData("indicators.csv", "NI 1/2,Title,number,0,higher,annual,snapshot,,,,,,,", "code", "holds a /, which cannot be part of a web address; use another character, such as -")]
    [InlineData("indicators.csv", "NI 1,Ti\u202Dtle,number,0,higher,annual,snapshot,,,,,,,", "title", "holds the invisible character U+202D, which changes the direction of the text shown after it; remove it")]
    public void Read_CodeOrNameWithACharacterItMayNotHold_IsAProblem(string file, string row, string column, string expected)
    {
        var header = file switch
        {
            "areas.csv" => Bundles.AreasHeader,
            "organisations.csv" => Bundles.OrganisationsHeader,
            "bodies.csv" => Bundles.BodiesHeader,
            _ => Bundles.IndicatorsHeader,
        };
        using var folder = new TempFolder().Csv(file, header, System.Text.RegularExpressions.Regex.Unescape(row));

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, new TestCatalogue()), $"{file}:2", column);

        Assert.Equal(expected, message);
    }

    [Fact]
    public void Read_AreaWithoutName_ReportsTheEmptyName()
    {
        using var folder = new TempFolder().Csv("areas.csv", Bundles.AreasHeader, "STAFFS,  ,");

        OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, new TestCatalogue()), "areas.csv:2", "name");
    }

    [Fact]
    public void Read_AreaCodeTwice_ReportsTheSecondAndNamesTheLineOfTheFirst()
    {
        using var folder = new TempFolder().Csv("areas.csv", Bundles.AreasHeader, "STAFFS,Staffordshire,", "LEEK,Leek,", "STAFFS,Staffordshire again,");

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, new TestCatalogue()), "areas.csv:4", "code");

        Assert.Equal("'STAFFS' appears again; the first is on line 2", message);
    }

    [Fact]
    public void Read_CodeLongerThanTheDatabaseStores_ReportsItsLength()
    {
        using var folder = new TempFolder().Csv("areas.csv", Bundles.AreasHeader, $"{new string('A', 33)},Long,");

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, new TestCatalogue()), "areas.csv:2", "code");

        Assert.EndsWith("is 33 characters long; code may have at most 32", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownParentArea_ReportsTheParentCode()
    {
        using var folder = new TempFolder().Csv("areas.csv", Bundles.AreasHeader, "LEEK,Leek,STAFS");

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, new TestCatalogue().Area("STAFFS")), "areas.csv:2", "parent_code");

        Assert.Equal("'STAFS' is not an area in this bundle or in the database", message);
    }

    [Fact]
    public void Read_ParentDeclaredLaterInTheFile_IsKnown()
    {
        using var folder = new TempFolder().Csv("areas.csv", Bundles.AreasHeader, "LEEK,Leek,STAFFS", "STAFFS,Staffordshire,");

        var bundle = OutcomeAssert.Succeeded(BundleReader.Read(folder.Path, new TestCatalogue()));

        Assert.Equal("STAFFS", bundle.Areas[0].ParentCode);
    }

    [Fact]
    public void Read_AreaThatIsItsOwnParent_IsAProblem()
    {
        using var folder = new TempFolder().Csv("areas.csv", Bundles.AreasHeader, "STAFFS,Staffordshire,STAFFS");

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, new TestCatalogue()), "areas.csv:2", "parent_code");

        Assert.Contains("an area cannot be its own parent", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AreasWhoseParentsLoop_ReportTheLoopOnceAtItsFirstRow()
    {
        using var folder = new TempFolder().Csv("areas.csv", Bundles.AreasHeader, "TOP,Top,", "A,A,B", "B,B,C", "C,C,A", "D,D,A");

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, new TestCatalogue()), "areas.csv:3", "parent_code");

        Assert.Equal("'B' makes a loop: A -> B -> C -> A; an area's parents must lead up to one with no parent", message);
    }

    [Fact]
    public void Read_OrganisationOfUnknownKind_ListsTheKinds()
    {
        using var folder = new TempFolder().Csv("organisations.csv", Bundles.OrganisationsHeader, "SCC,Staffordshire County Council,county");

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, new TestCatalogue()), "organisations.csv:2", "kind");

        Assert.Equal("'county' is not an organisation kind; expected council, police, health, fire, voluntary, business or other", message);
    }

    [Fact]
    public void Read_OrganisationWithoutKind_ReportsTheEmptyKind()
    {
        using var folder = new TempFolder().Csv("organisations.csv", Bundles.OrganisationsHeader, "SCC,Staffordshire County Council,");

        OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, new TestCatalogue()), "organisations.csv:2", "kind");
    }

    [Fact]
    public void Read_BodyOfUnknownKind_ListsTheKinds()
    {
        using var folder = new TempFolder().Csv("bodies.csv", Bundles.BodiesHeader, "SAFER,Safer Communities,partnership,");

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, new TestCatalogue()), "bodies.csv:2", "kind");

        Assert.Contains("strategic_board, executive_board, thematic_partnership, lsp, scrutiny or other", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BodyEscalatingToAnUnknownBody_ReportsEscalatesTo()
    {
        using var folder = new TempFolder().Csv("bodies.csv", Bundles.BodiesHeader, "SAFER,Safer Communities,thematic_partnership,EXEC");

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, new TestCatalogue()), "bodies.csv:2", "escalates_to");

        Assert.Equal("'EXEC' is not a body in this bundle or in the database", message);
    }

    [Fact]
    public void Read_BodyEscalatingToItself_IsAProblem()
    {
        using var folder = new TempFolder().Csv("bodies.csv", Bundles.BodiesHeader, "EXEC,Executive,executive_board,EXEC");

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, new TestCatalogue()), "bodies.csv:2", "escalates_to");

        Assert.Contains("a body cannot escalate to itself", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BodiesEscalatingInALoop_ReportTheLoop()
    {
        using var folder = new TempFolder().Csv("bodies.csv", Bundles.BodiesHeader, "EXEC,Executive,executive_board,SAFER", "SAFER,Safer,thematic_partnership,EXEC");

        var message = OutcomeAssert.OnlyProblem(BundleReader.Read(folder.Path, new TestCatalogue()), "bodies.csv:2", "escalates_to");

        Assert.Equal("'SAFER' makes a loop: EXEC -> SAFER -> EXEC; escalation must end at a body that escalates to none", message);
    }

    [Fact]
    public void Read_BodyEscalatingToAStoredBody_IsFine()
    {
        using var folder = new TempFolder().Csv("bodies.csv", Bundles.BodiesHeader, "SAFER,Safer,thematic_partnership,LSP");

        OutcomeAssert.Succeeded(BundleReader.Read(folder.Path, new TestCatalogue().Body("LSP")));
    }
}
