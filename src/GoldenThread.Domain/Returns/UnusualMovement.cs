using System.Globalization;

namespace GoldenThread.Domain.Returns;

/// <summary>What the unusual-movement check found for one figure.</summary>
/// <param name="Unusual">The figure lies far outside its history: a warning that needs a confirming note, never a refusal.</param>
/// <param name="Median">The median of the history, or null when the history was too short to judge.</param>
/// <param name="Scale">The robust spread the distance was measured in (1.4826 x MAD), or null.</param>
/// <param name="Score">How many of those spreads the figure lies from the median, or null.</param>
public sealed record MovementCheck(bool Unusual, decimal? Median, decimal? Scale, decimal? Score)
{
    public static MovementCheck NotJudged { get; } = new(false, null, null, null);
}

/// <summary>
/// The robust outlier check on a new figure against the indicator's own history in the area (issue 10, item 6): the
/// distance from the history's median in units of its median absolute deviation, so that one wild past figure moves
/// neither the centre nor the spread (a mean and standard deviation would be dragged by it, and hide a real outlier).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Scale: MAD x 1.4826 (which makes the MAD estimate the standard deviation of normally distributed figures).
/// The figure is unusual when |x - median| &gt; <see cref="Threshold"/> x scale: Iglewicz and Hoaglin's modified
/// z-score cut-off of 3.5, which a normal figure passes more than 99.9% of the time.</item>
/// <item>Short histories: fewer than <see cref="MinimumHistory"/> past figures are not judged (a median of three says
/// little, and a warning nobody can trust teaches people to ignore warnings).</item>
/// <item>MAD = 0 (at least half the past figures are the same, usually a count that is mostly 0 or a rate that is
/// mostly 100%): there is no spread to measure in, so the history is taken as that constant, and the figure is unusual
/// when it differs from it by more than <see cref="ConstantTolerance"/> of it, or at all when the constant is 0. A
/// non-robust fallback (the mean absolute deviation) was rejected: one wild past figure would swell it and hide a
/// real outlier, the very thing the median and MAD are chosen to prevent.</item>
/// </list>
/// </remarks>
public static class UnusualMovement
{
    public const decimal Threshold = 3.5m;
    public const decimal MadToSigma = 1.4826m;
    public const int MinimumHistory = 4;

    /// <summary>With a constant history, a move of more than a tenth of the constant is unusual.</summary>
    public const decimal ConstantTolerance = 0.1m;

    /// <summary>Checks <paramref name="value"/> against <paramref name="history"/> (the same kind of figure for earlier periods of the same kind).</summary>
    public static MovementCheck Check(decimal value, IReadOnlyCollection<decimal> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count < MinimumHistory)
        {
            return MovementCheck.NotJudged;
        }

        var median = Median(history);
        var distance = Math.Abs(value - median);
        var mad = Median([.. history.Select(h => Math.Abs(h - median))]);
        var scale = mad * MadToSigma;
        if (scale == 0m)
        {
            var unusual = median == 0m ? distance != 0m : distance > Math.Abs(median) * ConstantTolerance;
            return new MovementCheck(unusual, median, 0m, null);
        }

        var score = distance / scale;
        return new MovementCheck(score > Threshold, median, scale, score);
    }

    /// <summary>The warning's words, or null when the figure is not unusual: "1,950 is far from the usual (median 410 over 8 quarters)".</summary>
    public static string? Describe(MovementCheck check, decimal value, string figure, string periods)
    {
        ArgumentNullException.ThrowIfNull(check);
        if (!check.Unusual || check.Median is not { } median)
        {
            return null;
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"The {figure} {Show(value)} is far from this indicator's usual figures here (median {Show(median)} over its past {periods}). Check it; if it is right, say why in a note.");
    }

    /// <summary>The median: the middle value, or the mean of the two middle values.</summary>
    public static decimal Median(IReadOnlyCollection<decimal> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("The median of nothing is undefined.", nameof(values));
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2m;
    }

    private static string Show(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}
