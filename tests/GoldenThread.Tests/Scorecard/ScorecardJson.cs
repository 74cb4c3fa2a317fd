using System.Text.Json;

namespace GoldenThread.Tests.Scorecard;

/// <summary>Reads the scorecard JSON that the command line prints, keyed by indicator and area.</summary>
public sealed class ScorecardJson
{
    private ScorecardJson(JsonElement root) => Root = root;

    public JsonElement Root { get; }

    public string Period => Root.GetProperty("period").GetString()!;

    public IReadOnlyList<JsonElement> Entries => [.. Root.GetProperty("entries").EnumerateArray()];

    public static ScorecardJson Parse(string json) => new(JsonDocument.Parse(json).RootElement.Clone());

    public JsonElement Entry(string indicator, string area) =>
        Entries.Single(e => e.GetProperty("indicator").GetString() == indicator && e.GetProperty("area").GetString() == area);
}

/// <summary>Assertions on one scorecard entry, comparing numbers as numbers (12, 12.0 and 12.00 are equal).</summary>
public static class EntryAssert
{
    public static void Number(JsonElement entry, string field, decimal? expected)
    {
        var value = entry.GetProperty(field);
        if (expected is null)
        {
            Assert.True(value.ValueKind == JsonValueKind.Null, $"{field} should be null but was {value}");
        }
        else
        {
            Assert.Equal(JsonValueKind.Number, value.ValueKind);
            Assert.Equal(expected.Value, value.GetDecimal());
        }
    }

    public static void Text(JsonElement entry, string field, string? expected)
    {
        var value = entry.GetProperty(field);
        Assert.Equal(expected, value.ValueKind == JsonValueKind.Null ? null : value.GetString());
    }

    /// <summary>The judgement fields in one go: status, trend and count, direction of travel, exception, off trajectory, stage.</summary>
    public static void Judgement(JsonElement entry, string status, string trend, int trendPeriods, string directionOfTravel, string? exception, bool offTrajectory, int ladderStage)
    {
        Assert.Multiple(
            () => Text(entry, "status", status),
            () => Text(entry, "trend", trend),
            () => Assert.Equal(trendPeriods, entry.GetProperty("trend_periods").GetInt32()),
            () => Text(entry, "direction_of_travel", directionOfTravel),
            () => Text(entry, "exception_required", exception),
            () => Assert.Equal(offTrajectory, entry.GetProperty("off_trajectory").GetBoolean()),
            () => Assert.Equal(ladderStage, entry.GetProperty("ladder_stage").GetInt32()));
    }
}
