using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace GoldenThread.Web.Forms;

/// <summary>A date as typed in a GOV.UK date input: the day, month and year fields as they came (any may be empty).</summary>
public sealed record DateParts(string? Day, string? Month, string? Year)
{
    public static DateParts Empty { get; } = new(null, null, null);

    public bool IsEmpty => string.IsNullOrWhiteSpace(Day) && string.IsNullOrWhiteSpace(Month) && string.IsNullOrWhiteSpace(Year);

    /// <summary>A stored date, to fill the fields with.</summary>
    public static DateParts Of(DateOnly? date) => date is { } d
        ? new(d.Day.ToString(CultureInfo.InvariantCulture), d.Month.ToString(CultureInfo.InvariantCulture), d.Year.ToString(CultureInfo.InvariantCulture))
        : Empty;

    /// <summary>The fields <c>{name}-day</c>, <c>{name}-month</c> and <c>{name}-year</c> of a posted form.</summary>
    public static DateParts From(IFormCollection form, string name)
    {
        ArgumentNullException.ThrowIfNull(form);
        return new(form[$"{name}-day"].ToString(), form[$"{name}-month"].ToString(), form[$"{name}-year"].ToString());
    }
}

/// <summary>What is wrong with a date as typed: the message, and the fields at fault (the error summary links to the first).</summary>
public sealed record DateProblem(string Message, IReadOnlyList<string> Parts)
{
    /// <summary>The problem against the first field at fault, <c>{name}-day</c> (or <c>-month</c>, <c>-year</c>), for the error summary.</summary>
    public FieldError For(string name) => new($"{name}-{Parts[0]}", Message);
}

/// <summary>
/// A GOV.UK date input (the <c>_DateInput</c> partial): a fieldset with its legend and hint, and the day, month and year
/// fields <c>{Name}-day</c>, <c>{Name}-month</c>, <c>{Name}-year</c>; the fields at fault are marked, and the error
/// summary links to the first of them. <see cref="Read"/> checks what was typed the GOV.UK way ("must include a month",
/// "must be a real date").
/// </summary>
public sealed record DateInput(string Name, string Legend, DateParts Value, DateProblem? Problem, string? Hint = "For example, 17 7 2009")
{
    public const string Day = "day";
    public const string Month = "month";
    public const string Year = "year";

    /// <summary>Whether the field (<see cref="Day"/>, <see cref="Month"/> or <see cref="Year"/>) is at fault.</summary>
    public bool IsWrong(string part) => Problem?.Parts.Contains(part) == true;

    /// <summary>
    /// The date typed, or what is wrong with it, in words about <paramref name="what"/> ("the date", "the first day",
    /// said with a capital at the start of a message). Nothing typed is no date and no problem: the caller says whether
    /// the date was needed.
    /// </summary>
    public static (DateOnly? Date, DateProblem? Problem) Read(DateParts parts, string what)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentException.ThrowIfNullOrEmpty(what);
        if (parts.IsEmpty)
        {
            return (null, null);
        }

        var subject = char.ToUpperInvariant(what[0]) + what[1..];
        var missing = new[] { (Day, parts.Day), (Month, parts.Month), (Year, parts.Year) }.Where(p => string.IsNullOrWhiteSpace(p.Item2)).Select(p => p.Item1).ToList();
        if (missing.Count > 0)
        {
            return (null, new DateProblem($"{subject} must include a {string.Join(" and ", missing)}", missing));
        }

        static int? Number(string? text) =>
            int.TryParse(text!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

        var (day, month, year) = (Number(parts.Day), Number(parts.Month), Number(parts.Year));
        if (parts.Year!.Trim().Length != 4 || year is null)
        {
            return (null, new DateProblem($"The year of {what} must include 4 numbers, like 2009", [Year]));
        }

        var wrong = new List<string>();
        if (month is not (>= 1 and <= 12))
        {
            wrong.Add(Month);
        }

        if (day is not >= 1 || (month is >= 1 and <= 12 && day > DateTime.DaysInMonth(year.Value, month.Value)) || day > 31)
        {
            wrong.Insert(0, Day);
        }

        return wrong.Count > 0
            ? (null, new DateProblem($"{subject} must be a real date", wrong))
            : (new DateOnly(year.Value, month!.Value, day!.Value), null);
    }
}
