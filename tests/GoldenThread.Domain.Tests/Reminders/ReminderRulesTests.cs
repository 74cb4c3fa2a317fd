using GoldenThread.Domain.Reminders;
using GoldenThread.Domain.Returns;
using GoldenThread.Domain.Timetable;

namespace GoldenThread.Domain.Tests;

/// <summary>When reminders fall: working days before the deadline, the working day after it, only while the return is owed.</summary>
public class ReminderRulesTests
{
    // Friday 16 October 2009; Monday 19 October is made a holiday in some tests.
    private static readonly DateOnly Deadline = new(2009, 10, 16);

    private static readonly WorkingDays Weekdays = new([]);

    private static readonly WorkingDays WeekdaysBut19October = new([new DateOnly(2009, 10, 19)]);

    [Theory]
    [InlineData(1, "2009-10-15")]
    [InlineData(3, "2009-10-13")]
    [InlineData(5, "2009-10-09")]
    [InlineData(6, "2009-10-08")]
    public void DueSoonDay_CountsWorkingDaysBackFromTheDeadline_SkippingWeekends(int daysBefore, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), ReminderRules.DueSoonDay(Deadline, daysBefore, Weekdays));

    [Fact]
    public void DueSoonDay_SkipsHolidays()
    {
        // Deadline Tuesday 20 October with Monday 19 a holiday: three working days before is Wednesday 14.
        Assert.Equal(new DateOnly(2009, 10, 14), ReminderRules.DueSoonDay(new DateOnly(2009, 10, 20), 3, WeekdaysBut19October));
    }

    [Fact]
    public void LateDay_IsTheNextWorkingDay_AfterAWeekendAndAHoliday()
    {
        Assert.Equal(new DateOnly(2009, 10, 19), ReminderRules.LateDay(Deadline, Weekdays));
        Assert.Equal(new DateOnly(2009, 10, 20), ReminderRules.LateDay(Deadline, WeekdaysBut19October));
        Assert.Equal(new DateOnly(2009, 10, 15), ReminderRules.LateDay(new DateOnly(2009, 10, 14), Weekdays));
    }

    [Fact]
    public void DeadlineReminders_AcrossTheDays_GiveDueSoonUpToTheDeadline_ThenLateFromTheNextWorkingDay()
    {
        var seen = new List<(string Today, string Reminders)>();
        for (var today = new DateOnly(2009, 10, 10); today <= new DateOnly(2009, 10, 21); today = today.AddDays(1))
        {
            var due = ReminderRules.DeadlineReminders(ReturnState.InProgress, false, Deadline, today, 3, Weekdays);
            seen.Add((today.ToString("dd", System.Globalization.CultureInfo.InvariantCulture), string.Join(",", due.Select(d => $"{ReminderRules.Code(d.Kind)}@{d.Day.Day}"))));
        }

        Assert.Equal(
            [
                ("10", ""), ("11", ""), ("12", ""), ("13", "due_soon@13"), ("14", "due_soon@13"), ("15", "due_soon@13"), ("16", "due_soon@13"),
                ("17", ""), ("18", ""), ("19", "late@19"), ("20", "late@19"), ("21", "late@19"),
            ],
            seen);
    }

    [Theory]
    [InlineData(ReturnState.NotStarted, false, true)]
    [InlineData(ReturnState.InProgress, false, true)]
    [InlineData(ReturnState.Submitted, true, false)]
    [InlineData(ReturnState.QualityAssured, true, false)]
    [InlineData(ReturnState.SignedOff, true, false)]
    [InlineData(ReturnState.Queried, true, false)]
    [InlineData(ReturnState.InProgress, true, false)] // reopened after sign-off: an amendment, not a late return
    public void DeadlineReminders_OnlyForAReturnNeverSubmitted(ReturnState state, bool everSubmitted, bool reminded)
    {
        Assert.Equal(reminded, ReminderRules.DeadlineReminders(state, everSubmitted, Deadline, new DateOnly(2009, 10, 14), 3, Weekdays).Count == 1);
        Assert.Equal(reminded, ReminderRules.DeadlineReminders(state, everSubmitted, Deadline, new DateOnly(2009, 10, 20), 3, Weekdays).Count == 1);
    }

    [Fact]
    public void StillApplies_NotWhenTheDeadlineMoved_NorForAnotherKindOrDay()
    {
        var tuesday = new DateOnly(2009, 10, 13);
        Assert.True(ReminderRules.StillApplies(ReminderKind.DueSoon, tuesday, ReturnState.NotStarted, false, Deadline, tuesday, 3, Weekdays));
        Assert.False(ReminderRules.StillApplies(ReminderKind.DueSoon, tuesday, ReturnState.NotStarted, false, Deadline.AddDays(7), tuesday, 3, Weekdays));
        Assert.False(ReminderRules.StillApplies(ReminderKind.DueSoon, tuesday, ReturnState.Submitted, true, Deadline, tuesday, 3, Weekdays));
        Assert.False(ReminderRules.StillApplies(ReminderKind.Late, tuesday, ReturnState.NotStarted, false, Deadline, tuesday, 3, Weekdays));
    }

    [Theory]
    [InlineData("2009-10-13", "due in 3 working days")]
    [InlineData("2009-10-15", "due tomorrow")]
    [InlineData("2009-10-16", "due today")]
    [InlineData("2009-10-17", "1 day late")]
    [InlineData("2009-10-20", "4 days late")]
    public void DueInWords_SaysHowFarOffOrHowLate(string today, string expected) =>
        Assert.Equal(expected, ReminderRules.DueInWords(Deadline, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), Weekdays));

    [Fact]
    public void Words_RoundTrip()
    {
        foreach (var kind in Enum.GetValues<ReminderKind>())
        {
            Assert.True(ReminderRules.TryParse(ReminderRules.Code(kind), out var parsed));
            Assert.Equal(kind, parsed);
        }

        Assert.False(ReminderRules.TryParse("soon", out _));
    }
}
