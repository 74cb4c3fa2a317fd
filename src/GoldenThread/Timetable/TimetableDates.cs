using System.Globalization;

namespace GoldenThread.Timetable;

/// <summary>Dates as the timetable writes them: "Friday 17 July 2009", and spans "Monday 27 April 2009 to Friday 8 May 2009".</summary>
public static class TimetableDates
{
    public static string Long(DateOnly date) => date.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string Span(DateOnly? starts, DateOnly date) =>
        starts is { } first && first != date ? $"{Long(first)} to {Long(date)}" : Long(date);

    /// <summary>The ISO form used in forms and on the command line: 2009-07-17.</summary>
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static bool TryParseIso(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
