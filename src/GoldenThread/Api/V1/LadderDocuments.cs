using System.ComponentModel;
using System.Text.Json.Serialization;
using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Intervention;
using GoldenThread.Intervention;

namespace GoldenThread.Api.V1;

/// <summary>
/// The ladder JSON of interchange.md as types. <see cref="LadderQuery.WriteJsonAsync"/> writes the body by hand (the
/// command line's <c>ladder --format json</c> prints the same bytes); these records declare its schema for OpenAPI.
/// </summary>
[Description("Who is at which stage of the ladder of intervention at a period, and why: one entry for each pair the scorecard has, in the scorecard's order.")]
public sealed record LadderDocument(
    [property: JsonPropertyName("period"), Description("The period, e.g. 2009-10-Q2.")]
    string Period,
    [property: JsonPropertyName("entries"), Description("One entry per indicator and area pair of the scorecard, ordered by indicator code, then area code (ordinal).")]
    IReadOnlyList<LadderEntryDocument> Entries);

/// <summary>One entry of <see cref="LadderDocument"/>.</summary>
[Description("An indicator in an area on the ladder at the period.")]
public sealed record LadderEntryDocument(
    [property: JsonPropertyName("indicator"), Description("The indicator's code.")]
    string Indicator,
    [property: JsonPropertyName("area"), Description("The area's code.")]
    string Area,
    [property: JsonPropertyName("stage"), Description("The stage shown, 0 to 3: the higher of computed_stage and manual_stage (the scorecard's ladder_stage).")]
    int Stage,
    [property: JsonPropertyName("computed_stage"), Description("The stage the rules of assessment.md compute from the run of off-trajectory quarters.")]
    int ComputedStage,
    [property: JsonPropertyName("manual_stage"), Description("The stage the executive board set by hand and has not cleared (0 for none).")]
    int ManualStage,
    [property: JsonPropertyName("status"), Description("The RAG status at the period.")]
    Status Status,
    [property: JsonPropertyName("off_trajectory"), Description("True when the period is off trajectory.")]
    bool OffTrajectory,
    [property: JsonPropertyName("reason"), Description("Why the stage shown is what it is, in words.")]
    string Reason,
    [property: JsonPropertyName("trigger"), Description("The manual trigger in force behind manual_stage, or null.")]
    LadderEntryTriggerDocument? Trigger);

/// <summary>The trigger behind an entry's manual stage.</summary>
[Description("The manual trigger in force: its id, stage, first quarter, who raised it and why.")]
public sealed record LadderEntryTriggerDocument(
    [property: JsonPropertyName("id"), Description("The trigger's id (GET /api/v1/ladder/triggers).")]
    int Id,
    [property: JsonPropertyName("stage"), Description("The stage set by hand, 1 to 3.")]
    int Stage,
    [property: JsonPropertyName("from_period"), Description("The first quarter it applies to.")]
    string FromPeriod,
    [property: JsonPropertyName("raised_by"), Description("Who raised it.")]
    string RaisedBy,
    [property: JsonPropertyName("raised_at"), Description("When it was raised.")]
    DateTimeOffset RaisedAt,
    [property: JsonPropertyName("reason"), Description("Why it was raised.")]
    string Reason);

/// <summary>A manual trigger, as GET and POST /api/v1/ladder/triggers answer.</summary>
[Description("A stage of the ladder set by hand by the executive board for an indicator in an area; it holds from from_period until the quarter it was cleared in.")]
public sealed record TriggerDocument(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("indicator"), Description("The indicator's code.")] string Indicator,
    [property: JsonPropertyName("area"), Description("The area's code.")] string Area,
    [property: JsonPropertyName("stage"), Description("1, 2 or 3.")] int Stage,
    [property: JsonPropertyName("from_period"), Description("The first quarter it applies to (the current period when raised).")] string FromPeriod,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("evidence"), Description("The evidence of under-performance.")] string Evidence,
    [property: JsonPropertyName("raised_by")] string RaisedBy,
    [property: JsonPropertyName("raised_at")] DateTimeOffset RaisedAt,
    [property: JsonPropertyName("cleared_in_period"), Description("The quarter it was cleared in (it holds for the quarters before), or null while it holds.")] string? ClearedInPeriod,
    [property: JsonPropertyName("cleared_by")] string? ClearedBy,
    [property: JsonPropertyName("cleared_at")] DateTimeOffset? ClearedAt,
    [property: JsonPropertyName("clear_reason")] string? ClearReason)
{
    internal static TriggerDocument Of(LadderTrigger t, string indicator, string area) =>
        new(t.Id, indicator, area, t.Stage, t.FromPeriod, t.Reason, t.Evidence, t.RaisedBy, t.RaisedAt, t.ClearedInPeriod, t.ClearedBy, t.ClearedAt, t.ClearReason);
}

/// <summary>The body of POST /api/v1/ladder/triggers.</summary>
[Description("Raise an indicator in an area to a stage by hand.")]
public sealed record TriggerRequestDocument(
    [property: JsonPropertyName("indicator"), Description("The indicator's code, e.g. NI 15.")] string? Indicator,
    [property: JsonPropertyName("area"), Description("The area's code, e.g. HRT.")] string? Area,
    [property: JsonPropertyName("stage"), Description("1, 2 or 3.")] int? Stage,
    [property: JsonPropertyName("reason"), Description("Why, in words.")] string? Reason,
    [property: JsonPropertyName("evidence"), Description("The evidence of under-performance, in words.")] string? Evidence);

/// <summary>The body of POST /api/v1/ladder/triggers/{id}/clearance.</summary>
[Description("Clear a stage set by hand.")]
public sealed record ClearanceRequestDocument(
    [property: JsonPropertyName("reason"), Description("Why it is cleared, in words.")] string? Reason);

/// <summary>An escalation, as GET /api/v1/escalations answers.</summary>
[Description("An issue about an indicator in an area climbing the governance chain, with each step's decision and date.")]
public sealed record EscalationDocument(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("indicator")] string Indicator,
    [property: JsonPropertyName("area")] string Area,
    [property: JsonPropertyName("period"), Description("The quarter it was raised in.")] string Period,
    [property: JsonPropertyName("issue")] string Issue,
    [property: JsonPropertyName("level"), Description("The level it stands at now.")] EscalationLevel Level,
    [property: JsonPropertyName("body"), Description("The code of the body at that level, or null (the delivery lead, central government).")] string? Body,
    [property: JsonPropertyName("state")] EscalationState State,
    [property: JsonPropertyName("raised_by")] string RaisedBy,
    [property: JsonPropertyName("raised_at")] DateTimeOffset RaisedAt,
    [property: JsonPropertyName("resolved_at")] DateTimeOffset? ResolvedAt,
    [property: JsonPropertyName("steps"), Description("Each step up the chain, and the resolution, oldest first (empty in the list).")] IReadOnlyList<EscalationStepDocument> Steps);

/// <summary>One step of <see cref="EscalationDocument"/>.</summary>
[Description("A decision: passing the issue up a level, or resolving it.")]
public sealed record EscalationStepDocument(
    [property: JsonPropertyName("from")] EscalationLevel From,
    [property: JsonPropertyName("to")] EscalationLevel To,
    [property: JsonPropertyName("to_body"), Description("The code of the body it went to, or null.")] string? ToBody,
    [property: JsonPropertyName("resolved")] bool Resolved,
    [property: JsonPropertyName("decision")] string Decision,
    [property: JsonPropertyName("decided_on")] DateOnly DecidedOn,
    [property: JsonPropertyName("who")] string Who);

/// <summary>The body of POST /api/v1/escalations.</summary>
[Description("An issue to escalate, about an indicator in an area named by its codes or by an exception report about it.")]
public sealed record EscalationRequestDocument(
    [property: JsonPropertyName("indicator"), Description("The indicator's code; with area, unless exception is given.")] string? Indicator = null,
    [property: JsonPropertyName("area"), Description("The area's code; with indicator, unless exception is given.")] string? Area = null,
    [property: JsonPropertyName("exception"), Description("The id of an exception report about the pair, instead of indicator and area.")] int? Exception = null,
    [property: JsonPropertyName("issue"), Description("What cannot be resolved, in words.")] string? Issue = null);

/// <summary>The body of POST /api/v1/escalations/{id}/decisions.</summary>
[Description("A decision at the level an escalation stands at.")]
public sealed record EscalationDecisionDocument(
    [property: JsonPropertyName("outcome"), Description("escalate (pass it one step up the chain) or resolve.")] string? Outcome = null,
    [property: JsonPropertyName("decision"), Description("The decision, in words.")] string? Decision = null,
    [property: JsonPropertyName("decided_on"), Description("The date of the decision, yyyy-mm-dd: today or before (a meeting's date).")] DateOnly? DecidedOn = null);
