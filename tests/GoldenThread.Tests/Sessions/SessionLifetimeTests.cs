using System.Net;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Sessions;
using GoldenThread.Tests.Infrastructure;
using static GoldenThread.Tests.Accounts.AccountJourneys;

namespace GoldenThread.Tests.Sessions;

/// <summary>
/// Sessions recorded on the server (issue 9, item 5): signing out ends the session so a copied cookie stops working,
/// and every session ends when idle too long or at its absolute limit however much it is used. On both databases.
/// </summary>
public abstract class SessionLifetimeTests(SessionsWebTestHost host)
{
    [Fact]
    public async Task SignOut_EndsTheSessionOnTheServer_ACopiedCookieStopsWorking()
    {
        var (person, browser, cookies) = await SignedInPersonAsync("signs.out");
        using var thief = host.CopyOf(cookies);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(thief, "/scorecard"));

        using (var signOut = await Forms.PostAsync(browser, "/account/sign-out", []))
        {
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Redirect, await StatusAsync(thief, "/scorecard"));
        var session = Assert.Single(await host.SessionsOfAsync(person));
        Assert.Equal(SessionEnd.SignedOut, session.EndReason);
        Assert.NotNull(session.EndedAt);
        browser.Dispose();
    }

    [Fact]
    public async Task SignIn_RecordsTheSession_WhereWhenAndHow()
    {
        var (person, browser, _) = await SignedInPersonAsync("recorded");

        var session = Assert.Single(await host.SessionsOfAsync(person));
        Assert.Equal(SignInMethod.Password, session.Method);
        Assert.Equal("127.0.0.1", session.IpAddress);
        Assert.Null(session.EndedAt);
        Assert.Equal(host.Clock.GetUtcNow(), session.CreatedAt);
        Assert.Equal(64, session.Id.Length);
        browser.Dispose();
    }

    [Fact]
    public async Task IdleSession_EndsAfterTheIdleLimit_AndTheEndIsAudited()
    {
        var (person, browser, _) = await SignedInPersonAsync("idles");
        host.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(browser, "/scorecard"));

        host.Clock.Advance(TimeSpan.FromMinutes(61));
        var status = await StatusAsync(browser, "/scorecard");

        Assert.Equal(HttpStatusCode.Redirect, status);
        var session = Assert.Single(await host.SessionsOfAsync(person));
        Assert.Equal(SessionEnd.Idle, session.EndReason);
        Assert.Contains(await AuditAboutAsync(host.Database, person), e => e.Action == AuditActions.SessionEnded && e.Detail.Contains("Not used for more than 60 minutes", StringComparison.Ordinal));
        browser.Dispose();
    }

    [Fact]
    public async Task SessionInUse_EndsAtTheAbsoluteLimit()
    {
        var (person, browser, _) = await SignedInPersonAsync("busy");

        // Used every 50 minutes, so never idle: it still ends 12 hours after signing in.
        var statuses = new List<(TimeSpan After, HttpStatusCode Status)>();
        for (var after = TimeSpan.FromMinutes(50); after <= TimeSpan.FromHours(13); after += TimeSpan.FromMinutes(50))
        {
            host.Clock.Advance(TimeSpan.FromMinutes(50));
            statuses.Add((after, await StatusAsync(browser, "/scorecard")));
        }

        Assert.All(statuses.Where(s => s.After <= TimeSpan.FromHours(12)), s => Assert.Equal(HttpStatusCode.OK, s.Status));
        Assert.All(statuses.Where(s => s.After > TimeSpan.FromHours(12)), s => Assert.Equal(HttpStatusCode.Redirect, s.Status));
        Assert.Equal(SessionEnd.AbsoluteLimit, Assert.Single(await host.SessionsOfAsync(person)).EndReason);
        browser.Dispose();
    }

    [Fact]
    public async Task Administrator_HasTheStricterIdleLimit()
    {
        using var admin = await host.SignInAsync(Role.Administrator, followRedirects: false);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(admin, "/admin"));

        host.Clock.Advance(TimeSpan.FromMinutes(29));
        var within = await StatusAsync(admin, "/admin");
        host.Clock.Advance(TimeSpan.FromMinutes(31));
        var after = await StatusAsync(admin, "/admin");

        Assert.Equal(HttpStatusCode.OK, within);
        Assert.Equal(HttpStatusCode.Redirect, after);
    }

    [Fact]
    public async Task LastSeen_IsWrittenAtMostOnceAMinute()
    {
        var (person, browser, _) = await SignedInPersonAsync("seen");
        var signedIn = host.Clock.GetUtcNow();

        host.Clock.Advance(TimeSpan.FromSeconds(30));
        await StatusAsync(browser, "/scorecard");
        var halfAMinute = Assert.Single(await host.SessionsOfAsync(person)).LastSeenAt;
        host.Clock.Advance(TimeSpan.FromSeconds(40));
        await StatusAsync(browser, "/scorecard");
        var overAMinute = Assert.Single(await host.SessionsOfAsync(person)).LastSeenAt;

        Assert.Equal(signedIn, halfAMinute);
        Assert.Equal(host.Clock.GetUtcNow(), overAMinute);
        browser.Dispose();
    }

    [Fact]
    public async Task LastSeen_IsBookkeeping_ARequestIsAnsweredWhileAnotherWriterHoldsTheSessions()
    {
        // A quarter-end rush: other writers hold the database when a session's last use falls due to be written. The
        // request is answered all the same, not refused with 503 after the busy timeout; a later request records the use.
        var (person, browser, _) = await SignedInPersonAsync("busy.seen");
        var signedIn = host.Clock.GetUtcNow();
        host.Clock.Advance(TimeSpan.FromMinutes(2));

        HttpStatusCode whileHeld;
        await using (await Access.DatabaseBusyTests.HoldWriteLockAsync(host.Database, "sessions"))
        {
            whileHeld = await StatusAsync(browser, "/scorecard");
        }

        var notYet = Assert.Single(await host.SessionsOfAsync(person)).LastSeenAt;
        await StatusAsync(browser, "/scorecard");
        var recorded = Assert.Single(await host.SessionsOfAsync(person)).LastSeenAt;

        Assert.Equal(HttpStatusCode.OK, whileHeld);
        Assert.Equal(signedIn, notYet);
        Assert.Equal(host.Clock.GetUtcNow(), recorded);
        browser.Dispose();
    }

    private async Task<(int Person, HttpClient Browser, CookieContainer Cookies)> SignedInPersonAsync(string name)
    {
        var email = $"{name}.{Guid.NewGuid():N}@sessions.test";
        var person = await TestPeople.AddAsync(host.Database, email);
        var (browser, cookies) = host.NewBrowser();
        using var signIn = await Forms.PostAsync(browser, "/account/sign-in", [new("Email", email), new("Password", TestPeople.Password)]);
        Assert.Equal("/", signIn.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(browser, "/scorecard"));
        return (person.Id, browser, cookies);
    }

    internal static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode;
    }
}

public sealed class SessionLifetimeOnSqliteTests(SessionsWebTestHost host) : SessionLifetimeTests(host), IClassFixture<SessionsWebTestHost>;

public sealed class SessionLifetimeOnPostgresTests(PostgresSessionsWebTestHost host) : SessionLifetimeTests(host), IClassFixture<PostgresSessionsWebTestHost>;
