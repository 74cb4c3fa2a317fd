namespace GoldenThread.Domain.Periods;

/// <summary>The length of a reporting period within a financial year.</summary>
public enum PeriodKind
{
    Month = 1,
    Quarter = 3,
    HalfYear = 6,
    Year = 12,
}
