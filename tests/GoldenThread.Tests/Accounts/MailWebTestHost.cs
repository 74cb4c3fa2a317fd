using GoldenThread.Accounts;
using GoldenThread.Domain.Access;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Web;

namespace GoldenThread.Tests.Accounts;

/// <summary>The web site with its mail going to a real SMTP server (aiosmtpd) started for the test class; its client is the public.</summary>
public class MailWebTestHost : WebTestHost, IAsyncLifetime
{
    public const string From = "noreply@goldenthread.test";

    public SmtpServer Smtp { get; private set; } = null!;

    protected override Role? SignedInAs => null;

    protected override WebAppOptions Configure(WebAppOptions options) =>
        options with { Mail = new MailSettings("127.0.0.1", Smtp.Port, $"GoldenThread <{From}>") { StartTls = false } };

    async Task IAsyncLifetime.InitializeAsync()
    {
        Smtp = await SmtpServer.StartAsync();
        await InitializeAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (Smtp is not null)
        {
            await Smtp.DisposeAsync();
        }
    }
}
