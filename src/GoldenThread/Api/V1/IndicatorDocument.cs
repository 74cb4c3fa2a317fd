using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using GoldenThread.Domain.Indicators;

namespace GoldenThread.Api.V1;

/// <summary>An indicator's definition as the API gives it, in the words and field names of the import bundle's indicators.csv.</summary>
[Description("An indicator's definition, in the words of the import bundle's indicators.csv.")]
public record IndicatorDocument
{
    public IndicatorDocument()
    {
    }

    /// <summary>Copies the definition, for the detail document that adds targets and values to it.</summary>
    [SetsRequiredMembers]
    protected IndicatorDocument(IndicatorDocument original)
    {
        ArgumentNullException.ThrowIfNull(original);
        Code = original.Code;
        Title = original.Title;
        Unit = original.Unit;
        Decimals = original.Decimals;
        Polarity = original.Polarity;
        Frequency = original.Frequency;
        Accumulation = original.Accumulation;
        Body = original.Body;
        LeadOrganisation = original.LeadOrganisation;
        AmberTolerance = original.AmberTolerance;
        StrongGreenThreshold = original.StrongGreenThreshold;
        MinValue = original.MinValue;
        MaxValue = original.MaxValue;
        Frameworks = original.Frameworks;
    }

    [JsonPropertyName("code"), Description("The indicator's code, e.g. NI 195.")]
    public required string Code { get; init; }

    [JsonPropertyName("title"), Description("What the indicator measures.")]
    public required string Title { get; init; }

    [JsonPropertyName("unit"), Description("What the figures are.")]
    public required Unit Unit { get; init; }

    [JsonPropertyName("decimals"), Description("The decimal places that figures are shown and compared at, 0 to 6.")]
    public required int Decimals { get; init; }

    [JsonPropertyName("polarity"), Description("Which direction is good: higher, lower, or none for a data-only indicator that is never rated.")]
    public required Polarity Polarity { get; init; }

    [JsonPropertyName("frequency"), Description("How often figures are collected; the reporting periods are of this length.")]
    public required Frequency Frequency { get; init; }

    [JsonPropertyName("accumulation"), Description("snapshot: each figure stands alone; cumulative: figures are year to date.")]
    public required Accumulation Accumulation { get; init; }

    [JsonPropertyName("body"), Description("The accountable thematic partnership, or null.")]
    public required PartnerDocument? Body { get; init; }

    [JsonPropertyName("lead_organisation"), Description("The partner organisation that leads on the indicator, or null.")]
    public required PartnerDocument? LeadOrganisation { get; init; }

    [JsonPropertyName("amber_tolerance"), Description("How far below target, in per cent, still counts as amber: the indicator's own tolerance, or the system's (10) when it has none.")]
    public required decimal AmberTolerance { get; init; }

    [JsonPropertyName("strong_green_threshold"), Description("How far above target, in per cent, counts as strong green: the indicator's own threshold, or the system's (10) when it has none.")]
    public required decimal StrongGreenThreshold { get; init; }

    [JsonPropertyName("min_value"), Description("The lowest figure allowed for actuals, projected outturns and targets, or null for no limit.")]
    public required decimal? MinValue { get; init; }

    [JsonPropertyName("max_value"), Description("The highest figure allowed for actuals, projected outturns and targets, or null for no limit.")]
    public required decimal? MaxValue { get; init; }

    [JsonPropertyName("frameworks"), Description("The frameworks the indicator belongs to, such as NIS or LAA, in code order.")]
    public required IReadOnlyList<string> Frameworks { get; init; }
}

/// <summary>A body or organisation that an indicator names: its code and name.</summary>
[Description("A body or partner organisation: its code and name.")]
public sealed record PartnerDocument(
    [property: JsonPropertyName("code"), Description("Its code, as in the import bundle.")]
    string Code,
    [property: JsonPropertyName("name"), Description("Its name.")]
    string Name);

/// <summary>One indicator with its targets and values: <c>GET /api/v1/indicators/{code}</c>.</summary>
[Description("An indicator's definition with its targets and values, for every area or for one.")]
public sealed record IndicatorDetailDocument : IndicatorDocument
{
    public IndicatorDetailDocument()
    {
    }

    [SetsRequiredMembers]
    public IndicatorDetailDocument(IndicatorDocument indicator, IReadOnlyList<TargetDocument> targets, IReadOnlyList<ValueDocument> values)
        : base(indicator)
    {
        Targets = targets;
        Values = values;
    }

    [JsonPropertyName("targets"), JsonPropertyOrder(1), Description("The targets, ordered by area code (ordinal), then by period: annual targets on a year code, profiled interim targets on a shorter period.")]
    public required IReadOnlyList<TargetDocument> Targets { get; init; }

    [JsonPropertyName("values"), JsonPropertyOrder(1), Description("The values rows, ordered by area code (ordinal), then by period. A year code with an actual is that year's outturn.")]
    public required IReadOnlyList<ValueDocument> Values { get; init; }
}

/// <summary>A target row, as in the import bundle's targets.csv.</summary>
[Description("A target for the indicator in an area, as in the import bundle's targets.csv.")]
public sealed record TargetDocument(
    [property: JsonPropertyName("area"), Description("The area's code.")]
    string Area,
    [property: JsonPropertyName("period"), Description("A year code for the annual target, or a half year, quarter or month code for a profiled interim target.")]
    string Period,
    [property: JsonPropertyName("target"), Description("The target.")]
    decimal Target);

/// <summary>A values row, as in the import bundle's values.csv.</summary>
[Description("A values row for the indicator in an area, as in the import bundle's values.csv; a missing figure is null.")]
public sealed record ValueDocument(
    [property: JsonPropertyName("area"), Description("The area's code.")]
    string Area,
    [property: JsonPropertyName("period"), Description("The period code.")]
    string Period,
    [property: JsonPropertyName("actual"), Description("The actual, or null.")]
    decimal? Actual,
    [property: JsonPropertyName("projected_outturn"), Description("The projected outturn (the forecast of the year-end figure), or null.")]
    decimal? ProjectedOutturn,
    [property: JsonPropertyName("note"), Description("The note given with the figures, or null.")]
    string? Note,
    [property: JsonPropertyName("final"), Description("True when the row is signed off (final); false while it is provisional.")]
    bool Final);
