using System.ComponentModel;
using System.Text.Json.Serialization;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Returns;
using GoldenThread.Domain.Timetable;
using GoldenThread.Returns;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Api.V1;

/// <summary>A return in a list: whose, its state and how far it has got.</summary>
[Description("A return in the list: one person's return for a quarter.")]
public sealed record ReturnSummaryDocument(
    [property: JsonPropertyName("id"), Description("The return's id, for GET and PUT /api/v1/returns/{id}.")] int Id,
    [property: JsonPropertyName("period"), Description("The quarter, such as 2009-10-Q3.")] string Period,
    [property: JsonPropertyName("state"), Description("not_started, in_progress, submitted, queried, quality_assured or signed_off.")] ReturnState State,
    [property: JsonPropertyName("assignee"), Description("The person the return is issued to, or null.")] string? Assignee,
    [property: JsonPropertyName("organisation"), Description("The organisation it comes from, or null.")] string? Organisation,
    [property: JsonPropertyName("deadline"), Description("The return deadline from the timetable (a date), or null when none is set.")] DateOnly? Deadline,
    [property: JsonPropertyName("late"), Description("Whether the deadline has passed with the return still not submitted.")] bool Late,
    [property: JsonPropertyName("lines"), Description("How many lines (figures due) it has.")] int Lines,
    [property: JsonPropertyName("may_enter"), Description("Whether the caller may save and submit it (else they may only read it).")] bool MayEnter);

/// <summary>The caller's returns for a quarter.</summary>
[Description("The returns of a quarter that the caller may read, ordered by id.")]
public sealed record ReturnListDocument(
    [property: JsonPropertyName("period"), Description("The quarter listed.")] string Period,
    [property: JsonPropertyName("returns"), Description("The returns.")] IReadOnlyList<ReturnSummaryDocument> Returns);

/// <summary>A return with its lines.</summary>
[Description("A return with its lines: what is due, the drafts saved so far, and what they give.")]
public sealed record ReturnDocument(
    [property: JsonPropertyName("id"), Description("The return's id.")] int Id,
    [property: JsonPropertyName("period"), Description("The quarter, such as 2009-10-Q3.")] string Period,
    [property: JsonPropertyName("state"), Description("not_started, in_progress, submitted, queried, quality_assured or signed_off. Only not_started, in_progress and queried returns may be changed.")] ReturnState State,
    [property: JsonPropertyName("assignee"), Description("The person the return is issued to, or null.")] string? Assignee,
    [property: JsonPropertyName("organisation"), Description("The organisation it comes from, or null.")] string? Organisation,
    [property: JsonPropertyName("deadline"), Description("The return deadline, or null when none is set.")] DateOnly? Deadline,
    [property: JsonPropertyName("late"), Description("Whether the deadline has passed with the return still not submitted.")] bool Late,
    [property: JsonPropertyName("submitted_at"), Description("When it was last submitted, or null.")] DateTimeOffset? SubmittedAt,
    [property: JsonPropertyName("query"), Description("The central team's query, when it was sent back, or null.")] string? Query,
    [property: JsonPropertyName("amendment"), Description("Whether it was signed off before: submitting it again needs a reason.")] bool Amendment,
    [property: JsonPropertyName("lines"), Description("Its lines, ordered by indicator, area and period.")] IReadOnlyList<ReturnLineDocument> Lines);

/// <summary>One line of a return.</summary>
[Description("One line: an indicator in an area for a period, what is due, the drafts, and the status they give.")]
public sealed record ReturnLineDocument(
    [property: JsonPropertyName("line"), Description("The line's id, used in PUT.")] int Line,
    [property: JsonPropertyName("indicator"), Description("The indicator's code.")] string Indicator,
    [property: JsonPropertyName("title"), Description("The indicator's title.")] string Title,
    [property: JsonPropertyName("area"), Description("The area's code.")] string Area,
    [property: JsonPropertyName("period"), Description("The values period the figures are for (a month, quarter, half or year).")] string Period,
    [property: JsonPropertyName("actual_due"), Description("Whether an actual is asked for.")] bool ActualDue,
    [property: JsonPropertyName("projected_outturn_due"), Description("Whether a projected outturn is asked for.")] bool ProjectedOutturnDue,
    [property: JsonPropertyName("draft"), Description("The figures saved so far.")] ReturnLineInputDocument Draft,
    [property: JsonPropertyName("carries_exception"), Description("Whether this line carries the exception report of its indicator and area (another line of the same indicator and area does otherwise).")] bool CarriesException,
    [property: JsonPropertyName("status"), Description("The status the drafts give at the return's quarter.")] Status Status,
    [property: JsonPropertyName("reason"), Description("Why that status, in words.")] string Reason,
    [property: JsonPropertyName("exception_required"), Description("The status that needs an exception report (red, amber, strong_green, no_data), or null.")] Status? ExceptionRequired,
    [property: JsonPropertyName("exception_fields"), Description("The exception fields that report needs, such as exception.reason.")] IReadOnlyList<string> ExceptionFields,
    [property: JsonPropertyName("warnings"), Description("Unusual movements of the drafts: each needs a movement_note before submission.")] IReadOnlyList<ReturnIssueDocument> Warnings,
    [property: JsonPropertyName("to_submit"), Description("What stops this line being submitted; empty when it is ready.")] IReadOnlyList<ReturnIssueDocument> ToSubmit);

/// <summary>A problem or warning of a line (or of the return as a whole: line 0).</summary>
[Description("A problem or warning: the line (0 for the return as a whole), the field and what.")]
public sealed record ReturnIssueDocument(
    [property: JsonPropertyName("line"), Description("The line's id, or 0 for the return as a whole (reason, query_answer).")] int Line,
    [property: JsonPropertyName("field"), Description("The field: actual, projected_outturn, note, movement_note, exception.reason..., reason, query_answer.")] string Field,
    [property: JsonPropertyName("message"), Description("What is wrong, in words.")] string Message);

/// <summary>The body of PUT /api/v1/returns/{id}.</summary>
[Description("Lines to save, and whether to submit. Lines left out keep their drafts.")]
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ReturnEntryDocument(
    [property: JsonPropertyName("lines"), Description("The lines to save, each replacing that line's draft.")] IReadOnlyList<ReturnLineInputDocument>? Lines = null,
    [property: JsonPropertyName("submit"), Description("true to submit the return after saving (all or nothing); false (the default) to save drafts only.")] bool Submit = false,
    [property: JsonPropertyName("reason"), Description("Why signed-off figures change: required when submitting a return that was signed off before.")] string? Reason = null,
    [property: JsonPropertyName("query_answer"), Description("The answer to the central team's query: required when submitting a queried return.")] string? QueryAnswer = null);

/// <summary>One line's figures, as saved or as sent.</summary>
[Description("One line's figures. A figure left out or null is N/A; an exception left out keeps the one drafted before.")]
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ReturnLineInputDocument(
    [property: JsonPropertyName("line"), Description("The line's id, from GET /api/v1/returns/{id}.")] int Line,
    [property: JsonPropertyName("actual"), Description("The actual, or null.")] decimal? Actual = null,
    [property: JsonPropertyName("projected_outturn"), Description("The projected outturn (the forecast of the year-end figure), or null.")] decimal? ProjectedOutturn = null,
    [property: JsonPropertyName("note"), Description("The commentary (at most 4000 characters), or null.")] string? Note = null,
    [property: JsonPropertyName("movement_note"), Description("The note confirming an unusual figure, or null.")] string? MovementNote = null,
    [property: JsonPropertyName("exception"), Description("The exception report of the line's indicator and area, or null to keep the one drafted.")] ExceptionDocument? Exception = null);

/// <summary>An exception report's fields.</summary>
[Description("An exception report's fields: red and amber need reason, plans, timescales, lead_partners and resources; strong green a cause (and an explanation when it is other); no data an assurance.")]
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ExceptionDocument(
    [property: JsonPropertyName("reason"), Description("The reason for the variance.")] string? Reason = null,
    [property: JsonPropertyName("plans"), Description("The plans to reduce it.")] string? Plans = null,
    [property: JsonPropertyName("timescales"), Description("The timescales.")] string? Timescales = null,
    [property: JsonPropertyName("lead_partners"), Description("The lead partners.")] string? LeadPartners = null,
    [property: JsonPropertyName("resources"), Description("The resources.")] string? Resources = null,
    [property: JsonPropertyName("cause"), Description("Strong green: target_setting, targeted_activity, front_loading or other.")] StrongGreenCause? Cause = null,
    [property: JsonPropertyName("explanation"), Description("Strong green: the explanation.")] string? Explanation = null,
    [property: JsonPropertyName("assurance"), Description("No data: assurance that delivery is taking place.")] string? Assurance = null);

/// <summary>Reads returns for the API: who may see which, and each as its document.</summary>
internal static class ReturnReader
{
    /// <summary>The returns of a quarter the person may read, with whether they may enter each.</summary>
    public static async Task<IReadOnlyList<ReturnSummaryDocument>> ListAsync(GoldenThreadDb db, string period, int personId, Actor actor, DateOnly today, CancellationToken cancellationToken)
    {
        var returns = await db.Returns.AsNoTracking()
            .Include(r => r.Assignee)
            .Include(r => r.Organisation)
            .Include(r => r.Lines).ThenInclude(l => l.Indicator)
            .AsSplitQuery()
            .Where(r => r.Period == period)
            .OrderBy(r => r.Id)
            .ToListAsync(cancellationToken);
        var deadline = await DeadlineAsync(db, period, cancellationToken);
        return
        [
            .. returns
                .Where(r => AccessRules.MayReadReturn(personId, actor, ReturnEntry.AccessOf(r)))
                .Select(r => new ReturnSummaryDocument(
                    r.Id,
                    r.Period,
                    r.State,
                    r.Assignee?.FullName,
                    r.Organisation?.Name,
                    deadline,
                    ReturnStates.IsLate(r.State, deadline, today),
                    r.Lines.Count,
                    AccessRules.MayEnterReturn(personId, actor, ReturnEntry.AccessOf(r)))),
        ];
    }

    /// <summary>The return as a document, from its snapshot (the drafts evaluated as the web form shows them).</summary>
    public static async Task<ReturnDocument> DocumentAsync(GoldenThreadDb db, ReturnSnapshot snapshot, DateOnly today, Domain.Indicators.FigureLimits limits, CancellationToken cancellationToken)
    {
        var entity = snapshot.Return;
        var deadline = await DeadlineAsync(db, entity.Period, cancellationToken);
        var previews = snapshot.Evaluate(today, limits).Lines.ToDictionary(p => p.LineId);
        var lines = snapshot.Lines.Select(line =>
        {
            var preview = previews[line.Id];
            var carries = snapshot.ExceptionLineOf(line).Id == line.Id;
            var exception = ReturnSnapshot.ExceptionOf(line);
            var draft = new ReturnLineInputDocument(
                line.Id,
                FigureStore.Normalise(line.Actual),
                FigureStore.Normalise(line.ProjectedOutturn),
                line.Note,
                line.MovementNote,
                carries
                    ? new ExceptionDocument(exception.Reason, exception.Plans, exception.Timescales, exception.LeadPartners, exception.Resources, exception.Cause, exception.Explanation, exception.Assurance)
                    : null);
            return new ReturnLineDocument(
                line.Id,
                line.Indicator!.Code,
                line.Indicator.Title,
                line.Area!.Code,
                line.Period,
                line.ActualDue,
                line.ProjectedOutturnDue,
                draft,
                carries,
                preview.Status,
                preview.Reason,
                preview.ExceptionRequired,
                preview.ExceptionFields,
                [.. preview.Warnings.Select(w => new ReturnIssueDocument(w.LineId, w.Field, w.Message))],
                [.. preview.Problems.Select(p => new ReturnIssueDocument(p.LineId, p.Field, p.Message))]);
        }).ToList();
        return new ReturnDocument(
            entity.Id,
            entity.Period,
            entity.State,
            entity.Assignee?.FullName,
            entity.Organisation?.Name,
            deadline,
            ReturnStates.IsLate(entity.State, deadline, today),
            entity.SubmittedAt,
            entity.Query,
            ReturnEntry.IsAmendment(entity),
            lines);
    }

    private static Task<DateOnly?> DeadlineAsync(GoldenThreadDb db, string period, CancellationToken cancellationToken) =>
        db.TimetableMilestones.AsNoTracking()
            .Where(m => m.Period == period && m.Milestone == Milestone.ReturnDeadline)
            .Select(m => (DateOnly?)m.Date)
            .SingleOrDefaultAsync(cancellationToken);
}
