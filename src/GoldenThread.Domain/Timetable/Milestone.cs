namespace GoldenThread.Domain.Timetable;

/// <summary>
/// The milestones of a period's reporting timetable, in the order they fall (Appendix A of the Staffordshire framework,
/// seeds/004). Some are one day (the deadline), some a span of days (the return window, the thematic meetings).
/// </summary>
public enum Milestone
{
    /// <summary>Data collection forms issued to indicator leads.</summary>
    FormsIssued,

    /// <summary>The end of the period.</summary>
    PeriodEnd,

    /// <summary>Indicator leads complete their returns: a span from the period end to the deadline.</summary>
    ReturnWindow,

    /// <summary>The deadline for every return.</summary>
    ReturnDeadline,

    /// <summary>The central team enters and quality-assures the data.</summary>
    QualityAssurance,

    /// <summary>Confirmation to the partnership team and the thematic partnerships' performance leads that all is in.</summary>
    AllInConfirmed,

    /// <summary>Thematic partnerships meet to consider their performance reports.</summary>
    ThematicMeetings,

    /// <summary>The final update of all performance information.</summary>
    FinalUpdate,

    /// <summary>The partnership team compiles the performance report.</summary>
    ReportCompiled,

    /// <summary>Papers sent to the executive board.</summary>
    ExecutivePapers,

    /// <summary>The executive board meets to review performance.</summary>
    ExecutiveMeeting,

    /// <summary>Papers sent to the strategic board.</summary>
    StrategicPapers,

    /// <summary>The strategic board meets to review performance.</summary>
    StrategicMeeting,

    /// <summary>The scrutiny panel considers the performance reports.</summary>
    ScrutinyMeeting,
}
