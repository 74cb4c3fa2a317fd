using System.Globalization;
using GoldenThread.Domain.Reminders;
using GoldenThread.Domain.Returns;
using GoldenThread.Storage;
using GoldenThread.Worker;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Reminders;

/// <summary>What a <c>reminders.send</c> job carries: the return, why, and the occasion (a day, or a query's number).</summary>
public sealed record ReminderRequest(int ReturnId, string Kind, string Occasion);

/// <summary>
/// Puts reminders on the worker's queue, each once only: its unique key is <c>reminder:{returnId}:{kind}:{occasion}</c>,
/// so planning again, or two callers at once, add nothing new. Registered in the web's and the worker's containers.
/// </summary>
public sealed class ReminderQueue(GoldenThreadDb db, JobQueue jobs, ReminderMail mail)
{
    public const string SendKind = "reminders.send";

    /// <summary>
    /// Attempts before a reminder's job fails for good: with the worker's doubling waits (30 seconds up to an hour)
    /// twelve attempts span about five and a half hours, long enough for a mail server's restart or a short outage.
    /// </summary>
    public const int SendAttempts = 12;

    public static string Key(int returnId, ReminderKind kind, string occasion) =>
        string.Create(CultureInfo.InvariantCulture, $"reminder:{returnId}:{ReminderRules.Code(kind)}:{occasion}");

    /// <summary>A day as an occasion: 2009-10-13.</summary>
    public static string DayOccasion(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Queues the reminder to be sent now; false when it was queued before (or no mail server is configured).</summary>
    public async Task<bool> EnqueueAsync(int returnId, ReminderKind kind, string occasion, CancellationToken cancellationToken = default)
    {
        if (!mail.IsConfigured)
        {
            return false;
        }

        var job = await jobs.EnqueueAsync(
            SendKind,
            new ReminderRequest(returnId, ReminderRules.Code(kind), occasion),
            maxAttempts: SendAttempts,
            uniqueKey: Key(returnId, kind, occasion),
            cancellationToken: cancellationToken);
        return job is not null;
    }

    /// <summary>
    /// Tells the return's assignee at once that the central team has queried it. Call it after the query is saved
    /// (it reads the return's state and query count, and saves the job with the context's other changes). The daily
    /// plan finds a query that was not announced this way; either way the query is mailed once.
    /// </summary>
    public async Task<bool> QueryRaisedAsync(int returnId, CancellationToken cancellationToken = default)
    {
        var found = await db.Returns.AsNoTracking()
            .Where(r => r.Id == returnId)
            .Select(r => new { r.State, r.QueryCount, r.AssigneeId })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is not { State: ReturnState.Queried, QueryCount: > 0, AssigneeId: not null })
        {
            return false;
        }

        return await EnqueueAsync(returnId, ReminderKind.Queried, found.QueryCount.ToString(CultureInfo.InvariantCulture), cancellationToken);
    }
}
