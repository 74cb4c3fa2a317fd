namespace GoldenThread.Web;

/// <summary>The service navigation: each page names its section in <c>ViewData["Section"]</c> to be marked current.</summary>
public static class Navigation
{
    public static IReadOnlyList<(string Href, string Label, string Key)> Items { get; } =
    [
        ("/", "Home", "home"),
        ("/scorecard", "Scorecard", "scorecard"),
        ("/indicators", "Indicators", "indicators"),
    ];
}
