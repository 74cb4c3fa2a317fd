using System.Net;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Web;
using Microsoft.Extensions.Configuration;

namespace GoldenThread.Tests.Access;

/// <summary>The headers, cookies and limits that protect the site, on the real server.</summary>
public sealed class HardeningTests(WebTestHost host) : IClassFixture<WebTestHost>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/scorecard")]
    [InlineData("/account/sign-in")]
    public async Task Pages_carry_a_strict_content_security_policy_and_the_security_headers(string path)
    {
        using var response = await host.Client.GetAsync(new Uri(path, UriKind.Relative));
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));

        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("style-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_and_same_site()
    {
        using var client = host.NewClient(followRedirects: false);
        var account = host.Account(GoldenThread.Domain.Access.Role.PerformanceOfficer);
        using var response = await Forms.PostAsync(client, "/account/sign-in", [new("Email", account.Email), new("Password", account.Password)]);

        var session = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("goldenthread=", StringComparison.Ordinal));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_bearer_token_opens_the_api_but_not_the_sites_pages()
    {
        var person = await TestPeople.AddAsync(host.Database, "pages-with-token@example.org");
        var token = await TestPeople.TokenAsync(host.Database, person.Id, GoldenThread.Tokens.TokenScope.Read);
        using var client = host.NewClient(followRedirects: false);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        using var api = await client.GetAsync(new Uri("/api/v1/indicators", UriKind.Relative));
        using var page = await client.GetAsync(new Uri("/scorecard", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/sign-in", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_answers_a_missing_or_unknown_token_with_a_401_problem_not_a_page()
    {
        using var client = host.NewClient(followRedirects: false);
        using var none = await client.GetAsync(new Uri("/api/v1/indicators", UriKind.Relative));
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "gt_" + new string('a', 43));
        using var unknown = await client.GetAsync(new Uri("/api/v1/indicators", UriKind.Relative));

        foreach (var response in new[] { none, unknown })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }

        Assert.Contains("not known", unknown.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }
}

/// <summary>The site as it runs in production behind a proxy that ends TLS: HTTPS only, HSTS, secure cookies.</summary>
public sealed class ProductionHttpsTests(ProductionHttpsTests.Host host) : IClassFixture<ProductionHttpsTests.Host>
{
    public sealed class Host : WebTestHost
    {
        protected override GoldenThread.Domain.Access.Role? SignedInAs => null;

        protected override WebAppOptions Configure(WebAppOptions options) => options with { RequireHttps = true };
    }

    [Fact]
    public async Task A_plain_http_request_is_sent_to_https()
    {
        using var client = host.NewClient(followRedirects: false);
        using var response = await client.GetAsync(new Uri("/accessibility", UriKind.Relative));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https", response.Headers.Location!.Scheme);
    }

    [Fact]
    public async Task Behind_the_proxy_responses_carry_hsts_and_cookies_are_secure()
    {
        using var client = host.NewClient(followRedirects: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/account/sign-in", UriKind.Relative));
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Host = "performance.wessexshire.example";
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
        var antiforgery = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("goldenthread.antiforgery=", StringComparison.Ordinal));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", antiforgery, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>Rate limits, with a small allowance so the test reaches it.</summary>
public sealed class RateLimitTests(RateLimitTests.Host host) : IClassFixture<RateLimitTests.Host>
{
    public sealed class Host : WebTestHost
    {
        protected override GoldenThread.Domain.Access.Role? SignedInAs => null;

        protected override WebAppOptions Configure(WebAppOptions options) => options with { Limits = new RateLimits(SignInPerMinute: 3, PasswordResetPerHour: 2, ApiPerMinute: 5) };
    }

    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_get_429_with_a_retry_after()
    {
        using var client = host.NewClient(followRedirects: false);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await Forms.PostAsync(client, "/account/sign-in", [new("Email", "nobody@example.org"), new("Password", "wrong wrong wrong")]);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter is not null);
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);

        // Reading the page is not limited.
        using var page = await client.GetAsync(new Uri("/account/sign-in", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Api_requests_beyond_the_limit_get_429()
    {
        var person = await TestPeople.AddAsync(host.Database, "busy-script@example.org");
        var token = await TestPeople.TokenAsync(host.Database, person.Id, GoldenThread.Tokens.TokenScope.Read);
        using var client = host.NewClient(followRedirects: false);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            using var response = await client.GetAsync(new Uri("/api/v1/indicators", UriKind.Relative));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }
}

/// <summary>Rate limits come from configuration, with the defaults where unset, and refuse nonsense.</summary>
public sealed class RateLimitSettingsTests
{
    [Fact]
    public void Limits_are_read_from_configuration_with_defaults_for_the_rest()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["GoldenThread:RateLimits:ApiPerMinute"] = "1200" })
            .Build();

        Assert.Equal(new RateLimits(SignInPerMinute: 20, PasswordResetPerHour: 10, ApiPerMinute: 1200), RateLimits.From(configuration));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("lots")]
    public void A_limit_that_is_not_a_positive_whole_number_is_refused_with_its_name(string value)
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["GoldenThread:RateLimits:SignInPerMinute"] = value })
            .Build();

        var error = Assert.Throws<UserFacingException>(() => { _ = RateLimits.From(configuration); });
        Assert.Contains("GoldenThread:RateLimits:SignInPerMinute", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("half an hour")]
    public void A_session_lifetime_that_is_not_a_positive_whole_number_stops_the_site_with_its_name(string value)
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["GoldenThread:Sessions:IdleMinutes"] = value })
            .Build();

        // The same words as every other setting, and a message the serve command prints without a stack trace.
        var error = Assert.Throws<UserFacingException>(() => { _ = GoldenThread.Sessions.SessionSettings.From(configuration); });
        Assert.Contains("GoldenThread:Sessions:IdleMinutes must be a whole number above zero", error.Message, StringComparison.Ordinal);
    }
}
