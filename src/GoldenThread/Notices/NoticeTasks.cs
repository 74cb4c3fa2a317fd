using GoldenThread.Domain.Intervention;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Notices;

/// <summary>One open notice as My tasks lists it.</summary>
public sealed record OpenNotice(long Id, NoticeKind Kind, string Subject, string? Text, string Link, DateTimeOffset CreatedAt, bool Mailed);

/// <summary>
/// My tasks' half of the notices (issue 11, item 6): the person's notices not yet done, newest first, and marking one
/// done. A person sees and closes only their own.
/// </summary>
public static class NoticeTasks
{
    /// <summary>How many open notices My tasks lists at most (the newest).</summary>
    public const int Shown = 200;

    public static async Task<IReadOnlyList<OpenNotice>> OpenForAsync(GoldenThreadDb db, int personId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Notices.AsNoTracking()
            .Where(n => n.PersonId == personId && n.DoneAt == null)
            .Select(n => new OpenNotice(n.Id, n.Kind, n.Subject, n.Text, n.Link, n.CreatedAt, n.MailedAt != null))
            .ToListAsync(cancellationToken);

        // Ordered here: SQLite cannot order by a date and time with an offset.
        return [.. rows.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(Shown)];
    }

    /// <summary>Marks the person's own open notice done; false when there is no such open notice of theirs (someone else's counts as none).</summary>
    public static async Task<bool> MarkDoneAsync(GoldenThreadDb db, int personId, long noticeId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var updated = await db.Notices
            .Where(n => n.Id == noticeId && n.PersonId == personId && n.DoneAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.DoneAt, now), cancellationToken);
        return updated == 1;
    }

    /// <summary>The kind in words, for the task list's status.</summary>
    public static string Name(NoticeKind kind) => kind switch
    {
        NoticeKind.ExceptionToWrite => "Exception report to write",
        NoticeKind.ExceptionToConsider => "Exception report to consider",
        NoticeKind.StageChanged => "Ladder stage changed",
        NoticeKind.ActionPlanNeeded => "Action plan needed",
        NoticeKind.ReportRequested => "Report requested",
        NoticeKind.ReportAnswered => "Report answered",
        NoticeKind.EscalationReached => "Escalation",
        _ => "Notice",
    };
}
