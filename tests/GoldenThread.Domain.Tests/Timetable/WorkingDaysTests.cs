using GoldenThread.Domain.Timetable;

namespace GoldenThread.Domain.Tests;

/// <summary>Adding and counting working days over weekends and bank holidays.</summary>
public class WorkingDaysTests
{
    private static readonly WorkingDays Calendar = WorkingDays.EnglandAndWales(2008, 2010);

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void IsWorkingDay_WeekendAndBankHoliday_AreNot()
    {
        Assert.True(Calendar.IsWorkingDay(D(2009, 4, 9)));      // Thursday before Easter
        Assert.False(Calendar.IsWorkingDay(D(2009, 4, 10)));    // Good Friday
        Assert.False(Calendar.IsWorkingDay(D(2009, 4, 11)));    // Saturday
        Assert.False(Calendar.IsWorkingDay(D(2009, 4, 12)));    // Sunday
        Assert.False(Calendar.IsWorkingDay(D(2009, 4, 13)));    // Easter Monday
        Assert.True(Calendar.IsWorkingDay(D(2009, 4, 14)));
    }

    [Fact]
    public void Add_AcrossEaster_SkipsTheFourDays()
    {
        Assert.Equal(D(2009, 4, 14), Calendar.Add(D(2009, 4, 9), 1));
        Assert.Equal(D(2009, 4, 9), Calendar.Add(D(2009, 4, 14), -1));
    }

    [Fact]
    public void Add_Zero_IsTheDateItselfEvenOnAWeekend()
    {
        Assert.Equal(D(2009, 4, 11), Calendar.Add(D(2009, 4, 11), 0));
    }

    [Fact]
    public void Add_FromAWeekend_CountsFromTheNextOrPreviousWorkingDay()
    {
        Assert.Equal(D(2009, 10, 5), Calendar.Add(D(2009, 10, 3), 1));    // Saturday + 1 = Monday
        Assert.Equal(D(2009, 10, 2), Calendar.Add(D(2009, 10, 3), -1));   // Saturday - 1 = Friday
    }

    [Fact]
    public void Add_OverChristmas2009_SkipsChristmasAndTheBoxingDaySubstitute()
    {
        // Thursday 24 December 2009 + 1 = Tuesday 29 December (25th Friday, 28th the Boxing Day substitute).
        Assert.Equal(D(2009, 12, 29), Calendar.Add(D(2009, 12, 24), 1));
    }

    [Fact]
    public void Count_Quarter2Deadline_IsEightWorkingDaysAfterTheQuarterEnd()
    {
        // Appendix A: the Q2 2008/09 returns were due by Friday 10 October, eight working days after 30 September.
        Assert.Equal(8, Calendar.Count(D(2008, 9, 30), D(2008, 10, 10)));
        Assert.Equal(-8, Calendar.Count(D(2008, 10, 10), D(2008, 9, 30)));
    }

    [Fact]
    public void Count_SameDay_IsZero()
    {
        Assert.Equal(0, Calendar.Count(D(2009, 4, 11), D(2009, 4, 11)));
    }

    [Fact]
    public void OnOrAfterAndOnOrBefore_BankHolidayWeekend_FindTheNearestWorkingDays()
    {
        Assert.Equal(D(2009, 4, 14), Calendar.OnOrAfter(D(2009, 4, 10)));
        Assert.Equal(D(2009, 4, 9), Calendar.OnOrBefore(D(2009, 4, 13)));
        Assert.Equal(D(2009, 4, 14), Calendar.OnOrAfter(D(2009, 4, 14)));
    }
}
