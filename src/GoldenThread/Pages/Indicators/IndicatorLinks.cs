using GoldenThread.Domain.Periods;

namespace GoldenThread.Pages.Indicators;

/// <summary>The addresses of the indicator pages, built in one place: codes hold spaces ("NI 195"), so they are always escaped.</summary>
public static class IndicatorLinks
{
    public const string List = "/indicators";

    /// <summary>"/indicators/NI%20195", with "?area=WSX" when an area is named.</summary>
    public static string Indicator(string code, string? area = null) =>
        area is null
            ? $"{List}/{Uri.EscapeDataString(code)}"
            : $"{List}/{Uri.EscapeDataString(code)}?area={Uri.EscapeDataString(area)}";

    /// <summary>"/indicators/NI%20195/areas", with "?period=2009-10-Q2" when a period is named.</summary>
    public static string Areas(string code, Period? period = null) =>
        period is { } p
            ? $"{List}/{Uri.EscapeDataString(code)}/areas?period={p.Code}"
            : $"{List}/{Uri.EscapeDataString(code)}/areas";

    /// <summary>The central team's page for the indicators nobody active owns or deputises for.</summary>
    public const string Problems = "/indicators/problems";

    /// <summary>"/indicators/NI%20195/edit": the central team's page for the indicator's cycle details, owner and deputy.</summary>
    public static string Edit(string code) => $"{List}/{Uri.EscapeDataString(code)}/edit";
}
