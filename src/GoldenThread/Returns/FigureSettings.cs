using System.Globalization;
using GoldenThread.Domain.Indicators;

namespace GoldenThread.Returns;

/// <summary>The site's figure limits from configuration (<c>GoldenThread:Figures</c>), with the domain's defaults.</summary>
public static class FigureSettings
{
    public const string Section = "GoldenThread:Figures";

    /// <summary>Reads <c>GoldenThread:Figures:MaximumMagnitude</c>; a value that is not a positive number stops the start with a clear message.</summary>
    public static FigureLimits From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration[$"{Section}:MaximumMagnitude"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return FigureLimits.Default;
        }

        if (!decimal.TryParse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var maximum) || maximum <= 0)
        {
            throw new UserFacingException(
                $"{Section}:MaximumMagnitude is '{text}'; it must be a positive number, such as 1000000000000 (the largest figure accepted either side of zero).");
        }

        return new FigureLimits(maximum);
    }
}
