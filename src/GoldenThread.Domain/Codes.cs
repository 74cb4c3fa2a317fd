using System.Diagnostics.CodeAnalysis;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Intervention;
using GoldenThread.Domain.Partnership;
using GoldenThread.Domain.Returns;
using GoldenThread.Domain.Timetable;

namespace GoldenThread.Domain;

/// <summary>
/// The snake_case words that the interchange contract uses for the domain's enumerations, both ways.
/// </summary>
public static class Codes
{
    private static readonly Dictionary<Type, (string[] Words, Array Values)> Tables = new()
    {
        [typeof(Polarity)] = (["higher", "lower", "none"], new[] { Polarity.Higher, Polarity.Lower, Polarity.None }),
        [typeof(Frequency)] = (["monthly", "quarterly", "half_yearly", "annual"], new[] { Frequency.Monthly, Frequency.Quarterly, Frequency.HalfYearly, Frequency.Annual }),
        [typeof(Accumulation)] = (["snapshot", "cumulative"], new[] { Accumulation.Snapshot, Accumulation.Cumulative }),
        [typeof(Unit)] = (["percent", "percent_change", "number", "rate", "currency", "days", "score", "ratio"], new[] { Unit.Percent, Unit.PercentChange, Unit.Number, Unit.Rate, Unit.Currency, Unit.Days, Unit.Score, Unit.Ratio }),
        [typeof(OrganisationKind)] = (["council", "police", "health", "fire", "voluntary", "business", "other"], new[] { OrganisationKind.Council, OrganisationKind.Police, OrganisationKind.Health, OrganisationKind.Fire, OrganisationKind.Voluntary, OrganisationKind.Business, OrganisationKind.Other }),
        [typeof(BodyKind)] = (["strategic_board", "executive_board", "thematic_partnership", "lsp", "scrutiny", "other"], new[] { BodyKind.StrategicBoard, BodyKind.ExecutiveBoard, BodyKind.ThematicPartnership, BodyKind.Lsp, BodyKind.Scrutiny, BodyKind.Other }),
        [typeof(IndicatorType)] = (["input", "process", "output", "outcome", "perception"], new[] { IndicatorType.Input, IndicatorType.Process, IndicatorType.Output, IndicatorType.Outcome, IndicatorType.Perception }),
        [typeof(DataQualityRating)] = (["good", "adequate", "poor"], new[] { DataQualityRating.Good, DataQualityRating.Adequate, DataQualityRating.Poor }),
        [typeof(RiskLevel)] = (["low", "medium", "high"], new[] { RiskLevel.Low, RiskLevel.Medium, RiskLevel.High }),
        [typeof(StrongGreenCause)] = (["target_setting", "targeted_activity", "front_loading", "other"], new[] { StrongGreenCause.TargetSetting, StrongGreenCause.TargetedActivity, StrongGreenCause.FrontLoading, StrongGreenCause.Other }),
        [typeof(ReturnState)] = (["not_started", "in_progress", "submitted", "queried", "quality_assured", "signed_off"], new[] { ReturnState.NotStarted, ReturnState.InProgress, ReturnState.Submitted, ReturnState.Queried, ReturnState.QualityAssured, ReturnState.SignedOff }),
        [typeof(ReviewAction)] = (["accept", "query", "sign_off", "reopen", "chase"], new[] { ReviewAction.Accept, ReviewAction.Query, ReviewAction.SignOff, ReviewAction.Reopen, ReviewAction.Chase }),
        [typeof(Milestone)] = (["forms_issued", "period_end", "return_window", "return_deadline", "quality_assurance", "all_in_confirmed", "thematic_meetings", "final_update", "report_compiled", "executive_papers", "executive_meeting", "strategic_papers", "strategic_meeting", "scrutiny_meeting"], new[] { Milestone.FormsIssued, Milestone.PeriodEnd, Milestone.ReturnWindow, Milestone.ReturnDeadline, Milestone.QualityAssurance, Milestone.AllInConfirmed, Milestone.ThematicMeetings, Milestone.FinalUpdate, Milestone.ReportCompiled, Milestone.ExecutivePapers, Milestone.ExecutiveMeeting, Milestone.StrategicPapers, Milestone.StrategicMeeting, Milestone.ScrutinyMeeting }),
        [typeof(ExceptionState)] = (["required", "drafted", "submitted", "noted", "challenged", "accepted", "closed"], new[] { ExceptionState.Required, ExceptionState.Drafted, ExceptionState.Submitted, ExceptionState.Noted, ExceptionState.Challenged, ExceptionState.Accepted, ExceptionState.Closed }),
        [typeof(ExceptionAction)] = (["raise", "draft", "submit", "note", "challenge", "answer", "accept", "close"], new[] { ExceptionAction.Raise, ExceptionAction.Draft, ExceptionAction.Submit, ExceptionAction.Note, ExceptionAction.Challenge, ExceptionAction.Answer, ExceptionAction.Accept, ExceptionAction.Close }),
        [typeof(ExceptionKind)] = (["performance", "data_quality"], new[] { ExceptionKind.Performance, ExceptionKind.DataQuality }),
        [typeof(DataQualityCause)] = (["late_twice_running", "queried_repeatedly", "amended_repeatedly", "no_active_owner"], new[] { DataQualityCause.LateTwiceRunning, DataQualityCause.QueriedRepeatedly, DataQualityCause.AmendedRepeatedly, DataQualityCause.NoActiveOwner }),
        [typeof(LadderMovement)] = (["unchanged", "escalated", "de_escalated"], new[] { LadderMovement.Unchanged, LadderMovement.Escalated, LadderMovement.DeEscalated }),
        [typeof(EscalationLevel)] = (["delivery_lead", "thematic_partnership", "executive_board", "strategic_board", "central_government"], new[] { EscalationLevel.DeliveryLead, EscalationLevel.ThematicPartnership, EscalationLevel.ExecutiveBoard, EscalationLevel.StrategicBoard, EscalationLevel.CentralGovernment }),
        [typeof(EscalationState)] = (["open", "resolved"], new[] { EscalationState.Open, EscalationState.Resolved }),
        [typeof(ActionPlanState)] = (["draft", "agreed"], new[] { ActionPlanState.Draft, ActionPlanState.Agreed }),
        [typeof(ActionPriority)] = (["high", "medium", "low"], new[] { ActionPriority.High, ActionPriority.Medium, ActionPriority.Low }),
        [typeof(ActionStatus)] = (["not_started", "on_track", "at_risk", "off_track", "completed", "cancelled"], new[] { ActionStatus.NotStarted, ActionStatus.OnTrack, ActionStatus.AtRisk, ActionStatus.OffTrack, ActionStatus.Completed, ActionStatus.Cancelled }),
        [typeof(ReportRequestState)] = (["requested", "answered", "considered"], new[] { ReportRequestState.Requested, ReportRequestState.Answered, ReportRequestState.Considered }),
        [typeof(NoticeKind)] = (["exception_to_write", "exception_to_consider", "stage_changed", "action_plan_needed", "report_requested", "report_answered", "escalation_reached"], new[] { NoticeKind.ExceptionToWrite, NoticeKind.ExceptionToConsider, NoticeKind.StageChanged, NoticeKind.ActionPlanNeeded, NoticeKind.ReportRequested, NoticeKind.ReportAnswered, NoticeKind.EscalationReached }),
    };

    /// <summary>The contract's word for a value, e.g. <c>half_yearly</c>.</summary>
    public static string Of<T>(T value)
        where T : struct, Enum
    {
        var (words, values) = Tables[typeof(T)];
        var index = Array.IndexOf(values, value);
        return index >= 0 ? words[index] : throw new ArgumentOutOfRangeException(nameof(value), value, null);
    }

    /// <summary>Reads the contract's word for a value, ignoring case.</summary>
    public static bool TryParse<T>([NotNullWhen(true)] string? word, out T value)
        where T : struct, Enum
    {
        var (words, values) = Tables[typeof(T)];
        for (var i = 0; i < words.Length; i++)
        {
            if (string.Equals(words[i], word?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = (T)values.GetValue(i)!;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>The accepted words, for messages: "higher, lower or none".</summary>
    public static string Allowed<T>()
        where T : struct, Enum
    {
        var words = Tables[typeof(T)].Words;
        return string.Join(", ", words[..^1]) + " or " + words[^1];
    }
}
