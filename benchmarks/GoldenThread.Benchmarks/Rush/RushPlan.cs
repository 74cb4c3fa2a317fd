using System.Text.Json;

namespace GoldenThread.Benchmarks.Rush;

/// <summary>One line of a partner's return and the figures the rush sends for it (with a movement note when one is unusual).</summary>
internal sealed record PlannedLine(int LineId, int IndicatorId, int AreaId, string Period, decimal? Actual, decimal? ProjectedOutturn, string Note, string? MovementNote);

/// <summary>One partner in the rush: how they sign in or which token their system holds, their return and what they send.</summary>
internal sealed record PlannedPartner(string Email, string Channel, string? Password, string? Token, int ReturnId, IReadOnlyList<PlannedLine> Lines)
{
    public const string Api = "api";
    public const string Web = "web";
}

/// <summary>What <c>rush prepare</c> hands the driver and the check: the quarter and every partner.</summary>
internal sealed record RushPlan(string Quarter, IReadOnlyList<PlannedPartner> Partners)
{
    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, JsonSerializerOptions.Web));

    public static RushPlan Load(string path) =>
        JsonSerializer.Deserialize<RushPlan>(File.ReadAllText(path), JsonSerializerOptions.Web)
        ?? throw new InvalidOperationException($"{path} holds no plan.");
}
