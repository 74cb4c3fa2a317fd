using System.Globalization;

namespace GoldenThread.Domain.Tests;

/// <summary>Decimals for theory data: attributes cannot hold decimals, so figures are written as text.</summary>
internal static class Numbers
{
    public static decimal Number(string text) => decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
}
