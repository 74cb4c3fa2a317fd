using GoldenThread.Domain.Returns;
using GoldenThread.Domain.Timetable;

namespace GoldenThread.Domain.Reminders;

/// <summary>Why a person is reminded about a return.</summary>
public enum ReminderKind
{
    /// <summary>The deadline is a set number of working days away and the return has not been submitted.</summary>
    DueSoon,

    /// <summary>The deadline has passed and the return has still not been submitted (sent on the next working day).</summary>
    Late,

    /// <summary>The central team sent the return back with a query.</summary>
    Queried,
}

/// <summary>
/// When a return's assignee is reminded, as pure rules over dates (docs/decisions, reminders). A reminder belongs to
/// a day (or, for a query, to the query's number), so that however often the plan runs it names the same reminder.
/// </summary>
public static class ReminderRules
{
    /// <summary>How many working days before the deadline the first reminder goes, unless the operator sets another.</summary>
    public const int DefaultDaysBefore = 3;

    /// <summary>The stored word, e.g. <c>due_soon</c>.</summary>
    public static string Code(ReminderKind kind) => kind switch
    {
        ReminderKind.DueSoon => "due_soon",
        ReminderKind.Late => "late",
        ReminderKind.Queried => "queried",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static IReadOnlyList<(ReminderKind Kind, string Word)> Words { get; } =
        [.. Enum.GetValues<ReminderKind>().Select(k => (k, Code(k)))];

    public static bool TryParse(string? word, out ReminderKind kind)
    {
        foreach (var (candidate, code) in Words)
        {
            if (string.Equals(code, word?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>
    /// The day the "due soon" reminder goes: <paramref name="daysBefore"/> working days before the deadline (the
    /// deadline itself not counted), so with 3 and a Friday deadline it is the Tuesday before.
    /// </summary>
    public static DateOnly DueSoonDay(DateOnly deadline, int daysBefore, WorkingDays calendar)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(daysBefore, 1);
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.Add(deadline, -daysBefore);
    }

    /// <summary>The day the "late" reminder goes: the first working day after the deadline.</summary>
    public static DateOnly LateDay(DateOnly deadline, WorkingDays calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.Add(deadline, 1);
    }

    /// <summary>
    /// Whether the return is still owed for the first time: never submitted, and not started or in progress. A return
    /// that was submitted once and has come back (a query, a reopening) is reminded about by its query, not its deadline.
    /// </summary>
    public static bool NotYetSubmitted(ReturnState state, bool everSubmitted) =>
        !everSubmitted && state is ReturnState.NotStarted or ReturnState.InProgress;

    /// <summary>
    /// The deadline reminders that apply on <paramref name="today"/>, each with the day it belongs to: "due soon" from
    /// its day up to the deadline, "late" from its day on while the return is still owed. Planning late (the worker was
    /// stopped) still finds them; the day they belong to keeps each to one.
    /// </summary>
    public static IReadOnlyList<(ReminderKind Kind, DateOnly Day)> DeadlineReminders(
        ReturnState state, bool everSubmitted, DateOnly deadline, DateOnly today, int daysBefore, WorkingDays calendar)
    {
        if (!NotYetSubmitted(state, everSubmitted))
        {
            return [];
        }

        var dueSoon = DueSoonDay(deadline, daysBefore, calendar);
        if (today >= dueSoon && today <= deadline)
        {
            return [(ReminderKind.DueSoon, dueSoon)];
        }

        var late = LateDay(deadline, calendar);
        return today >= late ? [(ReminderKind.Late, late)] : [];
    }

    /// <summary>Whether a reminder planned for <paramref name="day"/> still applies when it is about to be sent.</summary>
    public static bool StillApplies(
        ReminderKind kind, DateOnly day, ReturnState state, bool everSubmitted, DateOnly deadline, DateOnly today, int daysBefore, WorkingDays calendar) =>
        kind != ReminderKind.Queried
        && DeadlineReminders(state, everSubmitted, deadline, today, daysBefore, calendar).Contains((kind, day));

    /// <summary>"in 3 working days", "tomorrow", "today", or how late it is: "1 day late", "12 days late".</summary>
    public static string DueInWords(DateOnly deadline, DateOnly today, WorkingDays calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (today > deadline)
        {
            var late = deadline.DayNumber - today.DayNumber;
            return -late == 1 ? "1 day late" : $"{-late} days late";
        }

        if (today == deadline)
        {
            return "due today";
        }

        var workingDays = calendar.Count(today, deadline);
        return workingDays switch
        {
            _ when deadline == today.AddDays(1) => "due tomorrow",
            1 => "due in 1 working day",
            _ => $"due in {workingDays} working days",
        };
    }
}
