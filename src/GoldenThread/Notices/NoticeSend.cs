using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using GoldenThread.Reminders;
using GoldenThread.Storage;
using GoldenThread.Worker;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace GoldenThread.Notices;

/// <summary>What a <c>notices.send</c> job carries: the notice's once-only key (its id is not known until it is saved).</summary>
public sealed record NoticeJob(string Key);

/// <summary>
/// The <c>notices.send</c> job: mails one notice to its person and sets <see cref="Notice.MailedAt"/> once the mail
/// server has accepted it (docs/decisions/0024-bodies-notices-sent-at-least-once.md). <see cref="NoticeBoard"/> queues
/// one such job, keyed by the notice, in the same unit of work as the notice, so a notice is never kept without its job.
/// A notice already mailed (its worker stopped before marking the job done), already done (dealt with before the mail
/// went), or whose person has no active account with an address is not mailed. A server that is down makes this throw,
/// and the worker retries with its doubling waits, like the reminders.
/// </summary>
public sealed class NoticeSend(GoldenThreadDb db, ReminderMail mail, TimeProvider time, ILogger<NoticeSend> log) : IJobHandler
{
    public const string Kind = "notices.send";

    /// <summary>As the reminders': twelve attempts span about five and a half hours.</summary>
    public const int Attempts = ReminderQueue.SendAttempts;

    /// <summary>The job's once-only key: <c>notice:{key}</c>, or the key's SHA-256 when that would be too long for the jobs table.</summary>
    public static string JobKey(string noticeKey)
    {
        ArgumentNullException.ThrowIfNull(noticeKey);
        var plain = "notice:" + noticeKey;
        return plain.Length <= Job.KeyLength ? plain : "notice#" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(noticeKey)));
    }

    /// <summary>A new job row for the notice, to add in the caller's unit of work (not saved, not checked against existing keys).</summary>
    public static Job NewJob(string noticeKey, DateTimeOffset now) => new()
    {
        Kind = Kind,
        Payload = JsonSerializer.Serialize(new NoticeJob(noticeKey), JsonSerializerOptions.Web),
        State = JobState.Queued,
        DueAt = now,
        MaxAttempts = Attempts,
        UniqueKey = JobKey(noticeKey),
        CreatedAt = now,
    };

    public async Task RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var request = JsonSerializer.Deserialize<NoticeJob>(job.Payload, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException("The notice job has no payload.");
        if (!mail.IsConfigured)
        {
            log.NoMail(request.Key);
            return;
        }

        var notice = await db.Notices.AsTracking().SingleOrDefaultAsync(n => n.Key == request.Key, cancellationToken);
        if (notice is null || notice.MailedAt is not null || notice.DoneAt is not null)
        {
            // Gone, mailed by an earlier attempt whose worker stopped before marking the job done, or dealt with already.
            log.NotNeeded(request.Key);
            return;
        }

        var person = await db.People.AsNoTracking()
            .Where(p => p.Id == notice.PersonId && p.DeactivatedAt == null && p.Email != null)
            .Select(p => new { p.FullName, Email = p.Email! })
            .SingleOrDefaultAsync(cancellationToken);
        if (person is null)
        {
            log.NoRecipient(request.Key);
            return;
        }

        var message = Create(notice, new MailboxAddress(person.FullName, person.Email), mail.SiteAddress, mail.SenderDomain);
        await mail.SendAsync(message, cancellationToken);

        // The server has the message: record it even if the worker is stopping, so a retry finds it mailed. A stop
        // between the server's answer and this write is the one window in which the notice is mailed twice.
        notice.MailedAt = time.GetUtcNow();
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>The notice's page: absolute when the site's address is configured, else the path to open once signed in.</summary>
    public static string Link(string path, Uri? siteAddress)
    {
        ArgumentNullException.ThrowIfNull(path);
        // Not Uri.TryCreate(path, UriKind.Absolute): on Unix it takes "/exceptions/12" for a file's address.
        var absolute = path.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || path.StartsWith("http://", StringComparison.OrdinalIgnoreCase);
        return siteAddress is null || absolute ? path : $"{siteAddress.AbsoluteUri.TrimEnd('/')}/{path.TrimStart('/')}";
    }

    /// <summary>The mail: the notice's subject, its words, the link, and a stable message id so a duplicate is recognisable.</summary>
    public static MimeMessage Create(Notice notice, MailboxAddress to, Uri? siteAddress, string senderDomain)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(to);
        var message = new MimeMessage
        {
            Subject = notice.Subject,
            MessageId = string.Create(CultureInfo.InvariantCulture, $"notice.{notice.Id}@{senderDomain}"),
        };
        message.To.Add(to);

        // RFC 3834: sent by a program, so out-of-office replies are not sent back to it.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        var link = Link(notice.Link, siteAddress);
        var opening = $"Dear {to.Name},";
        var closing = siteAddress is null
            ? $"Sign in to the performance management system and open {link} to deal with it. It is also listed in your tasks until it is done."
            : "It is also listed in your tasks until it is done.";

        var text = new StringBuilder()
            .AppendLine(opening).AppendLine()
            .AppendLine(notice.Subject).AppendLine();
        if (notice.Text is { Length: > 0 } words)
        {
            text.AppendLine(words.ReplaceLineEndings(Environment.NewLine)).AppendLine();
        }

        text.AppendLine(link).AppendLine().AppendLine(closing);

        var html = HtmlEncoder.Default;
        var body = new StringBuilder()
            .Append("<p>").Append(html.Encode(opening)).Append("</p>")
            .Append("<p>").Append(html.Encode(notice.Subject)).Append("</p>");
        if (notice.Text is { Length: > 0 } paragraph)
        {
            body.Append("<p>").Append(string.Join("<br>", paragraph.ReplaceLineEndings("\n").Split('\n').Select(html.Encode))).Append("</p>");
        }

        body.Append("<p><a href=\"").Append(html.Encode(link)).Append("\">").Append(html.Encode(link)).Append("</a></p>")
            .Append("<p>").Append(html.Encode(closing)).Append("</p>");
        message.Body = new BodyBuilder { TextBody = text.ToString(), HtmlBody = body.ToString() }.ToMessageBody();
        return message;
    }
}

/// <summary>
/// The daily <c>notices.sweep</c> job: queues a <c>notices.send</c> job for every notice not yet mailed nor done that has
/// none (a notice written without <see cref="NoticeBoard"/>, such as by an import); the job keys keep it to one each.
/// </summary>
public sealed class NoticeSweep(GoldenThreadDb db, JobQueue jobs, ReminderMail mail) : IJobHandler
{
    public const string Kind = "notices.sweep";

    /// <summary>At 06:50 UTC, just before the reminders are planned.</summary>
    public static RecurringJob Daily { get; } = new(Kind, Schedule.DailyAt(new TimeOnly(6, 50)));

    public async Task RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!mail.IsConfigured)
        {
            return;
        }

        var keys = await db.Notices.AsNoTracking().Where(n => n.MailedAt == null && n.DoneAt == null).Select(n => n.Key).ToListAsync(cancellationToken);
        var jobKeys = keys.Select(NoticeSend.JobKey).ToList();
        var queued = (await db.Jobs.AsNoTracking().Where(j => j.Kind == NoticeSend.Kind && jobKeys.Contains(j.UniqueKey!)).Select(j => j.UniqueKey!).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var key in keys.Where(k => !queued.Contains(NoticeSend.JobKey(k))))
        {
            await jobs.EnqueueAsync(NoticeSend.Kind, new NoticeJob(key), maxAttempts: NoticeSend.Attempts, uniqueKey: NoticeSend.JobKey(key), cancellationToken: cancellationToken);
        }
    }
}

/// <summary>The notices' log messages.</summary>
internal static partial class NoticeLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Notice {Key} is not mailed: mail is not configured (it is shown in My tasks).")]
    public static partial void NoMail(this ILogger logger, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notice {Key} is not mailed: it no longer exists, was mailed already, or is done.")]
    public static partial void NotNeeded(this ILogger logger, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notice {Key} is not mailed: its person has no active account with an email address.")]
    public static partial void NoRecipient(this ILogger logger, string key);
}
