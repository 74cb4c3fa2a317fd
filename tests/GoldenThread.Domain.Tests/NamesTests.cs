namespace GoldenThread.Domain.Tests;

/// <summary>What codes and names may hold.</summary>
public class NamesTests
{
    [Theory]
    [InlineData("NI 15")]
    [InlineData("Hartmere")]
    [InlineData("Ysbyty Ystwyth – Côr")]
    [InlineData("مجلس")]
    public void NameProblem_OrdinaryText_IsNull(string name)
    {
        Assert.Null(Names.NameProblem(name));
        Assert.Null(Names.CodeProblem(name));
    }

    [Theory]
    [InlineData("Evil\u202Etxt.exe", "U+202E")]
    [InlineData("a\u202Ab", "U+202A")]
    [InlineData("a\u2066b", "U+2066")]
    [InlineData("a\u2069b", "U+2069")]
    [InlineData("a\u200Eb", "U+200E")]
    [InlineData("a\u200Fb", "U+200F")]
    [InlineData("a\u061Cb", "U+061C")]
    public void NameProblem_DirectionControl_IsRefusedNamingIt(string name, string code)
    {
        var problem = Names.NameProblem(name);

        Assert.Equal($"holds the invisible character {code}, which changes the direction of the text shown after it; remove it", problem);
        Assert.Equal(problem, Names.CodeProblem(name));
    }

    [Theory]
    [InlineData("Line\nbreak", "U+000A")]
    [InlineData("Tab\there", "U+0009")]
    [InlineData("Bell\u0007", "U+0007")]
    [InlineData("Delete\u007F", "U+007F")]
    [InlineData("C1\u0085", "U+0085")]
    public void NameProblem_ControlCharacter_IsRefusedNamingIt(string name, string code)
    {
        Assert.StartsWith($"holds the control character {code}", Names.NameProblem(name), StringComparison.Ordinal);
    }

    [Fact]
    public void CodeProblem_Slash_IsRefused_ButAllowedInAName()
    {
        Assert.Equal("holds a /, which cannot be part of a web address; use another character, such as -", Names.CodeProblem("NI 15/16"));
        Assert.Null(Names.NameProblem("Fire and rescue / ambulance"));
    }
}
