using GoldenThread.Accounts;
using MimeKit;

namespace GoldenThread.Reminders;

/// <summary>
/// Sends one reminder now through the operator's mail server (the <c>GoldenThread:Mail</c> settings) and throws when it
/// cannot, so that the worker retries the job. Unlike <see cref="MailSender"/>'s in-memory queue, nothing is dropped:
/// the job in the database is the queue.
/// </summary>
public sealed class ReminderMail(MailSettings? settings)
{
    /// <summary>Whether a mail server is configured; without one, no reminder is planned (My tasks still shows what is due).</summary>
    public bool IsConfigured => settings is not null;

    /// <summary>The site's public address for links, when configured (<c>GoldenThread__Mail__SiteAddress</c>).</summary>
    public Uri? SiteAddress => settings?.SiteAddress;

    /// <summary>The domain of the sender's address, for message identifiers.</summary>
    public string SenderDomain =>
        settings is not null && MailboxAddress.TryParse(settings.From, out var from) && from.Domain is { Length: > 0 } domain ? domain : "goldenthread.invalid";

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (settings is null)
        {
            throw new InvalidOperationException($"Mail is not configured (set {MailSettings.Section}:Host), so the reminder cannot be sent.");
        }

        message.From.Clear();
        message.From.Add(MailboxAddress.Parse(settings.From));
        await MailSender.DeliverAsync(settings, message, cancellationToken);
    }
}
