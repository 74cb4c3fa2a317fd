namespace GoldenThread.Domain.Timetable;

/// <summary>What people read for each milestone: on the timetable page and as the calendar events' titles.</summary>
public static class Milestones
{
    private static readonly Dictionary<Milestone, string> Names = new()
    {
        [Milestone.FormsIssued] = "Data collection forms issued",
        [Milestone.PeriodEnd] = "End of the quarter",
        [Milestone.ReturnWindow] = "Indicator leads complete their returns",
        [Milestone.ReturnDeadline] = "Deadline for all returns",
        [Milestone.QualityAssurance] = "Data entered and quality-assured",
        [Milestone.AllInConfirmed] = "Confirmation that all information is in",
        [Milestone.ThematicMeetings] = "Thematic partnerships consider their reports",
        [Milestone.FinalUpdate] = "Final update of all performance information",
        [Milestone.ReportCompiled] = "Performance report compiled",
        [Milestone.ExecutivePapers] = "Papers sent to the executive board",
        [Milestone.ExecutiveMeeting] = "Executive board meets",
        [Milestone.StrategicPapers] = "Papers sent to the strategic board",
        [Milestone.StrategicMeeting] = "Strategic board meets",
        [Milestone.ScrutinyMeeting] = "Scrutiny panel considers the reports",
    };

    /// <summary>Every milestone, in the order they fall.</summary>
    public static IReadOnlyList<Milestone> All { get; } = Enum.GetValues<Milestone>();

    /// <summary>The milestone's name, as a sentence starting with a capital.</summary>
    public static string Name(Milestone milestone) => Names.GetValueOrDefault(milestone, milestone.ToString());
}
