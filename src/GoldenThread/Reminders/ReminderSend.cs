using System.Globalization;
using System.Text.Json;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Periods;
using GoldenThread.Domain.Reminders;
using GoldenThread.Domain.Returns;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using GoldenThread.Worker;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace GoldenThread.Reminders;

/// <summary>
/// The <c>reminders.send</c> job: checks that the reminder was not sent already and still applies (a return submitted
/// since, or a cycle closed, is not reminded), builds the message and hands it to the mail server. A server that is down
/// makes this throw, and the worker retries with its doubling waits; after <see cref="ReminderQueue.SendAttempts"/>
/// attempts the job is failed, with the error kept on its row. Once the server has accepted the message the send is
/// recorded in <c>reminders_sent</c> (docs/decisions/0019-reminders-at-least-once.md).
/// </summary>
public sealed class ReminderSend(
    GoldenThreadDb db, ReminderMail mail, ReminderSettings settings, ReportingClock clock, TimeProvider time, ILogger<ReminderSend> log) : IJobHandler
{
    public async Task RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var request = JsonSerializer.Deserialize<ReminderRequest>(job.Payload, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException("The reminder job has no payload.");
        if (!ReminderRules.TryParse(request.Kind, out var kind))
        {
            throw new InvalidOperationException($"'{request.Kind}' is not a kind of reminder.");
        }

        var key = ReminderQueue.Key(request.ReturnId, kind, request.Occasion);
        if (await db.RemindersSent.AsNoTracking().AnyAsync(r => r.UniqueKey == key, cancellationToken))
        {
            // Its worker stopped after the send was recorded and before the job was marked done.
            log.AlreadySent(key);
            return;
        }

        var found = await db.Returns.AsNoTracking()
            .Where(r => r.Id == request.ReturnId)
            .Select(r => new { r.Id, r.Period, r.State, r.SubmittedAt, r.QueryCount, r.Query, r.AssigneeId })
            .SingleOrDefaultAsync(cancellationToken);
        if (found?.AssigneeId is not { } assigneeId)
        {
            log.NoReturn(key);
            return;
        }

        var cycleOpen = await db.PeriodCycles.AsNoTracking().AnyAsync(c => c.Period == found.Period && c.FormsIssuedAt != null && c.ClosedAt == null, cancellationToken);
        var deadline = (await ReminderCalendar.DeadlinesAsync(db, [found.Period], cancellationToken)).TryGetValue(found.Period, out var d) ? d : (DateOnly?)null;
        var today = clock.Today;
        var calendar = await ReminderCalendar.WorkingDaysAsync(db, today, cancellationToken);
        var applies = cycleOpen && kind switch
        {
            ReminderKind.Queried => found.State == ReturnState.Queried && found.QueryCount.ToString(CultureInfo.InvariantCulture) == request.Occasion,
            _ => deadline is { } due
                && DateOnly.TryParseExact(request.Occasion, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                && ReminderRules.StillApplies(kind, day, found.State, found.SubmittedAt is not null, due, today, settings.DaysBefore, calendar),
        };
        if (!applies)
        {
            log.NoLongerApplies(key, found.State);
            return;
        }

        var (to, copied) = await RecipientsAsync(found.Id, assigneeId, cancellationToken);
        if (to is null)
        {
            log.NoRecipient(key);
            return;
        }

        var lines = await db.ReturnLines.AsNoTracking()
            .Where(l => l.ReturnId == found.Id)
            .OrderBy(l => l.Indicator!.Code).ThenBy(l => l.Area!.Code).ThenBy(l => l.PeriodStart)
            .Select(l => new { l.Indicator!.Code, l.Indicator.Title, Area = l.Area!.Name, l.Period, l.ActualDue, l.ProjectedOutturnDue })
            .ToListAsync(cancellationToken);
        var content = new ReminderContent(
            kind,
            found.Id,
            PeriodName(found.Period),
            to,
            copied,
            deadline,
            deadline is { } dl ? ReminderRules.DueInWords(dl, today, calendar) : null,
            kind == ReminderKind.Queried ? found.Query : null,
            [.. lines.Select(l => new ReminderLine(l.Code, l.Title, l.Area, PeriodName(l.Period), l.ActualDue, l.ProjectedOutturnDue))],
            mail.SiteAddress,
            $"{key.Replace(':', '.')}@{mail.SenderDomain}");

        await mail.SendAsync(ReminderMessages.Create(content), cancellationToken);

        // The server has the message: record it even if the worker is stopping, which narrows the window in which a
        // retry would send it again to the moment between the server's answer and this write.
        db.RemindersSent.Add(new ReminderSent
        {
            ReturnId = found.Id,
            Kind = kind,
            Occasion = request.Occasion,
            UniqueKey = key,
            PersonId = assigneeId,
            Recipients = Truncate(string.Join(", ", new[] { to }.Concat(copied).Select(m => m.Address)), ReminderSent.RecipientsLength),
            SentAt = time.GetUtcNow(),
            JobId = job.Id,
        });
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>
    /// The assignee, with the deputies of the indicators the assignee owns on this return copied in (a deputy stands in
    /// for the owner). When the assignee cannot be reached (deactivated, no address), the first deputy is addressed.
    /// </summary>
    private async Task<(MailboxAddress? To, IReadOnlyList<MailboxAddress> Copied)> RecipientsAsync(int returnId, int assigneeId, CancellationToken cancellationToken)
    {
        var indicatorIds = await db.ReturnLines.AsNoTracking().Where(l => l.ReturnId == returnId).Select(l => l.IndicatorId).Distinct().ToListAsync(cancellationToken);
        var owned = await db.RoleAssignments.AsNoTracking()
            .Where(a => a.PersonId == assigneeId && a.Role == Role.IndicatorOwner && a.IndicatorId != null && indicatorIds.Contains(a.IndicatorId.Value))
            .Select(a => a.IndicatorId!.Value)
            .ToListAsync(cancellationToken);
        var people = await db.People.AsNoTracking()
            .Where(p => p.DeactivatedAt == null && p.Email != null
                && (p.Id == assigneeId || (owned.Count > 0 && p.Roles.Any(r => r.Role == Role.IndicatorDeputy && r.IndicatorId != null && owned.Contains(r.IndicatorId.Value)))))
            .OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.FullName, Email = p.Email! })
            .ToListAsync(cancellationToken);
        var assignee = people.Find(p => p.Id == assigneeId);
        var deputies = people.Where(p => p.Id != assigneeId).Select(p => new MailboxAddress(p.FullName, p.Email)).ToList();
        if (assignee is not null)
        {
            return (new MailboxAddress(assignee.FullName, assignee.Email), deputies);
        }

        return deputies.Count == 0 ? (null, []) : (deputies[0], deputies[1..]);
    }

    private static string PeriodName(string code) => Period.TryParse(code, out var period) ? period.DisplayName : code;

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
