using GoldenThread.Accounts;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GoldenThread.Tests.Accounts;

/// <summary>
/// In production the reset link points at the configured public address, never at whatever Host header the request
/// carried: otherwise someone asking for another person's reset could have the link sent to their own site.
/// </summary>
public sealed class ResetLinkAddressTests(ResetLinkAddressTests.Host host) : IClassFixture<ResetLinkAddressTests.Host>
{
    public const string Site = "https://performance.wessexshire.example/";

    public sealed class Host : MailWebTestHost
    {
        protected override WebAppOptions Configure(WebAppOptions options)
        {
            var withMail = base.Configure(options);
            return withMail with { RequireHttps = true, Mail = withMail.Mail! with { SiteAddress = new Uri(Site) } };
        }
    }

    [Fact]
    public async Task The_link_uses_the_configured_address_whatever_the_request_said()
    {
        var account = host.Account(Role.BodyMember);

        using var response = await ProxiedForm.PostAsync(host, "/account/forgot-password", [new("Email", account.Email)], "attacker.example");
        var message = await host.Smtp.WaitForMessageToAsync(account.Email);

        Assert.Contains(Site + "account/reset-password?", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("attacker.example", message.TextBody + message.HtmlBody, StringComparison.Ordinal);
    }
}

/// <summary>Without a configured public address, production sends no reset link at all, and says why in the audit trail.</summary>
public sealed class ResetLinkWithoutAddressTests(ResetLinkWithoutAddressTests.Host host) : IClassFixture<ResetLinkWithoutAddressTests.Host>
{
    public sealed class Host : MailWebTestHost
    {
        protected override WebAppOptions Configure(WebAppOptions options) => base.Configure(options) with { RequireHttps = true };
    }

    [Fact]
    public async Task No_link_is_sent_and_the_audit_trail_says_why()
    {
        var account = host.Account(Role.Auditor);

        var sender = host.App.Services.GetRequiredService<MailSender>();
        var queuedBefore = sender.QueuedCount;

        using var response = await ProxiedForm.PostAsync(host, "/account/forgot-password", [new("Email", account.Email)], null);

        // Mail is queued within the request and sent in the background: nothing queued means nothing will be sent.
        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal(queuedBefore, sender.QueuedCount);
        await using var db = host.Database.Open();
        var entry = await db.AuditEntries.Where(e => e.Action == AuditActions.PasswordResetRequested && e.SubjectName == account.Email).SingleAsync();
        Assert.Contains("SiteAddress", entry.Detail, StringComparison.Ordinal);
    }
}

public sealed class MailSiteAddressSettingsTests
{
    [Fact]
    public void The_site_address_is_read_and_a_wrong_one_is_refused_with_its_name()
    {
        static MailSettings? Read(string site) => MailSettings.FromConfiguration(new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["GoldenThread:Mail:Host"] = "smtp.council.example",
                ["GoldenThread:Mail:From"] = "noreply@council.example",
                ["GoldenThread:Mail:SiteAddress"] = site,
            })
            .Build());

        Assert.Equal(new Uri("https://performance.council.example"), Read("https://performance.council.example")!.SiteAddress);
        var error = Assert.Throws<InvalidOperationException>(() => { _ = Read("performance.council.example"); });
        Assert.Contains("GoldenThread:Mail:SiteAddress", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>
/// Posts a form as a browser behind the TLS-ending proxy would: its cookies are secure, which HttpClient's cookie
/// container will not send over the test's plain HTTP, so they are carried by hand.
/// </summary>
internal static class ProxiedForm
{
    public static async Task<HttpResponseMessage> PostAsync(WebTestHost host, string path, IEnumerable<KeyValuePair<string, string>> fields, string? hostHeader)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        if (hostHeader is not null)
        {
            client.DefaultRequestHeaders.Host = hostHeader;
        }

        using var page = await client.GetAsync(new Uri(path, UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var token = document.QuerySelector($"main input[name='{Forms.TokenField}']")!.GetAttribute("value")!;
        var cookies = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([.. fields, new(Forms.TokenField, token)]),
        };
        request.Headers.Add("Cookie", cookies);
        return await client.SendAsync(request);
    }
}
