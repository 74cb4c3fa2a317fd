using GoldenThread.Domain.Timetable;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Reminders;

/// <summary>What reminders and My tasks read of the timetable: the open cycles, their return deadlines, and the working days.</summary>
public static class ReminderCalendar
{
    /// <summary>The quarters whose forms are issued and whose cycle the central team has not closed.</summary>
    public static Task<List<string>> OpenPeriodsAsync(GoldenThreadDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.PeriodCycles.AsNoTracking()
            .Where(c => c.FormsIssuedAt != null && c.ClosedAt == null)
            .Select(c => c.Period)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Each given quarter's return deadline, where its timetable has one.</summary>
    public static async Task<Dictionary<string, DateOnly>> DeadlinesAsync(GoldenThreadDb db, IReadOnlyCollection<string> periods, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.TimetableMilestones.AsNoTracking()
            .Where(m => m.Milestone == Milestone.ReturnDeadline && periods.Contains(m.Period))
            .Select(m => new { m.Period, m.Date })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Period, r => r.Date, StringComparer.Ordinal);
    }

    /// <summary>Working days around <paramref name="today"/>: weekends, England and Wales bank holidays by rule, and the operator's <c>bank_holidays</c> rows.</summary>
    public static async Task<WorkingDays> WorkingDaysAsync(GoldenThreadDb db, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var others = await db.BankHolidays.AsNoTracking().Select(h => h.Date).ToListAsync(cancellationToken);
        return WorkingDays.EnglandAndWales(Math.Max(BankHolidays.FirstYear, today.Year - 1), today.Year + 1, others);
    }
}
