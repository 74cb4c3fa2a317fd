using System.Net;
using System.Text;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.People;
using GoldenThread.Sessions;
using GoldenThread.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using static GoldenThread.Tests.Accounts.AccountJourneys;
using static GoldenThread.Tests.Sessions.SessionLifetimeTests;

namespace GoldenThread.Tests.Sessions;

/// <summary>
/// A change to who may sign in ends the recorded sessions at once (not only at the next security-stamp check):
/// deactivation and a password reset end all of the person's sessions; a password change ends all but the one it
/// was made in. Each end is in the record with its reason, and audited. On both databases.
/// </summary>
public abstract class SessionEndsOnAccountChangeTests(SessionsWebTestHost host)
{
    private const string NewPassword = "harbour lantern quince meadow";

    [Fact]
    public async Task Deactivation_EndsEverySessionOfThePerson_AtOnce_AndAudits()
    {
        var (email, person, first, second) = await PersonInTwoBrowsersAsync("deactivated");
        using var admin = await host.SignInAsync(Role.Administrator, followRedirects: false);

        using (var deactivate = await Forms.PostAsync(admin, $"/admin/people/{person}", [], $"/admin/people/{person}?handler=Deactivate"))
        {
            Assert.Equal(HttpStatusCode.Redirect, deactivate.StatusCode);
        }

        var sessions = await host.SessionsOfAsync(person);
        Assert.Equal([SessionEnd.PersonDeactivated, SessionEnd.PersonDeactivated], sessions.Select(s => s.EndReason));
        Assert.All(sessions, s => Assert.Equal((host.Clock.GetUtcNow(), host.Account(Role.Administrator).Email), (s.EndedAt!.Value, s.EndedBy)));
        Assert.Equal(HttpStatusCode.Redirect, await StatusAsync(first, "/scorecard"));
        Assert.Equal(HttpStatusCode.Redirect, await StatusAsync(second, "/scorecard"));
        var ended = Assert.Single(await AuditAboutAsync(host.Database, person), e => e.Action == AuditActions.SessionEnded);
        Assert.Equal(("Ended when the person was deactivated: 2 open sessions.", email), (ended.Detail, ended.SubjectName));
        first.Dispose();
        second.Dispose();
    }

    [Fact]
    public async Task PasswordReset_EndsEverySessionOfThePerson_AndAudits()
    {
        var (email, person, first, second) = await PersonInTwoBrowsersAsync("reset");
        var link = await ResetLinkAsync(email);

        using (var reset = await Forms.PostAsync(host.NewClient(followRedirects: false), link, [new("NewPassword", NewPassword)]))
        {
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
            Assert.Contains("Your password has been reset", await reset.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal([SessionEnd.PasswordReset, SessionEnd.PasswordReset], (await host.SessionsOfAsync(person)).Select(s => s.EndReason));
        Assert.Equal(HttpStatusCode.Redirect, await StatusAsync(first, "/scorecard"));
        Assert.Equal(HttpStatusCode.Redirect, await StatusAsync(second, "/scorecard"));
        var ended = Assert.Single(await AuditAboutAsync(host.Database, person), e => e.Action == AuditActions.SessionEnded);
        Assert.Equal(("Ended by a password reset: 2 open sessions.", person), (ended.Detail, ended.ActorId));
        first.Dispose();
        second.Dispose();
    }

    [Fact]
    public async Task PasswordChange_EndsThePersonsOtherSessions_AndKeepsThisOne()
    {
        var (_, person, first, second) = await PersonInTwoBrowsersAsync("changed");

        using (var change = await Forms.PostAsync(first, "/account/change-password", [new("CurrentPassword", TestPeople.Password), new("NewPassword", NewPassword)]))
        {
            Assert.Equal("/account", change.Headers.Location?.OriginalString);
        }

        Assert.Equal([null, SessionEnd.PasswordChanged], (await host.SessionsOfAsync(person)).Select(s => s.EndReason));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(first, "/scorecard"));
        Assert.Equal(HttpStatusCode.Redirect, await StatusAsync(second, "/scorecard"));
        var ended = Assert.Single(await AuditAboutAsync(host.Database, person), e => e.Action == AuditActions.SessionEnded);
        Assert.Equal("Ended by a password change: 1 other open session.", ended.Detail);
        first.Dispose();
        second.Dispose();
    }

    /// <summary>A new person signed in in two browsers, one a moment after the other (so their sessions sort).</summary>
    private async Task<(string Email, int Person, HttpClient First, HttpClient Second)> PersonInTwoBrowsersAsync(string name)
    {
        var email = $"{name}.{Guid.NewGuid():N}@session-ends.test";
        var person = (await TestPeople.AddAsync(host.Database, email)).Id;
        var first = await SignInAsync(email);
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await SignInAsync(email);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(first, "/scorecard"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(second, "/scorecard"));
        return (email, person, first, second);
    }

    private async Task<HttpClient> SignInAsync(string email)
    {
        var (browser, _) = host.NewBrowser();
        using var signIn = await Forms.PostAsync(browser, "/account/sign-in", [new("Email", email), new("Password", TestPeople.Password)]);
        Assert.Equal("/", signIn.Headers.Location?.OriginalString);
        return browser;
    }

    /// <summary>The path of a password reset link for the person, made with the site's own services as the emailed one is.</summary>
    private async Task<string> ResetLinkAsync(string email)
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
        var token = await users.GeneratePasswordResetTokenAsync((await users.FindByEmailAsync(email))!);
        return $"/account/reset-password?email={Uri.EscapeDataString(email)}&code={WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token))}";
    }
}

public sealed class SessionEndsOnAccountChangeOnSqliteTests(SessionsWebTestHost host) : SessionEndsOnAccountChangeTests(host), IClassFixture<SessionsWebTestHost>;

public sealed class SessionEndsOnAccountChangeOnPostgresTests(PostgresSessionsWebTestHost host) : SessionEndsOnAccountChangeTests(host), IClassFixture<PostgresSessionsWebTestHost>;
