using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Tokens;
using GoldenThread.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace GoldenThread.Tests.Access;

/// <summary>Shared steps for the hardening tests: clients with a token, audit entries since a moment.</summary>
internal static class Hardened
{
    public static HttpClient WithToken(WebTestHost host, string token)
    {
        var client = host.NewClient(followRedirects: false);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A token-shaped secret that no one was given.</summary>
    public static string MadeUpToken() => "gt_" + Convert.ToBase64String(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray())
        .Replace('+', 'a').Replace('/', 'b').TrimEnd('=')[..43].PadRight(43, 'c');

    public static async Task<string> TokenForAsync(WebTestHost host, Role role, TokenScope scope)
    {
        var email = host.Account(role).Email;
        int id;
        await using (var db = host.Database.Open())
        {
            id = await db.People.Where(p => p.Email == email).Select(p => p.Id).SingleAsync();
        }

        return await TestPeople.TokenAsync(host.Database, id, scope);
    }

    public static async Task<List<AuditEntry>> AuditSinceAsync(WebTestHost host, DateTimeOffset since, string action)
    {
        await using var db = host.Database.Open();
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.Action == action).ToListAsync();
        return [.. entries.Where(e => e.At >= since)];
    }

    public static async Task<HttpResponseMessage> PutJsonAsync(HttpClient client, string path, string json, string mediaType = "application/json")
    {
        using var content = new StringContent(json, Encoding.UTF8, mediaType);
        return await client.PutAsync(new Uri(path, UriKind.Relative), content);
    }
}

/// <summary>Item 9: the API's allowance is per checked token; made-up tokens are limited per address.</summary>
public sealed class ApiRateLimitTests(ApiRateLimitTests.Host host) : IClassFixture<ApiRateLimitTests.Host>
{
    public sealed class Host : WebTestHost
    {
        protected override Role? SignedInAs => null;

        protected override WebAppOptions Configure(WebAppOptions options) =>
            options with { Limits = new RateLimits(SignInPerMinute: 1000, PasswordResetPerHour: 1000, ApiPerMinute: 5, RefusedTokensPerMinute: 3) };
    }

    [Fact]
    public async Task Made_up_tokens_are_limited_by_address_and_the_429_is_a_problem_with_retry_after()
    {
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 6; i++)
        {
            // A new made-up token each time: keyed on the bearer text, every one was a fresh allowance.
            using var client = Hardened.WithToken(host, Hardened.MadeUpToken());
            var response = await client.GetAsync(new Uri("/api/v1/indicators", UriKind.Relative));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited ??= response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        using (limited)
        {
            Assert.Equal("application/problem+json", limited!.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(limited.Headers.RetryAfter);
            var problem = JsonDocument.Parse(await limited.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(429, problem.GetProperty("status").GetInt32());
            Assert.Contains("Retry-After", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Each_checked_token_has_its_own_allowance_whatever_refused_tokens_did()
    {
        var first = await TestPeople.AddAsync(host.Database, "limited-one@example.org");
        var second = await TestPeople.AddAsync(host.Database, "limited-two@example.org");
        using var one = Hardened.WithToken(host, await TestPeople.TokenAsync(host.Database, first.Id, TokenScope.Read));
        using var two = Hardened.WithToken(host, await TestPeople.TokenAsync(host.Database, second.Id, TokenScope.Read));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await one.GetAsync(new Uri("/api/v1/indicators", UriKind.Relative));
            statuses.Add(response.StatusCode);
        }

        using var other = await two.GetAsync(new Uri("/api/v1/indicators", UriKind.Relative));

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}

/// <summary>Item 10: private answers are never cached.</summary>
public sealed class CacheControlTests(WebTestHost host) : IClassFixture<WebTestHost>
{
    [Fact]
    public async Task Every_api_answer_and_both_downloads_say_no_store()
    {
        using var reader = Hardened.WithToken(host, await Hardened.TokenForAsync(host, Role.PerformanceOfficer, TokenScope.Read));
        using var anonymous = host.NewClient(followRedirects: false);
        using var auditor = await host.SignInAsync(Role.Auditor);

        using var ok = await reader.GetAsync(new Uri("/api/v1/indicators", UriKind.Relative));
        using var missing = await reader.GetAsync(new Uri("/api/v1/indicators/NO%20SUCH", UriKind.Relative));
        using var unauthorised = await anonymous.GetAsync(new Uri("/api/v1/indicators", UriKind.Relative));
        using var scorecard = await host.Client.GetAsync(new Uri($"/scorecard/download?period={GoldenThread.Demo.DemoBundle.LatestQuarter}", UriKind.Relative));
        using var audit = await auditor.GetAsync(new Uri("/audit/download", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.OK, scorecard.StatusCode);
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        foreach (var response in new[] { ok, missing, unauthorised, scorecard, audit })
        {
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{response.RequestMessage!.RequestUri}: Cache-Control '{response.Headers.CacheControl}'");
        }
    }
}

/// <summary>Item 11: refused tokens and access denials are in the audit trail, at most once a minute per address and reason.</summary>
public sealed class AccessAuditTests(WebTestHost host) : IClassFixture<WebTestHost>
{
    [Fact]
    public async Task Refused_tokens_are_recorded_once_a_minute_per_address_and_reason()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        for (var i = 0; i < 3; i++)
        {
            using var client = Hardened.WithToken(host, Hardened.MadeUpToken());
            using var response = await client.GetAsync(new Uri("/api/v1/indicators", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        var person = await TestPeople.AddAsync(host.Database, "revoked-token@example.org");
        var revoked = await TestPeople.TokenAsync(host.Database, person.Id, TokenScope.Read);
        await using (var db = host.Database.Open(tracking: true))
        {
            await db.ApiTokens.Where(t => t.PersonId == person.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.RevokedAt, DateTimeOffset.UtcNow));
        }

        using (var client = Hardened.WithToken(host, revoked))
        {
            using var response = await client.GetAsync(new Uri("/api/v1/indicators", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        var entries = await Hardened.AuditSinceAsync(host, since, AuditActions.TokenRefused);
        var unknown = Assert.Single(entries, e => e.Detail.Contains("not known", StringComparison.Ordinal));
        Assert.Equal("127.0.0.1", unknown.IpAddress);
        Assert.Contains("/api/v1/indicators", unknown.Detail, StringComparison.Ordinal);
        var wasRevoked = Assert.Single(entries, e => e.Detail.Contains("revoked", StringComparison.Ordinal));
        Assert.Equal(person.Id, wasRevoked.SubjectId);
    }

    [Fact]
    public async Task Access_denied_to_a_signed_in_person_and_to_a_token_is_recorded()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        using var officer = await host.SignInAsync(Role.PerformanceOfficer, followRedirects: false);
        using var page = await officer.GetAsync(new Uri("/admin", UriKind.Relative));
        using var reader = Hardened.WithToken(host, await Hardened.TokenForAsync(host, Role.DeliveryLead, TokenScope.Read));
        using var write = await Hardened.PutJsonAsync(reader, "/api/v1/figures/NI%2015/HRT/2009-10-Q1", """{"actual": 0.3}""");

        // A submit token past the endpoint, refused for these figures: another area's.
        using var submitter = Hardened.WithToken(host, await Hardened.TokenForAsync(host, Role.DeliveryLead, TokenScope.Submit));
        using var elsewhere = await Hardened.PutJsonAsync(submitter, "/api/v1/figures/NI%2015/LNB/2009-10", """{"actual": 1}""");

        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        var entries = await Hardened.AuditSinceAsync(host, since, AuditActions.AccessDenied);
        var admin = Assert.Single(entries, e => e.Detail.StartsWith("GET /admin", StringComparison.Ordinal));
        Assert.Equal(host.Account(Role.PerformanceOfficer).Email, admin.ActorName);
        var token = Assert.Single(entries, e => e.Detail.StartsWith("PUT /api/v1/figures/NI%2015/HRT", StringComparison.Ordinal));
        Assert.Equal(host.Account(Role.DeliveryLead).Email, token.ActorName);
        Assert.Equal("127.0.0.1", token.IpAddress);
        var figures = Assert.Single(entries, e => e.Detail.StartsWith("PUT /api/v1/figures/NI%2015/LNB", StringComparison.Ordinal));
        Assert.Equal(host.Account(Role.DeliveryLead).Email, figures.ActorName);
    }
}

/// <summary>Item 12: requests the site will not take answer 4xx, never 500.</summary>
public sealed class RequestLimitTests(WebTestHost host) : IClassFixture<WebTestHost>
{
    [Theory]
    [InlineData(2)]
    [InlineData(50)]
    public async Task A_body_over_the_limit_is_413_on_pages_and_on_the_api(int megabytes)
    {
        using var client = host.NewClient(followRedirects: false);
        var (_, antiforgery) = await Forms.ReadAsync(client, "/account/sign-in");
        var big = new string('x', megabytes * 1024 * 1024);
        using var form = new FormUrlEncodedContent([new("Email", "someone@example.org"), new("Password", big), new(Forms.TokenField, antiforgery!)]);

        // As a careful client sends a large body: headers first, the body only when the server asks for it.
        using var pageRequest = new HttpRequestMessage(HttpMethod.Post, new Uri("/account/sign-in", UriKind.Relative)) { Content = form };
        pageRequest.Headers.ExpectContinue = true;
        using var page = await client.SendAsync(pageRequest);
        using var writer = Hardened.WithToken(host, await Hardened.TokenForAsync(host, Role.DeliveryLead, TokenScope.Submit));
        using var json = new StringContent("{\"note\": \"" + big + "\"}", Encoding.UTF8, "application/json");
        using var apiRequest = new HttpRequestMessage(HttpMethod.Put, new Uri("/api/v1/figures/NI%2015/HRT/2009-10-Q1", UriKind.Relative)) { Content = json };
        apiRequest.Headers.ExpectContinue = true;
        using var api = await writer.SendAsync(apiRequest);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, page.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_post_to_a_page_without_a_post_handler_is_405_with_allow()
    {
        var (_, antiforgery) = await Forms.ReadAsync(host.Client, "/account/tokens");
        using var form = new FormUrlEncodedContent([new(Forms.TokenField, antiforgery!)]);
        using var response = await host.Client.PostAsync(new Uri("/scorecard", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow.Order(StringComparer.Ordinal));
    }
}

/// <summary>Item 13: forwarded headers from a proxy nobody named are not believed.</summary>
public sealed class UntrustedProxyTests(UntrustedProxyTests.Host host) : IClassFixture<UntrustedProxyTests.Host>
{
    public sealed class Host : WebTestHost
    {
        protected override Role? SignedInAs => null;

        protected override WebAppOptions Configure(WebAppOptions options) =>
            options with { TrustedProxies = [], Limits = new RateLimits(SignInPerMinute: 3, PasswordResetPerHour: 100, ApiPerMinute: 100) };
    }

    [Fact]
    public async Task X_forwarded_for_neither_names_the_audited_address_nor_escapes_the_sign_in_limit()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var client = host.NewClient(followRedirects: false);
            client.DefaultRequestHeaders.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            using var response = await Forms.PostAsync(client, "/account/sign-in", [new("Email", "spoofer@example.org"), new("Password", "wrong wrong wrong")]);
            statuses.Add(response.StatusCode);
        }

        await using var db = host.Database.Open();
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditActions.SignInFailed && e.ActorName == "spoofer@example.org").ToListAsync();
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.Equal("127.0.0.1", e.IpAddress));
    }
}

/// <summary>Item 13: a proxy the operator named is believed.</summary>
public sealed class TrustedProxyTests(TrustedProxyTests.Host host) : IClassFixture<TrustedProxyTests.Host>
{
    public sealed class Host : WebTestHost
    {
        protected override Role? SignedInAs => null;

        protected override WebAppOptions Configure(WebAppOptions options) => options with { TrustedProxies = ["127.0.0.0/8", "::1"] };
    }

    [Fact]
    public async Task The_named_proxys_x_forwarded_for_is_the_audited_address()
    {
        using var client = host.NewClient(followRedirects: false);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.77");
        using var response = await Forms.PostAsync(client, "/account/sign-in", [new("Email", "behind-proxy@example.org"), new("Password", "wrong wrong wrong")]);

        await using var db = host.Database.Open();
        var entry = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditActions.SignInFailed && e.ActorName == "behind-proxy@example.org");
        Assert.Equal("203.0.113.77", entry.IpAddress);
    }
}

/// <summary>Item 13: a Host header the site was not told about is refused, not copied into redirects.</summary>
public sealed class AllowedHostsTests(AllowedHostsTests.Host host) : IClassFixture<AllowedHostsTests.Host>
{
    public const string SiteHost = "performance.council.example";

    public sealed class Host : WebTestHost
    {
        protected override Role? SignedInAs => null;

        protected override WebAppOptions Configure(WebAppOptions options) => options with { AllowedHosts = [SiteHost] };
    }

    [Theory]
    [InlineData(SiteHost, HttpStatusCode.Redirect)]
    [InlineData("evil.example", HttpStatusCode.BadRequest)]
    public async Task Only_the_allowed_hosts_are_answered(string hostHeader, HttpStatusCode expected)
    {
        using var client = host.NewClient(followRedirects: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/scorecard", UriKind.Relative));
        request.Headers.Host = hostHeader;
        using var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.DoesNotContain("evil.example", response.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
    }
}

/// <summary>The settings for proxies and hosts, read from configuration.</summary>
public sealed class ProxyAndHostSettingsTests
{
    private static Microsoft.Extensions.Configuration.IConfiguration Settings(params (string Key, string Value)[] values) =>
        new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();

    [Fact]
    public void Trusted_proxies_are_none_unless_named_and_a_list_is_read_either_way()
    {
        Assert.Empty(TrustedProxies.From(Settings()));
        Assert.Equal(["10.0.0.5", "10.1.0.0/16"], TrustedProxies.From(Settings(("GoldenThread:Proxies:Trusted", "10.0.0.5, 10.1.0.0/16"))));
        Assert.Equal(["10.0.0.5", "::1"], TrustedProxies.From(Settings(("GoldenThread:Proxies:Trusted:0", "10.0.0.5"), ("GoldenThread:Proxies:Trusted:1", "::1"))));
        var error = Assert.Throws<UserFacingException>(() => TrustedProxies.From(Settings(("GoldenThread:Proxies:Trusted", "the proxy"))));
        Assert.Contains("GoldenThread:Proxies:Trusted", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Allowed_hosts_are_configured_or_this_machines_own_names_outside_the_demonstration()
    {
        var database = GoldenThread.Storage.Database.Parse("x.db");
        var production = new WebAppOptions(database, ["http://0.0.0.0:8080", "http://site.internal:80"]);

        Assert.Equal(["a.example", "b.example"], AllowedHosts.From(Settings(("AllowedHosts", "a.example;b.example")), production, null));
        Assert.Equal(["*"], AllowedHosts.From(Settings(), production with { DemoMode = true }, null));
        var own = AllowedHosts.From(Settings(), production, new Uri("https://performance.council.example"));
        Assert.Equal(["localhost", "127.0.0.1", "[::1]", "site.internal", "performance.council.example"], own);
    }
}
