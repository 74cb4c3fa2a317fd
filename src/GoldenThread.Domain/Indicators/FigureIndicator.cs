
namespace GoldenThread.Domain.Indicators;

/// <summary>
/// What an indicator's figures are checked against: its code (for the messages), how often it is collected and
/// its range. A frequency or bound that could not be read is null, and the rules that need it are skipped.
/// </summary>
public readonly record struct FigureIndicator(string Code, Frequency? Frequency, decimal? MinValue, decimal? MaxValue);
