using System.Threading.Channels;
using GoldenThread.Web;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace GoldenThread.Accounts;

/// <summary>
/// Sends the site's email through the configured SMTP server (MailKit), from a queue in the background, so that
/// a page answers at once and in the same time whether or not it sent anything (a forgotten-password page must
/// not reveal which addresses have accounts). Where no server is configured, nothing is sent: the demonstration
/// logs what it would have sent, so that it works without one.
/// </summary>
public sealed class MailSender(MailSettings? settings, WebAppOptions options, ILogger<MailSender> logger) : BackgroundService
{
    private readonly Channel<MimeMessage> _queue = Channel.CreateBounded<MimeMessage>(new BoundedChannelOptions(1000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    private long _queued;

    public bool IsConfigured => settings is not null;

    /// <summary>How many messages have been queued for sending since the site started (for monitoring and tests).</summary>
    public long QueuedCount => Interlocked.Read(ref _queued);

    /// <summary>The site's public address for links in mail, when configured.</summary>
    public Uri? SiteAddress => settings?.SiteAddress;

    /// <summary>
    /// Queues the message for sending. Without a mail server, logs <paramref name="demoNote"/> as a warning in the
    /// demonstration, and otherwise that the message was not sent.
    /// </summary>
    public void Send(MimeMessage message, string demoNote)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (settings is null)
        {
            if (options.DemoMode)
            {
                logger.LogWarning("Mail is not configured, so this email was not sent (\"{Subject}\"). In the demonstration: {Note}", message.Subject, demoNote);
            }
            else
            {
                logger.LogWarning("Mail is not configured (set {Section}:Host), so an email (\"{Subject}\") was not sent.", MailSettings.Section, message.Subject);
            }

            return;
        }

        message.From.Clear();
        message.From.Add(MailboxAddress.Parse(settings.From));
        if (!_queue.Writer.TryWrite(message))
        {
            logger.LogError("Too many emails are waiting to be sent; this one (\"{Subject}\") was dropped.", message.Subject);
            return;
        }

        Interlocked.Increment(ref _queued);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await DeliverAsync(settings!, message, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Logged and dropped: the person can ask again; the page has already answered them.
                logger.LogError(e, "Could not send an email (\"{Subject}\") through {Host}:{Port}.", message.Subject, settings!.Host, settings.Port);
            }
        }
    }

    /// <summary>Hands one message to the SMTP server now; throws when the server cannot be reached or refuses it (the reminders' jobs then retry).</summary>
    internal static async Task DeliverAsync(MailSettings settings, MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = 30_000 };
        await client.ConnectAsync(settings.Host, settings.Port, settings.StartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.Auto, cancellationToken);
        if (settings.UserName is not null)
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}

/// <summary>Registers <see cref="MailSender"/> with the settings given in <see cref="WebAppOptions.Mail"/>, else from configuration.</summary>
public static class MailSetup
{
    public static IServiceCollection AddGoldenThreadMail(this IServiceCollection services, WebAppOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(provider => new MailSender(
            options.Mail ?? MailSettings.FromConfiguration(provider.GetRequiredService<IConfiguration>()),
            options,
            provider.GetRequiredService<ILogger<MailSender>>()));
        services.AddHostedService(provider => provider.GetRequiredService<MailSender>());
        return services;
    }
}
