using GoldenThread.Audit;
using GoldenThread.Domain.Periods;
using GoldenThread.Domain.Timetable;
using GoldenThread.Storage;
using GoldenThread.Worker;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Timetable;

/// <summary>
/// The daily job that issues a quarter's forms on its forms-issued date when the central team has not: for each quarter
/// whose forms date has come and whose return deadline has not passed, with its forms not issued and its cycle not
/// closed. Past quarters are left alone, so generating an old year's timetable issues nothing.
/// </summary>
public sealed class FormsIssuer(GoldenThreadDb db, CycleActions cycles, TimeProvider time, IServiceProvider services) : IJobHandler
{
    public const string Kind = "timetable.issue-forms";

    public static RecurringJob Daily { get; } = new(Kind, Schedule.DailyAt(new TimeOnly(6, 0)));

    public async Task RunAsync(Job job, CancellationToken cancellationToken)
    {
        // Inside the web site the reporting clock may run on a date of its own (the demonstration); else the real date.
        var today = (services.GetService<ReportingClock>() ?? new ReportingClock(time)).Today;
        var due = await db.TimetableMilestones.AsNoTracking()
            .Where(m => m.Milestone == Milestone.FormsIssued && m.Date <= today)
            .Select(m => m.Period)
            .ToListAsync(cancellationToken);
        var open = await db.TimetableMilestones.AsNoTracking()
            .Where(m => m.Milestone == Milestone.ReturnDeadline && m.Date >= today && due.Contains(m.Period))
            .Select(m => m.Period)
            .ToListAsync(cancellationToken);
        var handled = await db.PeriodCycles.AsNoTracking()
            .Where(c => open.Contains(c.Period) && (c.FormsIssuedAt != null || c.ClosedAt != null))
            .Select(c => c.Period)
            .ToListAsync(cancellationToken);
        foreach (var code in open.Except(handled).Order(StringComparer.Ordinal))
        {
            if (Period.TryParse(code, out var quarter))
            {
                await cycles.IssueFormsAsync(quarter, AuditActor.Worker, today, cancellationToken);
            }
        }
    }
}
