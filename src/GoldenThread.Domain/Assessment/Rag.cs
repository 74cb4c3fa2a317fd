using GoldenThread.Domain.Indicators;

namespace GoldenThread.Domain.Assessment;

/// <summary>Performance versus target and the RAG band it falls in (assessment.md, "PVT" and "RAG status").</summary>
public static class Rag
{
    /// <summary>
    /// The unrounded percentage by which <paramref name="projected"/> beats (positive) or misses (negative)
    /// <paramref name="target"/>; null when the target is zero, where a percentage means nothing.
    /// </summary>
    public static decimal? Pvt(Polarity polarity, decimal target, decimal projected)
    {
        if (target == 0m || polarity == Polarity.None)
        {
            return null;
        }

        decimal pvt;
        try
        {
            pvt = (projected - target) * 100m / Math.Abs(target);
        }
        catch (OverflowException)
        {
            // A figure near the largest decimal: the PVT is beyond every band, so it stands at the largest value
            // of its sign rather than failing the whole scorecard.
            pvt = projected > target ? decimal.MaxValue : decimal.MinValue;
        }

        return polarity == Polarity.Lower ? -pvt : pvt;
    }

    /// <summary>PVT as reported: two decimal places, half away from zero.</summary>
    public static decimal RoundPvt(decimal pvt) => Math.Round(pvt, 2, MidpointRounding.AwayFromZero);

    /// <summary>The band for an unrounded PVT: Red below -A, Amber to 0, Green to +G inclusive, Strong Green above.</summary>
    public static Status Band(decimal pvt, Tolerances tolerances) => pvt switch
    {
        _ when pvt < -tolerances.Amber => Status.Red,
        _ when pvt < 0m => Status.Amber,
        _ when pvt <= tolerances.StrongGreen => Status.Green,
        _ => Status.StrongGreen,
    };

    /// <summary>
    /// The status of a projected outturn against a current target for an indicator with a polarity:
    /// banded by PVT, or against a zero target Green when met or beaten and Red otherwise.
    /// </summary>
    public static (decimal? Pvt, Status Status) Rate(Polarity polarity, decimal target, decimal projected, Tolerances tolerances)
    {
        if (polarity == Polarity.None)
        {
            return (null, Status.DataOnly);
        }

        if (target == 0m)
        {
            var met = polarity == Polarity.Higher ? projected >= target : projected <= target;
            return (null, met ? Status.Green : Status.Red);
        }

        var pvt = Pvt(polarity, target, projected)!.Value;
        return (pvt, Band(pvt, tolerances));
    }
}
