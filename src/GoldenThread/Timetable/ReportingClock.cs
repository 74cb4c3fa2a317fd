using GoldenThread.Domain.Periods;

namespace GoldenThread.Timetable;

/// <summary>
/// The reporting calendar's "today": the date in England by <see cref="TimeProvider"/>, or a fixed date for a
/// site that runs on a clock of its own (the demonstration lives inside its data's years). Everything that asks
/// "which quarter is current" or "has this period started" asks this, never the figures that happen to exist.
/// Until the reporting timetable arrives, the current quarter is the latest quarter that has ended.
/// </summary>
public sealed class ReportingClock(TimeProvider time, DateOnly? fixedToday = null)
{
    private static readonly TimeZoneInfo England = FindEngland();

    /// <summary>The date the reporting calendar stands at.</summary>
    public DateOnly Today => fixedToday ?? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), England).DateTime);

    /// <summary>Whether the site runs on a date of its own rather than the real one (said on every page).</summary>
    public bool IsFixed => fixedToday is not null;

    /// <summary>The quarter reports are about: the latest quarter that has ended.</summary>
    public Period CurrentQuarter => Period.LatestEndedQuarter(Today);

    private static TimeZoneInfo FindEngland() =>
        TimeZoneInfo.TryFindSystemTimeZoneById("Europe/London", out var zone) ? zone : TimeZoneInfo.Utc;
}
