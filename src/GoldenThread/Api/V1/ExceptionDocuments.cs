using System.ComponentModel;
using System.Text.Json.Serialization;
using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Intervention;
using GoldenThread.Exceptions;

namespace GoldenThread.Api.V1;

/// <summary>An exception report in a list.</summary>
[Description("An exception report: what it is about, what raised it and where it is in its life.")]
public sealed record ExceptionSummaryDocument(
    [property: JsonPropertyName("id"), Description("The exception report's id, for GET /api/v1/exceptions/{id}.")] int Id,
    [property: JsonPropertyName("indicator"), Description("The indicator's code.")] string Indicator,
    [property: JsonPropertyName("area"), Description("The area's code.")] string Area,
    [property: JsonPropertyName("period"), Description("The quarter it was raised for, such as 2009-10-Q3.")] string Period,
    [property: JsonPropertyName("kind"), Description("performance (raised by the assessment) or data_quality (raised by the data-quality rules).")] ExceptionKind Kind,
    [property: JsonPropertyName("status"), Description("A performance exception's status that raised it: red, amber, strong_green or no_data. Null for data quality.")] string? Status,
    [property: JsonPropertyName("cause"), Description("A data-quality exception's cause: late_twice_running, queried_repeatedly, amended_repeatedly or no_active_owner. Null for performance.")] string? Cause,
    [property: JsonPropertyName("state"), Description("required, drafted, submitted, noted, challenged, accepted or closed.")] ExceptionState State,
    [property: JsonPropertyName("body"), Description("The code of the body accountable for the indicator, whose members consider it; null when none.")] string? Body,
    [property: JsonPropertyName("stage"), Description("A data-quality exception's ladder stage (consecutive quarters with one, at most 3); null for performance, whose stage is the scorecard's.")] int? Stage,
    [property: JsonPropertyName("raised_at"), Description("When it was raised.")] DateTimeOffset? RaisedAt)
{
    public static ExceptionSummaryDocument From(ExceptionRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(
            row.Id, row.IndicatorCode, row.AreaCode, row.Period, row.Kind,
            row.Kind == ExceptionKind.Performance ? row.Status.Code() : null,
            row.Cause is { } cause ? Domain.Codes.Of(cause) : null, row.State, row.BodyCode, row.Stage, row.RaisedAt);
    }
}

/// <summary>Exception reports matching a filter.</summary>
[Description("The exception reports matching the filter, newest quarter first, then by indicator and area.")]
public sealed record ExceptionListDocument(
    [property: JsonPropertyName("exceptions"), Description("The exception reports.")] IReadOnlyList<ExceptionSummaryDocument> Exceptions);

/// <summary>One step of an exception report's history.</summary>
[Description("One step of an exception report's life.")]
public sealed record ExceptionStepDocument(
    [property: JsonPropertyName("at"), Description("When.")] DateTimeOffset At,
    [property: JsonPropertyName("action"), Description("raise, draft, submit, note, challenge, answer, accept or close.")] ExceptionAction Action,
    [property: JsonPropertyName("from"), Description("The state before.")] ExceptionState From,
    [property: JsonPropertyName("to"), Description("The state after.")] ExceptionState To,
    [property: JsonPropertyName("who"), Description("Who took it, in words (\"the system\" for the rules' own steps).")] string Who,
    [property: JsonPropertyName("text"), Description("The question, the answer, the note or the reason, when there was one.")] string? Text);

/// <summary>An exception report with its fields and its history.</summary>
[Description("An exception report with the fields its kind needs and every step of its life.")]
public sealed record ExceptionReportDocument(
    [property: JsonPropertyName("exception"), Description("What it is about and where it is.")] ExceptionSummaryDocument Exception,
    [property: JsonPropertyName("reason"), Description("Red or amber: the reason for the variance; data quality: the reason for the problem.")] string? Reason,
    [property: JsonPropertyName("plans"), Description("Red or amber: the plans to reduce the variance; data quality: what is done to put it right.")] string? Plans,
    [property: JsonPropertyName("timescales"), Description("Red or amber: the timescales.")] string? Timescales,
    [property: JsonPropertyName("lead_partners"), Description("Red or amber: the lead partners.")] string? LeadPartners,
    [property: JsonPropertyName("resources"), Description("Red or amber: the resources.")] string? Resources,
    [property: JsonPropertyName("strong_green_cause"), Description("Strong green: the cause (target_setting, targeted_activity, front_loading or other).")] string? StrongGreenCause,
    [property: JsonPropertyName("explanation"), Description("Strong green: the explanation.")] string? Explanation,
    [property: JsonPropertyName("assurance"), Description("No data: the assurance of delivery.")] string? Assurance,
    [property: JsonPropertyName("question"), Description("The body's latest question, when it challenged the report.")] string? Question,
    [property: JsonPropertyName("answer"), Description("The delivery lead's answer to it.")] string? Answer,
    [property: JsonPropertyName("closed_at"), Description("When it closed, or null while open.")] DateTimeOffset? ClosedAt,
    [property: JsonPropertyName("closed_reason"), Description("Why it closed, in words (\"Green at 2009-10 Q4: the status recovered.\").")] string? ClosedReason,
    [property: JsonPropertyName("steps"), Description("Its history, oldest first.")] IReadOnlyList<ExceptionStepDocument> Steps)
{
    public static ExceptionReportDocument From(ExceptionDetail detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        var r = detail.Report;
        return new(
            ExceptionSummaryDocument.From(detail.Row),
            r.Reason, r.Plans, r.Timescales, r.LeadPartners, r.Resources,
            r.StrongGreenCause is { } cause ? Domain.Codes.Of(cause) : null,
            r.Explanation, r.Assurance, r.Question, r.Answer, r.ClosedAt, r.ClosedReason,
            [.. detail.Steps.Select(s => new ExceptionStepDocument(s.At, s.Action, s.From, s.To, s.Who, s.Text))]);
    }
}

/// <summary>The accountable body's consideration of an exception report.</summary>
[Description("The body's consideration: note, challenge (with the question in text) or accept, with the words.")]
public sealed record ConsiderationDocument(
    [property: JsonPropertyName("decision"), Description("note, challenge or accept.")] string? Decision = null,
    [property: JsonPropertyName("text"), Description("The note, the question (needed to challenge) or the decision, in words.")] string? Text = null);

/// <summary>The delivery lead's answer to the body's question on a challenged exception report.</summary>
[Description("The answer to the accountable body's question.")]
public sealed record ChallengeAnswerDocument(
    [property: JsonPropertyName("answer"), Description("The answer, in words.")] string? Answer = null);

/// <summary>The central team's closing of an exception report by hand.</summary>
[Description("Why the exception report is closed by hand.")]
public sealed record ExceptionClosureDocument(
    [property: JsonPropertyName("reason"), Description("The reason, in words; kept as the report's closed_reason.")] string? Reason = null);

/// <summary>What the delivery lead writes in a data-quality exception report.</summary>
[Description("A data-quality exception report's words, saved or submitted to the accountable body.")]
public sealed record DataQualityWritingDocument(
    [property: JsonPropertyName("reason"), Description("The reason for the data-quality problem (needed to submit).")] string? Reason = null,
    [property: JsonPropertyName("plans"), Description("What is being done to put it right (needed to submit).")] string? Plans = null,
    [property: JsonPropertyName("submit"), Description("true to submit it to the accountable body; false or left out to save it as a draft.")] bool? Submit = null);
