using GoldenThread.Domain.Assessment;

namespace GoldenThread.Domain.Returns;

/// <summary>An exception report's fields as entered (assessment.md, Exceptions); any may be missing.</summary>
public sealed record ExceptionFields(
    string? Reason = null,
    string? Plans = null,
    string? Timescales = null,
    string? LeadPartners = null,
    string? Resources = null,
    StrongGreenCause? Cause = null,
    string? Explanation = null,
    string? Assurance = null)
{
    public static ExceptionFields None { get; } = new();

    /// <summary>Whether nothing at all is filled in.</summary>
    public bool IsEmpty => this == None || (Blank(Reason) && Blank(Plans) && Blank(Timescales) && Blank(LeadPartners) && Blank(Resources)
        && Cause is null && Blank(Explanation) && Blank(Assurance));

    private static bool Blank(string? text) => string.IsNullOrWhiteSpace(text);
}

/// <summary>
/// Which fields an exception report needs for the status that raised it, and which of them are missing or too long
/// (assessment.md, Exceptions): red and amber need the reason, plans, timescales, lead partners and resources; strong
/// green a cause, and for "other" an explanation; no data the assurance of delivery. A report is complete when none is
/// missing, and a return cannot be submitted while one it needs is incomplete. Field names are the records' and the
/// problems' (<c>exception.reason</c>).
/// </summary>
public static class ExceptionRules
{
    /// <summary>The longest text a field may hold (the <c>exception_reports</c> columns).</summary>
    public const int TextLength = 4000;

    public const string Reason = "exception.reason";
    public const string Plans = "exception.plans";
    public const string Timescales = "exception.timescales";
    public const string LeadPartners = "exception.lead_partners";
    public const string Resources = "exception.resources";
    public const string Cause = "exception.cause";
    public const string Explanation = "exception.explanation";
    public const string Assurance = "exception.assurance";

    /// <summary>The fields a report raised by <paramref name="status"/> must hold; none when the status needs no report.</summary>
    public static IReadOnlyList<string> FieldsFor(Status status, StrongGreenCause? cause = null) => status switch
    {
        Status.Red or Status.Amber => [Reason, Plans, Timescales, LeadPartners, Resources],
        Status.StrongGreen => cause == StrongGreenCause.Other ? [Cause, Explanation] : [Cause],
        Status.NoData => [Assurance],
        _ => [],
    };

    /// <summary>What people call a field: "the proposed plans to reduce the variance".</summary>
    public static string Describe(string field) => field switch
    {
        Reason => "the reason for the variance from target",
        Plans => "the proposed plans to reduce the variance",
        Timescales => "the specific timescales for reducing it",
        LeadPartners => "the lead partners",
        Resources => "the resources for reducing it",
        Cause => "the reason for the strong performance",
        Explanation => "an explanation of the other reason",
        Assurance => "assurance of the delivery that is taking place",
        _ => field,
    };

    /// <summary>The problems with a report for <paramref name="status"/>: any field that is too long, then each needed field that is empty.</summary>
    public static IReadOnlyList<(string Field, string Message)> Problems(Status status, ExceptionFields fields) =>
        [.. TooLong(fields), .. Missing(status, fields)];

    /// <summary>The fields longer than <see cref="TextLength"/>: wrong whatever the status, so a draft with one is not saved.</summary>
    public static IReadOnlyList<(string Field, string Message)> TooLong(ExceptionFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var problems = new List<(string, string)>();
        foreach (var (field, text) in Texts(fields))
        {
            if (text is not null && text.Trim().Length > TextLength)
            {
                problems.Add((field, $"{Capitalise(Describe(field))} is {text.Trim().Length} characters long; it may have at most {TextLength}."));
            }
        }

        return problems;
    }

    /// <summary>The fields a report for <paramref name="status"/> needs that are empty: a return cannot be submitted while there are any.</summary>
    public static IReadOnlyList<(string Field, string Message)> Missing(Status status, ExceptionFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var why = status switch
        {
            Status.Red => "the figures give Red",
            Status.Amber => "the figures give Amber",
            Status.StrongGreen => "the figures give Strong Green",
            Status.NoData => "no projected outturn is given",
            _ => string.Empty,
        };
        var problems = new List<(string, string)>();
        foreach (var field in FieldsFor(status, fields.Cause))
        {
            var missing = field == Cause ? fields.Cause is null : string.IsNullOrWhiteSpace(Text(fields, field));
            if (missing)
            {
                problems.Add((field, $"Give {Describe(field)}: an exception report is needed because {why}."));
            }
        }

        return problems;
    }

    /// <summary>Whether a report for <paramref name="status"/> has every field it needs.</summary>
    public static bool IsComplete(Status status, ExceptionFields fields) =>
        Problems(status, fields).Count == 0;

    private static IEnumerable<(string Field, string? Text)> Texts(ExceptionFields fields) =>
    [
        (Reason, fields.Reason), (Plans, fields.Plans), (Timescales, fields.Timescales), (LeadPartners, fields.LeadPartners),
        (Resources, fields.Resources), (Explanation, fields.Explanation), (Assurance, fields.Assurance),
    ];

    private static string? Text(ExceptionFields fields, string field) => Texts(fields).FirstOrDefault(t => t.Field == field).Text;

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
