namespace GoldenThread.Web;

/// <summary>Reading the site's numeric settings, with one clear message naming the setting for a bad value.</summary>
internal static class Settings
{
    /// <summary>A whole number above zero from <paramref name="section"/>, or <paramref name="fallback"/> when unset.</summary>
    public static int PositiveWholeNumber(IConfigurationSection section, string key, int fallback)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new UserFacingException($"{section.Path}:{key} must be a whole number above zero, not '{text}'.");
    }
}
