using System.Globalization;
using GoldenThread.Domain.Reminders;
using GoldenThread.Domain.Returns;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using GoldenThread.Worker;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Reminders;

/// <summary>
/// The daily <c>reminders.plan</c> job: for each open return of each issued, unclosed quarter, queues the reminders that
/// apply today (due soon, late, queried), each with its unique key, so a second run, or a run after the worker was
/// stopped for days, queues only what is missing. Without a mail server it plans nothing.
/// </summary>
public sealed class ReminderPlan(
    GoldenThreadDb db, ReminderQueue queue, ReminderMail mail, ReminderSettings settings, ReportingClock clock, ILogger<ReminderPlan> log) : IJobHandler
{
    public const string Kind = "reminders.plan";

    /// <summary>At 07:00 UTC (07:00 or 08:00 in England): the reminders of the day arrive at the start of the working day.</summary>
    public static RecurringJob Daily { get; } = new(Kind, Schedule.DailyAt(new TimeOnly(7, 0)));

    public async Task RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!mail.IsConfigured)
        {
            log.NoMail();
            return;
        }

        var today = clock.Today;
        var periods = await ReminderCalendar.OpenPeriodsAsync(db, cancellationToken);
        if (periods.Count == 0)
        {
            return;
        }

        var deadlines = await ReminderCalendar.DeadlinesAsync(db, periods, cancellationToken);
        var calendar = await ReminderCalendar.WorkingDaysAsync(db, today, cancellationToken);
        var returns = await db.Returns.AsNoTracking()
            .Where(r => periods.Contains(r.Period) && r.AssigneeId != null
                && (r.State == ReturnState.NotStarted || r.State == ReturnState.InProgress || r.State == ReturnState.Queried))
            .Select(r => new { r.Id, r.Period, r.State, r.SubmittedAt, r.QueryCount })
            .ToListAsync(cancellationToken);

        var wanted = new List<(int ReturnId, ReminderKind Kind, string Occasion)>();
        foreach (var r in returns)
        {
            if (r.State == ReturnState.Queried && r.QueryCount > 0)
            {
                wanted.Add((r.Id, ReminderKind.Queried, r.QueryCount.ToString(CultureInfo.InvariantCulture)));
            }

            if (deadlines.TryGetValue(r.Period, out var deadline))
            {
                foreach (var (kind, day) in ReminderRules.DeadlineReminders(r.State, r.SubmittedAt is not null, deadline, today, settings.DaysBefore, calendar))
                {
                    wanted.Add((r.Id, kind, ReminderQueue.DayOccasion(day)));
                }
            }
        }

        // One look for the keys already queued, rather than one per reminder: most days most are.
        var keys = wanted.Select(w => ReminderQueue.Key(w.ReturnId, w.Kind, w.Occasion)).ToList();
        var queued = (await db.Jobs.AsNoTracking()
            .Where(j => j.Kind == ReminderQueue.SendKind && keys.Contains(j.UniqueKey!))
            .Select(j => j.UniqueKey!)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var added = 0;
        foreach (var (returnId, kind, occasion) in wanted)
        {
            if (!queued.Contains(ReminderQueue.Key(returnId, kind, occasion)) && await queue.EnqueueAsync(returnId, kind, occasion, cancellationToken))
            {
                added++;
            }
        }

        if (added > 0)
        {
            log.Queued(added, today);
        }
    }
}
