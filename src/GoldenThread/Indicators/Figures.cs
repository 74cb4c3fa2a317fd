using System.Globalization;

namespace GoldenThread.Indicators;

/// <summary>How the pages write an indicator's figures: at the indicator's decimals, so a chart, a table and a sentence agree.</summary>
public static class Figures
{
    /// <summary>A value at <paramref name="decimals"/> places, half away from zero, with thousands separated: "1,172", "15.80", "-6.4".</summary>
    public static string Format(decimal value, int decimals)
    {
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        return rounded.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>PVT as the scorecard reports it: two places with a sign, "+15.79", "-10.53", "0.00".</summary>
    public static string Pvt(decimal pvt) => pvt.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);

    /// <summary>A tolerance or threshold in percent without needless zeros: "10", "7.5".</summary>
    public static string Percent(decimal percent) => percent.ToString("0.######", CultureInfo.InvariantCulture);
}
