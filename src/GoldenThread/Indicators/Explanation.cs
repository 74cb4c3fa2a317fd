using System.Globalization;
using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Periods;
using GoldenThread.Scorecard;

namespace GoldenThread.Indicators;

/// <summary>
/// Why an assessment came out as it did, in plain English, following assessment.md rule by rule: the status from
/// the figure, the target and the bands in force; the trend and the direction of travel in words.
/// </summary>
public static class Explanation
{
    /// <summary>
    /// The reason for the assessment's status: "Projected outturn 85 is 10.53% below the target of 95; Red is below -10%."
    /// </summary>
    /// <param name="rules">The indicator's rules (its polarity, decimals and any tolerances of its own).</param>
    /// <param name="systemTolerances">The system's tolerances; the indicator's own override them.</param>
    /// <param name="assessment">What the assessor said.</param>
    /// <param name="supplier">
    /// The period whose row supplied the value (<see cref="Assessor.ValueAt"/>); null when it was the assessed period itself
    /// or there was none. The explanation names it when it is not the assessed period.
    /// </param>
    public static string For(IndicatorRules rules, Tolerances systemTolerances, Assessment assessment, Period? supplier = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(systemTolerances);
        ArgumentNullException.ThrowIfNull(assessment);

        var period = assessment.Period;
        var from = supplier ?? period;
        switch (assessment.Status)
        {
            case Status.DataOnly:
                return "Data only: this indicator is monitored without a target and is never rated.";
            case Status.NoTarget:
                return period.Kind == PeriodKind.Year
                    ? $"No annual target was set for {period.DisplayName}, so its outturn is not rated."
                    : $"No annual target is set for {period.FinancialYear.DisplayName}, so no status can be given; the performance team should set one.";
            case Status.NoData:
                return NoData(rules, assessment, from);
        }

        if (assessment.CurrentTarget is not { } target)
        {
            // The statuses above cover every assessment without a target; this guards a hand-built one.
            return $"No annual target is set for {period.FinancialYear.DisplayName}.";
        }

        var outturnStoodIn = assessment.OutturnStoodIn;
        var judged = outturnStoodIn ? assessment.Actual : assessment.ProjectedOutturn;
        if (judged is not { } figure)
        {
            return $"No projected outturn was given for {period.DisplayName}.";
        }

        var name = outturnStoodIn ? "Outturn" : "Projected outturn";
        var given = from != period ? $", given for {from.DisplayName}," : string.Empty;
        var subject = $"{name} {Show(figure, rules)}{given}";
        var targetText = Show(target, rules);

        if (target == 0m)
        {
            return $"{subject} {ZeroTargetComparison(rules.Polarity, figure, targetText)}; with a target of 0 there is no percentage (PVT): Green is meeting or beating it, Red is missing it.";
        }

        var tolerances = rules.TolerancesWithin(systemTolerances);
        var pvt = Rag.Pvt(rules.Polarity, target, figure)!.Value;
        var band = Band(Rag.Band(pvt, tolerances), tolerances);
        var difference = figure - target;
        if (difference == 0m)
        {
            return $"{subject} meets the target of {targetText}; {band}.";
        }

        var size = Size(pvt, tolerances);
        var side = difference > 0m ? "above" : "below";
        return rules.Polarity == Polarity.Lower
            ? $"{subject} is {size} {side} the target of {targetText}, which is {(difference > 0m ? "worse" : "better")} when lower is better; PVT {Figures.Pvt(Rag.RoundPvt(pvt))}%, and {band}."
            : $"{subject} is {size} {side} the target of {targetText}; {band}.";
    }

    /// <summary>The short-term trend in words: "Improving for 2 quarters", or "No trend".</summary>
    public static string Trend(IndicatorRules rules, Assessment assessment)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(assessment);
        return Wording.DescribeTrend(assessment.Trend, assessment.TrendPeriods, rules.Frequency);
    }

    /// <summary>The direction of travel in words: "Worsening on a year earlier".</summary>
    public static string DirectionOfTravel(Assessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        return assessment.DirectionOfTravel == Direction.None
            ? "Not known: a figure is missing, now or a year earlier"
            : $"{assessment.DirectionOfTravel.Name()} on a year earlier";
    }

    /// <summary>What a band means with the tolerances in force: "Red is below -10%".</summary>
    public static string Band(Status status, Tolerances tolerances)
    {
        ArgumentNullException.ThrowIfNull(tolerances);
        var amber = Figures.Percent(tolerances.Amber);
        var strong = Figures.Percent(tolerances.StrongGreen);
        return status switch
        {
            Status.Red => $"Red is below -{amber}%",
            Status.Amber => $"Amber is from -{amber}% to just below 0%",
            Status.Green => $"Green is from 0% to +{strong}%",
            Status.StrongGreen => $"Strong green is above +{strong}%",
            _ => $"{status.Name()} is not a band",
        };
    }

    /// <summary>A value as the indicator shows it, at its decimals.</summary>
    internal static string Show(decimal value, IndicatorRules rules) => Figures.Format(value, rules.Decimals);

    private static string NoData(IndicatorRules rules, Assessment assessment, Period from)
    {
        var period = assessment.Period;
        var missing = period.Kind == PeriodKind.Year ? "No outturn or projected outturn" : "No projected outturn";
        var actual = assessment.Actual is { } a ? $", only an actual of {Show(a, rules)}" : string.Empty;
        var source = from != period ? $" (the latest figures inside it are for {from.DisplayName})" : string.Empty;
        return $"{missing} was given for {period.DisplayName}{source}{actual}, so no status can be worked out; an exception report must give assurance of the delivery taking place.";
    }

    private static string ZeroTargetComparison(Polarity polarity, decimal figure, string targetText)
    {
        if (figure == 0m)
        {
            return $"meets the target of {targetText}";
        }

        var above = figure > 0m;
        var better = polarity == Polarity.Higher ? above : !above;
        var side = above ? "above" : "below";
        var qualifier = polarity == Polarity.Lower ? $", which is {(better ? "better" : "worse")} when lower is better" : string.Empty;
        return $"is {side} the target of {targetText}{qualifier}, so the target is {(better ? "beaten" : "missed")}";
    }

    /// <summary>
    /// How far from target, as the reported (rounded) PVT; where rounding lands on a band's edge that the unrounded
    /// value is not on, says which side it is, so that "10.00% below" never reads as Amber when it is Red.
    /// </summary>
    private static string Size(decimal pvt, Tolerances tolerances)
    {
        var rounded = Rag.RoundPvt(pvt);
        var magnitude = Math.Abs(rounded);
        if (magnitude == 0m)
        {
            return "less than 0.01%";
        }

        var text = magnitude.ToString("0.00", CultureInfo.InvariantCulture) + "%";
        if (rounded != pvt && (rounded == -tolerances.Amber || rounded == tolerances.StrongGreen))
        {
            return (Math.Abs(pvt) > magnitude ? "just over " : "just under ") + text;
        }

        return text;
    }
}
