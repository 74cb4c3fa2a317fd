namespace GoldenThread.Domain.Intervention;

/// <summary>
/// An indicator's place on the ladder of intervention in an area at a period: the stage the engine computed, the stage
/// the executive board set by hand (0 for none), and the stage shown, the higher of the two (assessment.md).
/// </summary>
public readonly record struct LadderStanding(int Computed, int Manual)
{
    public int Shown => Math.Max(Computed, Manual);

    /// <summary>Whether the stage shown is the manual one (the board's trigger is above the rule's).</summary>
    public bool IsManual => Manual > Computed;
}

/// <summary>How the stage shown moved from one period to the next.</summary>
public enum LadderMovement
{
    Unchanged,
    Escalated,
    DeEscalated,
}

/// <summary>The steps of the governance chain an unresolved issue climbs (Appendix B of the 2008 Staffordshire framework).</summary>
public enum EscalationLevel
{
    DeliveryLead,
    ThematicPartnership,
    ExecutiveBoard,
    StrategicBoard,
    CentralGovernment,
}

/// <summary>The chain's order and words.</summary>
public static class EscalationChain
{
    public static IReadOnlyList<EscalationLevel> All { get; } = Enum.GetValues<EscalationLevel>();

    /// <summary>The next level up, or null at the top (central government).</summary>
    public static EscalationLevel? Next(EscalationLevel level) =>
        level == EscalationLevel.CentralGovernment ? null : level + 1;

    public static string Code(EscalationLevel level) => Codes.Of(level);

    public static string Name(EscalationLevel level) => level switch
    {
        EscalationLevel.DeliveryLead => "Delivery lead",
        EscalationLevel.ThematicPartnership => "Thematic partnership",
        EscalationLevel.ExecutiveBoard => "Executive board",
        EscalationLevel.StrategicBoard => "Strategic board",
        EscalationLevel.CentralGovernment => "Central government",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };
}

/// <summary>Whether an escalated issue is still climbing or has been resolved.</summary>
public enum EscalationState
{
    Open,
    Resolved,
}

/// <summary>An action plan is recorded as a draft and then agreed with the partners (stage 2 needs an agreed one).</summary>
public enum ActionPlanState
{
    Draft,
    Agreed,
}

/// <summary>An action's priority (domain.md, Actions, risks and intervention).</summary>
public enum ActionPriority
{
    High,
    Medium,
    Low,
}

/// <summary>Where an action stands.</summary>
public enum ActionStatus
{
    NotStarted,
    OnTrack,
    AtRisk,
    OffTrack,
    Completed,
    Cancelled,
}

/// <summary>A stage 3 report request: asked by the executive board, answered by its owner, considered by the board.</summary>
public enum ReportRequestState
{
    Requested,
    Answered,
    Considered,
}

/// <summary>Why a person is told something by the intervention workflow (issue 11, item 6).</summary>
public enum NoticeKind
{
    /// <summary>An exception report needs writing (or answering after a challenge).</summary>
    ExceptionToWrite,

    /// <summary>An exception report waits for the body's consideration (to the body's secretary).</summary>
    ExceptionToConsider,

    /// <summary>A ladder stage changed (up or down, computed or by hand).</summary>
    StageChanged,

    /// <summary>Stage 2 without an agreed action plan.</summary>
    ActionPlanNeeded,

    /// <summary>A stage 3 report was requested of the person.</summary>
    ReportRequested,

    /// <summary>A requested report was answered (to the board's secretary).</summary>
    ReportAnswered,

    /// <summary>An escalation reached the person's body or them.</summary>
    EscalationReached,
}
