using GoldenThread.Domain.Periods;

namespace GoldenThread.Domain.Indicators;

/// <summary>How often an indicator's figures are collected; its reporting periods are of this length.</summary>
public enum Frequency
{
    Monthly,
    Quarterly,
    HalfYearly,
    Annual,
}

/// <summary>Maps a collection frequency to the kind of period it reports on.</summary>
public static class FrequencyExtensions
{
    public static PeriodKind ReportingKind(this Frequency frequency) => frequency switch
    {
        Frequency.Monthly => PeriodKind.Month,
        Frequency.Quarterly => PeriodKind.Quarter,
        Frequency.HalfYearly => PeriodKind.HalfYear,
        Frequency.Annual => PeriodKind.Year,
        _ => throw new ArgumentOutOfRangeException(nameof(frequency), frequency, null),
    };
}
