using GoldenThread.Domain;
using GoldenThread.Domain.Timetable;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Period = GoldenThread.Domain.Periods.Period;

namespace GoldenThread.Timetable;

/// <summary>
/// The timetable as an iCalendar feed (<c>/timetable.ics</c>) that people subscribe to in Outlook: one all-day event per
/// quarter and milestone (a span runs over its days), whose UID never changes (<c>2009-10-Q2-return_deadline@host</c>)
/// and whose SEQUENCE rises with each change of date, so that a moved date moves the event in people's calendars
/// instead of adding a second one.
/// </summary>
public static class TimetableCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";

    /// <summary>The event's UID: the quarter and the milestone's word, at the site's host name.</summary>
    public static string Uid(string period, Milestone milestone, string domain) => $"{period}-{Codes.Of(milestone)}@{domain}";

    /// <summary>Writes the feed of these milestones, stamped <paramref name="now"/>, with UIDs at <paramref name="domain"/>.</summary>
    public static string Write(IEnumerable<TimetableMilestone> milestones, DateTimeOffset now, string domain)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        var calendar = new Ical.Net.Calendar { ProductId = "-//GoldenThread//Reporting timetable//EN" };
        calendar.AddProperty("X-WR-CALNAME", "Reporting timetable");
        calendar.AddProperty("X-PUBLISHED-TTL", "PT12H");
        var stamp = new CalDateTime(now.UtcDateTime, "UTC");
        foreach (var milestone in milestones.OrderBy(m => m.Date).ThenBy(m => m.Milestone))
        {
            var quarter = Period.TryParse(milestone.Period, out var parsed) ? parsed.DisplayName : milestone.Period;
            var first = milestone.Starts ?? milestone.Date;
            calendar.Events.Add(new CalendarEvent
            {
                Uid = Uid(milestone.Period, milestone.Milestone, domain),
                Summary = $"{quarter}: {Milestones.Name(milestone.Milestone)}",
                Description = $"{Milestones.Name(milestone.Milestone)}, {quarter}: {TimetableDates.Span(milestone.Starts, milestone.Date)}.",
                DtStart = new CalDateTime(first),

                // An all-day event ends the day after its last day (RFC 5545, 3.6.1).
                DtEnd = new CalDateTime(milestone.Date.AddDays(1)),
                DtStamp = stamp,
                Sequence = milestone.Sequence,
                Transparency = "TRANSPARENT",
            });
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }
}
