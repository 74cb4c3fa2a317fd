using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Partnership;

namespace GoldenThread.Domain.Tests;

/// <summary>The snake_case words of the interchange contract for the domain's enumerations.</summary>
public class CodesTests
{
    [Theory]
    [InlineData(Frequency.Monthly, "monthly")]
    [InlineData(Frequency.Quarterly, "quarterly")]
    [InlineData(Frequency.HalfYearly, "half_yearly")]
    [InlineData(Frequency.Annual, "annual")]
    public void Of_Frequency_IsTheContractWord(Frequency frequency, string word)
    {
        Assert.Equal(word, Codes.Of(frequency));
    }

    [Theory]
    [InlineData(Polarity.Higher, "higher")]
    [InlineData(Polarity.Lower, "lower")]
    [InlineData(Polarity.None, "none")]
    public void Of_Polarity_IsTheContractWord(Polarity polarity, string word)
    {
        Assert.Equal(word, Codes.Of(polarity));
    }

    [Theory]
    [InlineData(Accumulation.Snapshot, "snapshot")]
    [InlineData(Accumulation.Cumulative, "cumulative")]
    public void Of_Accumulation_IsTheContractWord(Accumulation accumulation, string word)
    {
        Assert.Equal(word, Codes.Of(accumulation));
    }

    [Theory]
    [InlineData(Unit.PercentChange, "percent_change")]
    [InlineData(BodyKind.StrategicBoard, "strategic_board")]
    [InlineData(OrganisationKind.Voluntary, "voluntary")]
    public void Of_OtherEnumerations_IsTheContractWord(object value, string word)
    {
        var result = value switch
        {
            Unit unit => Codes.Of(unit),
            BodyKind body => Codes.Of(body),
            OrganisationKind organisation => Codes.Of(organisation),
            _ => throw new ArgumentOutOfRangeException(nameof(value)),
        };

        Assert.Equal(word, result);
    }

    [Fact]
    public void OfThenTryParse_EveryValueOfEveryEnumeration_RoundTrips()
    {
        AssertRoundTrips<Polarity>();
        AssertRoundTrips<Frequency>();
        AssertRoundTrips<Accumulation>();
        AssertRoundTrips<Unit>();
        AssertRoundTrips<OrganisationKind>();
        AssertRoundTrips<BodyKind>();
    }

    [Theory]
    [InlineData("HALF_YEARLY")]
    [InlineData(" half_yearly ")]
    public void TryParse_OtherCaseOrSurroundingSpace_IsAccepted(string word)
    {
        var parsed = Codes.TryParse<Frequency>(word, out var frequency);

        Assert.True(parsed);
        Assert.Equal(Frequency.HalfYearly, frequency);
    }

    [Theory]
    [InlineData("halfyearly")]
    [InlineData("HalfYearly")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_UnknownWord_ReturnsFalse(string? word)
    {
        var parsed = Codes.TryParse<Frequency>(word, out _);

        Assert.False(parsed);
    }

    [Fact]
    public void Allowed_Polarity_ListsTheWordsForAMessage()
    {
        Assert.Equal("higher, lower or none", Codes.Allowed<Polarity>());
    }

    private static void AssertRoundTrips<T>()
        where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
        {
            Assert.True(Codes.TryParse<T>(Codes.Of(value), out var parsed));
            Assert.Equal(value, parsed);
        }
    }
}
