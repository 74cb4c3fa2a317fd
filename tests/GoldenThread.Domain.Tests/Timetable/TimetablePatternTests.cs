using GoldenThread.Domain.Periods;
using GoldenThread.Domain.Timetable;

namespace GoldenThread.Domain.Tests;

/// <summary>Generating a quarter's milestones from the pattern, against Appendix A's 2008/09 dates.</summary>
public class TimetablePatternTests
{
    private static readonly WorkingDays Calendar = WorkingDays.EnglandAndWales(2008, 2010);

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private static Dictionary<Milestone, MilestoneDate> Generate(string quarter, TimetablePattern? pattern = null) =>
        TimetablePattern.Generate(Period.Parse(quarter), pattern ?? TimetablePattern.Default, Calendar).ToDictionary(m => m.Milestone);

    [Fact]
    public void Generate_Default2008Q3_GivesAppendixAButTheFormsDay()
    {
        var q3 = Generate("2008-09-Q3");

        Assert.Equal(D(2008, 12, 15), q3[Milestone.FormsIssued].Date);  // the seed: 17 December
        Assert.Equal(new MilestoneDate(Milestone.PeriodEnd, null, D(2008, 12, 31)), q3[Milestone.PeriodEnd]);
        Assert.Equal(new MilestoneDate(Milestone.ReturnWindow, D(2008, 12, 31), D(2009, 1, 16)), q3[Milestone.ReturnWindow]);
        Assert.Equal(D(2009, 1, 16), q3[Milestone.ReturnDeadline].Date);
        Assert.Equal(new MilestoneDate(Milestone.QualityAssurance, D(2009, 1, 19), D(2009, 1, 22)), q3[Milestone.QualityAssurance]);
        Assert.Equal(D(2009, 1, 23), q3[Milestone.AllInConfirmed].Date);
        Assert.Equal(new MilestoneDate(Milestone.ThematicMeetings, D(2009, 1, 26), D(2009, 2, 6)), q3[Milestone.ThematicMeetings]);
        Assert.Equal(D(2009, 2, 9), q3[Milestone.FinalUpdate].Date);
        Assert.Equal(new MilestoneDate(Milestone.ReportCompiled, D(2009, 2, 10), D(2009, 2, 12)), q3[Milestone.ReportCompiled]);
        Assert.Equal(D(2009, 2, 12), q3[Milestone.ExecutivePapers].Date);
        Assert.Equal(D(2009, 2, 19), q3[Milestone.ExecutiveMeeting].Date);
        Assert.Equal(D(2009, 4, 3), q3[Milestone.ScrutinyMeeting].Date);
    }

    [Fact]
    public void Generate_Default2008Q3_HasNoStrategicBoard()
    {
        var q3 = Generate("2008-09-Q3");

        Assert.False(q3.ContainsKey(Milestone.StrategicPapers));
        Assert.False(q3.ContainsKey(Milestone.StrategicMeeting));
        Assert.Equal(12, q3.Count);
        Assert.Equal(14, Generate("2008-09-Q4").Count);
    }

    [Fact]
    public void Generate_Default2008Q4_GivesAppendixAAcrossEaster()
    {
        var q4 = Generate("2008-09-Q4");

        Assert.Equal(D(2009, 3, 17), q4[Milestone.FormsIssued].Date);
        Assert.Equal(D(2009, 4, 17), q4[Milestone.ReturnDeadline].Date);   // Good Friday and Easter Monday skipped
        Assert.Equal(new MilestoneDate(Milestone.QualityAssurance, D(2009, 4, 20), D(2009, 4, 23)), q4[Milestone.QualityAssurance]);
        Assert.Equal(D(2009, 4, 24), q4[Milestone.AllInConfirmed].Date);
        Assert.Equal(D(2009, 4, 27), q4[Milestone.ThematicMeetings].Starts);
        Assert.Equal(D(2009, 6, 11), q4[Milestone.StrategicPapers].Date);
        Assert.Equal(D(2009, 6, 18), q4[Milestone.StrategicMeeting].Date);
    }

    [Fact]
    public void Generate_Default2008Q2_GivesTheSeedsFormsDay()
    {
        Assert.Equal(D(2008, 9, 16), Generate("2008-09-Q2")[Milestone.FormsIssued].Date);
    }

    [Fact]
    public void Generate_EveryMilestoneButThePeriodEnd_FallsOnAWorkingDay()
    {
        foreach (var quarter in Period.Parse("2009-10").PeriodsOfYear(PeriodKind.Quarter))
        {
            foreach (var milestone in TimetablePattern.Generate(quarter, TimetablePattern.Default, Calendar).Where(m => m.Milestone != Milestone.PeriodEnd))
            {
                Assert.True(Calendar.IsWorkingDay(milestone.Date), $"{quarter} {milestone.Milestone} on {milestone.Date}");
            }
        }
    }

    [Fact]
    public void Generate_NotAQuarter_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => TimetablePattern.Generate(Period.Parse("2009-10-H1"), TimetablePattern.Default, Calendar));
    }

    [Fact]
    public void Problems_Default_AreNone()
    {
        Assert.Empty(TimetablePattern.Default.Problems());
    }

    [Fact]
    public void Problems_SpanEndingBeforeItStarts_NamesTheMilestone()
    {
        var pattern = new TimetablePattern(TimetablePattern.Default.Rules.Select(r =>
            r.Milestone == Milestone.ThematicMeetings ? r with { StartOffset = 30, EndOffset = 20 } : r));

        var problem = Assert.Single(pattern.Problems());
        Assert.Equal(Milestone.ThematicMeetings, problem.Milestone);
        Assert.Contains("starts (30) after it ends (20)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_DeadlineMissingInAQuarter_IsAProblem()
    {
        var pattern = new TimetablePattern(TimetablePattern.Default.Rules.Select(r =>
            r.Milestone == Milestone.ReturnDeadline ? r with { Quarters = QuarterSet.Q1 | QuarterSet.Q2 } : r));

        Assert.Contains(pattern.Problems(), p => p.Milestone == Milestone.ReturnDeadline);
    }

    [Fact]
    public void Problems_OffsetTooFar_IsAProblem()
    {
        var pattern = new TimetablePattern(TimetablePattern.Default.Rules.Select(r =>
            r.Milestone == Milestone.ScrutinyMeeting ? r with { EndOffset = MilestoneRule.MaxOffset + 1 } : r));

        Assert.Contains(pattern.Problems(), p => p.Milestone == Milestone.ScrutinyMeeting);
    }
}
