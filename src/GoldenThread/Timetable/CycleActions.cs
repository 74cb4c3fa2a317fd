using GoldenThread.Audit;
using GoldenThread.Domain.Periods;
using GoldenThread.Domain.Timetable;
using GoldenThread.Storage;
using GoldenThread.Worker;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Timetable;

/// <summary>What a cycle action did: done, or refused with the reason in words.</summary>
public sealed record CycleOutcome(bool Done, string Message);

/// <summary>
/// The central team's actions on a quarter's cycle: issuing its forms (which makes it the current period and queues the
/// job that makes everyone's returns) and closing it. Each is audited in the same unit of work.
/// </summary>
public sealed class CycleActions(GoldenThreadDb db, AuditLog audit, JobQueue queue, TimeProvider time)
{
    /// <summary>The job that makes a quarter's returns (its handler, <c>ReturnIssuer</c>, is idempotent).</summary>
    public const string IssueReturnsJob = "returns.issue";

    /// <summary>The job's unique key for a quarter, so that issuing twice queues it once.</summary>
    public static string IssueReturnsKey(Period quarter) => $"{IssueReturnsJob}:{quarter.Code}";

    /// <summary>
    /// Issues a quarter's forms: sets <see cref="PeriodCycle.FormsIssuedAt"/> and queues <see cref="IssueReturnsJob"/>
    /// with payload <c>{"period":"2009-10-Q3"}</c>. Refused for a quarter that has not started by
    /// <paramref name="today"/>, one already issued and one closed.
    /// </summary>
    public async Task<CycleOutcome> IssueFormsAsync(Period quarter, AuditActor actor, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (quarter.Kind != PeriodKind.Quarter)
        {
            return new CycleOutcome(false, $"{quarter.Code} is not a quarter: forms are issued for a quarter.");
        }

        if (!quarter.HasStartedBy(today))
        {
            return new CycleOutcome(false, $"{quarter.DisplayName} has not started yet: its forms can be issued from {TimetableDates.Long(quarter.StartDate())}.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var cycle = await FindOrAddAsync(quarter, cancellationToken);
        if (cycle.ClosedAt is { } closed)
        {
            return new CycleOutcome(false, $"The {quarter.DisplayName} cycle was closed on {TimetableDates.Long(DateOnly.FromDateTime(closed.UtcDateTime))}: its forms cannot be issued.");
        }

        if (cycle.FormsIssuedAt is { } issued)
        {
            return new CycleOutcome(false, $"The {quarter.DisplayName} forms were already issued on {TimetableDates.Long(DateOnly.FromDateTime(issued.UtcDateTime))}.");
        }

        cycle.FormsIssuedAt = time.GetUtcNow();
        cycle.FormsIssuedById = actor.Id;
        audit.Add(actor, AuditActions.FormsIssued, $"Issued the forms for {quarter.DisplayName}: everyone's returns are being made.", subjectName: quarter.Code);
        await db.SaveChangesAsync(cancellationToken);
        await queue.EnqueueAsync(IssueReturnsJob, new IssueReturnsPayload(quarter.Code), uniqueKey: IssueReturnsKey(quarter), cancellationToken: cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CycleOutcome(true, $"The {quarter.DisplayName} forms are issued. Everyone's returns are being made; {quarter.DisplayName} is now the current period.");
    }

    /// <summary>Closes a quarter's cycle: only after its forms were issued, and only once.</summary>
    public async Task<CycleOutcome> CloseAsync(Period quarter, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var cycle = await db.PeriodCycles.AsTracking().SingleOrDefaultAsync(c => c.Period == quarter.Code, cancellationToken);
        if (cycle?.FormsIssuedAt is null)
        {
            return new CycleOutcome(false, $"The {quarter.DisplayName} forms have not been issued: a cycle is closed after its forms were issued.");
        }

        if (cycle.ClosedAt is not null)
        {
            return new CycleOutcome(false, $"The {quarter.DisplayName} cycle is already closed.");
        }

        cycle.ClosedAt = time.GetUtcNow();
        cycle.ClosedById = actor.Id;
        audit.Add(actor, AuditActions.CycleClosed, $"Closed the {quarter.DisplayName} cycle.", subjectName: quarter.Code);
        Exceptions.ExceptionReview.Queue(db, cycle.ClosedAt.Value, $"cycle-closed:{quarter.Code}");
        await db.SaveChangesAsync(cancellationToken);

        // The quarter's figures are final: record how the ladder moved (Intervention.LadderRecordJob).
        await queue.EnqueueAsync(Intervention.LadderRecordJob.Kind, new Intervention.LadderRecordJob.Payload(quarter.Code), uniqueKey: Intervention.LadderRecordJob.ClosedKey(quarter), cancellationToken: cancellationToken);
        return new CycleOutcome(true, $"The {quarter.DisplayName} cycle is closed.");
    }

    private async Task<PeriodCycle> FindOrAddAsync(Period quarter, CancellationToken cancellationToken)
    {
        var cycle = await db.PeriodCycles.AsTracking().SingleOrDefaultAsync(c => c.Period == quarter.Code, cancellationToken);
        if (cycle is null)
        {
            cycle = new PeriodCycle { Period = quarter.Code, PeriodStart = quarter.StartOrdinal };
            db.PeriodCycles.Add(cycle);
        }

        return cycle;
    }
}

/// <summary>The payload of <see cref="CycleActions.IssueReturnsJob"/>: <c>{"period":"2009-10-Q3"}</c>.</summary>
public sealed record IssueReturnsPayload(string Period);
