using System.Text.Json;
using GoldenThread.Api;
using GoldenThread.Domain;
using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Indicators;

namespace GoldenThread.Tests.Api;

/// <summary>The API writes every enumeration in the contract's own words, the ones the import and the CLI use.</summary>
public sealed class ApiJsonTests
{
    [Fact]
    public void Enumerations_AreWrittenInTheContractsWords()
    {
        Assert.All(Enum.GetValues<Unit>(), v => Assert.Equal(Codes.Of(v), Word(v)));
        Assert.All(Enum.GetValues<Polarity>(), v => Assert.Equal(Codes.Of(v), Word(v)));
        Assert.All(Enum.GetValues<Frequency>(), v => Assert.Equal(Codes.Of(v), Word(v)));
        Assert.All(Enum.GetValues<Accumulation>(), v => Assert.Equal(Codes.Of(v), Word(v)));
        Assert.All(Enum.GetValues<Status>(), v => Assert.Equal(v.Code(), Word(v)));
        Assert.All(Enum.GetValues<Direction>(), v => Assert.Equal(v.Code(), Word(v)));
    }

    [Fact]
    public void Enumerations_RefuseNumbers()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Status>("1", ApiJson.CreateOptions()));
    }

    private static string Word<T>(T value) => JsonSerializer.Deserialize<string>(JsonSerializer.Serialize(value, ApiJson.CreateOptions()))!;
}
