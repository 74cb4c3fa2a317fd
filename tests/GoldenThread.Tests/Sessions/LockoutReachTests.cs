using System.Net;
using System.Net.Http.Headers;
using GoldenThread.Accounts;
using GoldenThread.Domain.Access;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Tokens;
using static GoldenThread.Tests.Accounts.AccountJourneys;
using static GoldenThread.Tests.Sessions.SessionLifetimeTests;

namespace GoldenThread.Tests.Sessions;

/// <summary>
/// Issue 9, item 6: anyone can type a person's email address with ten wrong passwords, so the lockout that follows
/// stops password sign-in only; the person's open sessions and API tokens keep working. Deactivation stops all three.
/// </summary>
public abstract class LockoutReachTests(SessionsWebTestHost host)
{
    [Fact]
    public async Task Lockout_StopsPasswordSignIn_ButNotOpenSessionsOrTokens()
    {
        var (email, browser, api) = await PersonWithSessionAndTokenAsync("locked");
        using var attacker = host.NewClient();

        for (var attempt = 1; attempt <= PasswordRules.AttemptsBeforeLockout; attempt++)
        {
            await SignInWithPasswordAsync(attacker, email, $"wrong password number {attempt}");
        }

        var (_, refusedPath, _) = await SignInWithPasswordAsync(host.NewClient(), email, TestPeople.Password);
        Assert.StartsWith("/account/sign-in", refusedPath, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(browser, "/scorecard"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(api, "/api/v1/indicators"));

        // Past the security stamp's one-minute re-check too.
        host.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(browser, "/scorecard"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(api, "/api/v1/indicators"));
        browser.Dispose();
        api.Dispose();
    }

    [Fact]
    public async Task Deactivation_StillStopsOpenSessionsAndTokens()
    {
        var (email, browser, api) = await PersonWithSessionAndTokenAsync("leaver");
        var id = await host.PersonIdAsync(email);
        using var admin = await host.SignInAsync(Role.Administrator, followRedirects: false);

        using (var deactivate = await Forms.PostAsync(admin, $"/admin/people/{id}", [], $"/admin/people/{id}?handler=Deactivate"))
        {
            Assert.Equal(HttpStatusCode.Redirect, deactivate.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Redirect, await StatusAsync(browser, "/scorecard"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(api, "/api/v1/indicators"));
        browser.Dispose();
        api.Dispose();
    }

    private async Task<(string Email, HttpClient Browser, HttpClient Api)> PersonWithSessionAndTokenAsync(string name)
    {
        var email = $"{name}.{Guid.NewGuid():N}@lockout-reach.test";
        var person = await TestPeople.AddAsync(host.Database, email);
        var (browser, _) = host.NewBrowser();
        using (var signIn = await Forms.PostAsync(browser, "/account/sign-in", [new("Email", email), new("Password", TestPeople.Password)]))
        {
            Assert.Equal("/", signIn.Headers.Location?.OriginalString);
        }

        var api = host.NewClient(followRedirects: false);
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TestPeople.TokenAsync(host.Database, person.Id, TokenScope.Read));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(browser, "/scorecard"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(api, "/api/v1/indicators"));
        return (email, browser, api);
    }
}

public sealed class LockoutReachOnSqliteTests(SessionsWebTestHost host) : LockoutReachTests(host), IClassFixture<SessionsWebTestHost>;

public sealed class LockoutReachOnPostgresTests(PostgresSessionsWebTestHost host) : LockoutReachTests(host), IClassFixture<PostgresSessionsWebTestHost>;
