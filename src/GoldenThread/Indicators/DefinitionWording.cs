using GoldenThread.Domain.Indicators;

namespace GoldenThread.Indicators;

/// <summary>An indicator's properties in the words people read on the indicator pages.</summary>
public static class DefinitionWording
{
    public static string Describe(Unit unit) => unit switch
    {
        Unit.Percent => "Percentage (%)",
        Unit.PercentChange => "Percentage change",
        Unit.Number => "Number",
        Unit.Rate => "Rate",
        Unit.Currency => "Money (£)",
        Unit.Days => "Days",
        Unit.Score => "Score",
        Unit.Ratio => "Ratio",
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, null),
    };

    public static string Describe(Polarity polarity) => polarity switch
    {
        Polarity.Higher => "Higher is better",
        Polarity.Lower => "Lower is better",
        Polarity.None => "Neither: data only, monitored but not rated against a target",
        _ => throw new ArgumentOutOfRangeException(nameof(polarity), polarity, null),
    };

    public static string Describe(Frequency frequency) => frequency switch
    {
        Frequency.Monthly => "Monthly",
        Frequency.Quarterly => "Quarterly",
        Frequency.HalfYearly => "Half-yearly",
        Frequency.Annual => "Annual",
        _ => throw new ArgumentOutOfRangeException(nameof(frequency), frequency, null),
    };

    public static string Describe(Accumulation accumulation) => accumulation switch
    {
        Accumulation.Snapshot => "Snapshot: each figure stands alone",
        Accumulation.Cumulative => "Cumulative: a year-to-date total that grows through the year",
        _ => throw new ArgumentOutOfRangeException(nameof(accumulation), accumulation, null),
    };

    public static string Describe(IndicatorType? type) => type switch
    {
        null => "Not recorded",
        IndicatorType.Input => "Input: the resources put in",
        IndicatorType.Process => "Process: how the work is done",
        IndicatorType.Output => "Output: what the work produces",
        IndicatorType.Outcome => "Outcome: the difference it makes",
        IndicatorType.Perception => "Perception: what people think of it",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static string Describe(DataQualityRating? rating) => rating switch
    {
        null => "Not rated",
        DataQualityRating.Good => "Good",
        DataQualityRating.Adequate => "Adequate",
        DataQualityRating.Poor => "Poor",
        _ => throw new ArgumentOutOfRangeException(nameof(rating), rating, null),
    };

    public static string Describe(RiskLevel? risk) => risk switch
    {
        null => "Not assessed",
        RiskLevel.Low => "Low",
        RiskLevel.Medium => "Medium",
        RiskLevel.High => "High",
        _ => throw new ArgumentOutOfRangeException(nameof(risk), risk, null),
    };

    /// <summary>Whether the indicator is chosen for internal audit, in words.</summary>
    public static string DescribeAudited(bool audited) =>
        audited ? "Yes: chosen for internal audit" : "No";

    /// <summary>"2 decimal places", "Whole numbers".</summary>
    public static string DescribeDecimals(int decimals) => decimals switch
    {
        0 => "Whole numbers",
        1 => "1 decimal place",
        _ => $"{decimals.ToString(System.Globalization.CultureInfo.InvariantCulture)} decimal places",
    };

    /// <summary>A framework tag with its name where it is a well-known one: "National Indicator Set (NIS)".</summary>
    public static string DescribeFramework(string tag) => tag.ToUpperInvariant() switch
    {
        "NIS" => "National Indicator Set (NIS)",
        "LAA" => "Local Area Agreement (LAA)",
        _ => tag,
    };

    /// <summary>The amber band with where it comes from: "Amber: from -5% to just below 0% (this indicator's own tolerance)".</summary>
    public static string DescribeAmber(IndicatorRules rules, Tolerances system)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(system);
        var inForce = rules.TolerancesWithin(system);
        var source = rules.AmberTolerance is null ? "the system's tolerance" : "this indicator's own tolerance";
        return $"Amber: PVT from -{Figures.Percent(inForce.Amber)}% to just below 0%; below that is Red ({source})";
    }

    /// <summary>The strong green band with where it comes from.</summary>
    public static string DescribeStrongGreen(IndicatorRules rules, Tolerances system)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(system);
        var inForce = rules.TolerancesWithin(system);
        var source = rules.StrongGreenThreshold is null ? "the system's threshold" : "this indicator's own threshold";
        return $"Strong green: PVT above +{Figures.Percent(inForce.StrongGreen)}%; from 0% up to it is Green ({source})";
    }
}
