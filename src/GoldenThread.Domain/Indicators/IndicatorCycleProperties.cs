namespace GoldenThread.Domain.Indicators;

/// <summary>What an indicator measures in the chain from resources to results (domain.md, Indicators and targets).</summary>
public enum IndicatorType
{
    Input,
    Process,
    Output,
    Outcome,
    Perception,
}

/// <summary>How far the central team trusts an indicator's figures, from its last data quality check.</summary>
public enum DataQualityRating
{
    Good,
    Adequate,
    Poor,
}

/// <summary>How much harm a wrong figure would do; high-risk indicators are candidates for internal audit.</summary>
public enum RiskLevel
{
    Low,
    Medium,
    High,
}
