using System.Globalization;

namespace GoldenThread.Pages.Bodies;

/// <summary>The bodies pages' addresses.</summary>
public static class BodyLinks
{
    public static string Body(string code) => $"/bodies/{Uri.EscapeDataString(code)}";

    public static string Edit(string code) => $"{Body(code)}/edit";

    public static string Meeting(string code, DateOnly date) => $"{Body(code)}/meetings/{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    /// <summary>An exception report's page (the exceptions pages').</summary>
    public static string Exception(int id) => string.Create(CultureInfo.InvariantCulture, $"/exceptions/{id}");

    /// <summary>"Stage 2", "Stage 2 (set by the executive board)", or "None".</summary>
    public static string Stage(int shown, bool manual) =>
        shown == 0 ? "None" : string.Create(CultureInfo.InvariantCulture, $"Stage {shown}{(manual ? " (set by hand)" : "")}");

    /// <summary>A date as people read it.</summary>
    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>A meeting's date, or its span: "4 to 8 November 2009".</summary>
    public static string When(GoldenThread.Bodies.BodyMeeting meeting)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        return meeting.Starts is { } starts && starts != meeting.Date ? $"{Date(starts)} to {Date(meeting.Date)}" : Date(meeting.Date);
    }
}
