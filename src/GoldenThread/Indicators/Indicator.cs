using GoldenThread.Domain.Indicators;
using GoldenThread.Partnership;

namespace GoldenThread.Indicators;

/// <summary>A performance indicator as stored: its definition and the properties the rules read.</summary>
public sealed class Indicator
{
    public const int CodeLength = 32;
    public const int TitleLength = 500;
    public const int DefinitionLength = 8000;
    public const int DataSourceLength = 500;

    public int Id { get; set; }

    public required string Code { get; set; }

    public required string Title { get; set; }

    public Unit Unit { get; set; }

    public int Decimals { get; set; }

    public Polarity Polarity { get; set; }

    public Frequency Frequency { get; set; }

    public Accumulation Accumulation { get; set; }

    public int? BodyId { get; set; }

    public Body? Body { get; set; }

    public int? LeadOrganisationId { get; set; }

    public Organisation? LeadOrganisation { get; set; }

    public decimal? AmberTolerance { get; set; }

    public decimal? StrongGreenThreshold { get; set; }

    public decimal? MinValue { get; set; }

    public decimal? MaxValue { get; set; }

    public List<IndicatorFramework> Frameworks { get; set; } = [];

    /// <summary>The definition and calculation: the "PI procedure note" a return's reader needs.</summary>
    public string? Definition { get; set; }

    /// <summary>Where the figures come from (a system, a survey, a national data set).</summary>
    public string? DataSource { get; set; }

    public IndicatorType? Type { get; set; }

    /// <summary>The rating from the central team's last data quality check.</summary>
    public DataQualityRating? DataQuality { get; set; }

    public RiskLevel? RiskLevel { get; set; }

    /// <summary>Chosen for internal audit (high-risk indicators are candidates).</summary>
    public bool Audited { get; set; }

    public IndicatorRules ToRules() =>
        new(Polarity, Frequency, Accumulation, Decimals, AmberTolerance, StrongGreenThreshold);
}

/// <summary>A framework tag an indicator belongs to, such as NIS or LAA.</summary>
public sealed class IndicatorFramework
{
    public const int TagLength = 32;

    public int IndicatorId { get; set; }

    public required string Tag { get; set; }
}
