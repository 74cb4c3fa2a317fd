using CsCheck;
using GoldenThread.Domain.Timetable;

namespace GoldenThread.Domain.Tests;

/// <summary>Properties of adding and counting working days, for any holidays.</summary>
public class WorkingDaysProperties
{
    private const int Iterations = 300;

    private static readonly DateOnly Origin = new(2008, 1, 1);

    private static readonly Gen<DateOnly> Day = Gen.Int[0, 3 * 365].Select(n => Origin.AddDays(n));

    // Up to 60 random holidays, some of them on weekends, plus the real ones of the years, so that runs of holidays
    // next to weekends turn up often.
    private static readonly Gen<WorkingDays> Calendar =
        Day.Array[0, 60].Select(extra => WorkingDays.EnglandAndWales(2007, 2012, extra));

    [Fact]
    public void Add_ThenCount_GivesBackTheNumber()
    {
        Gen.Select(Calendar, Day, Gen.Int[-80, 80]).Sample((calendar, from, n) =>
        {
            Assert.Equal(n, calendar.Count(from, calendar.Add(from, n)));
        }, iter: Iterations);
    }

    [Fact]
    public void Count_ThenAdd_GivesBackAnyWorkingDay()
    {
        Gen.Select(Calendar, Day, Day).Sample((calendar, from, to) =>
        {
            var working = calendar.OnOrAfter(to);

            Assert.Equal(working, calendar.Add(from, calendar.Count(from, working)));
        }, iter: Iterations);
    }

    [Fact]
    public void Add_NonZero_NeverLandsOnAWeekendOrHoliday()
    {
        Gen.Select(Calendar, Day, Gen.Int[-80, 80].Where(n => n != 0)).Sample((calendar, from, n) =>
        {
            var landed = calendar.Add(from, n);

            Assert.True(calendar.IsWorkingDay(landed), $"{from} + {n} = {landed}, not a working day");
            Assert.DoesNotContain(landed, calendar.Holidays);
            Assert.True(landed.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
            Assert.Equal(Math.Sign(n), landed.CompareTo(from));
        }, iter: Iterations);
    }

    [Fact]
    public void Count_AnyTwoDays_AgreesWithCountingDayByDay()
    {
        Gen.Select(Calendar, Day, Day).Sample((calendar, from, to) =>
        {
            var expected = 0;
            for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
            {
                expected += calendar.IsWorkingDay(day) ? 1 : 0;
            }

            for (var day = to; day < from; day = day.AddDays(1))
            {
                expected -= calendar.IsWorkingDay(day) ? 1 : 0;
            }

            Assert.Equal(expected, calendar.Count(from, to));
        }, iter: Iterations);
    }
}
