using System.Globalization;
using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Indicators;

namespace GoldenThread.Scorecard;

/// <summary>Statuses and trends in the words people read, so that status is never carried by colour alone.</summary>
public static class Wording
{
    public static string Name(this Status status) => status switch
    {
        Status.Red => "Red",
        Status.Amber => "Amber",
        Status.Green => "Green",
        Status.StrongGreen => "Strong green",
        Status.NoData => "No data",
        Status.DataOnly => "Data only",
        Status.NoTarget => "No target",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string Name(this Direction direction) => direction switch
    {
        Direction.None => "No trend",
        Direction.Improving => "Improving",
        Direction.Worsening => "Worsening",
        Direction.Level => "Level",
        Direction.Up => "Up",
        Direction.Down => "Down",
        _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, null),
    };

    /// <summary>"Improving for 2 quarters", or "No trend" when there is none.</summary>
    public static string DescribeTrend(Direction trend, int periods, Frequency frequency)
    {
        if (trend == Direction.None || periods == 0)
        {
            return Name(Direction.None);
        }

        var unit = frequency switch
        {
            Frequency.Monthly => periods == 1 ? "month" : "months",
            Frequency.Quarterly => periods == 1 ? "quarter" : "quarters",
            Frequency.HalfYearly => periods == 1 ? "half year" : "half years",
            _ => periods == 1 ? "year" : "years",
        };
        return string.Create(CultureInfo.InvariantCulture, $"{trend.Name()} for {periods} {unit}");
    }
}
