using System.Net;
using AngleSharp.Html.Parser;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.People;
using GoldenThread.Sessions;
using GoldenThread.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GoldenThread.Tests.Accounts.AccountJourneys;
using static GoldenThread.Tests.Sessions.SessionLifetimeTests;

namespace GoldenThread.Tests.Sessions;

/// <summary>
/// A person sees where they are signed in and ends the other sessions; an administrator ends a person's sessions
/// (issue 9, item 5); sensitive changes need the person to confirm it is them (item 7). On both databases.
/// </summary>
public abstract class SessionPagesTests(SessionsWebTestHost host)
{
    [Fact]
    public async Task SessionsPage_ListsThePersonsSessions_MarksThisOne_AndEndsAnother()
    {
        var email = await NewPersonAsync("two.browsers");
        using var first = await SignInAsync(email);
        using var second = await SignInAsync(email);

        var page = await new HtmlParser().ParseDocumentAsync(await first.GetStringAsync(new Uri("/account/sessions", UriKind.Relative)));
        var rows = page.QuerySelectorAll("#sessions tbody tr").ToList();
        var other = rows.Single(r => r.GetAttribute("data-current") == "false").GetAttribute("data-session-id")!;
        using (var end = await Forms.PostAsync(first, "/account/sessions", [new("id", other)], "/account/sessions?handler=End"))
        {
            Assert.Equal(HttpStatusCode.Redirect, end.StatusCode);
        }

        Assert.Equal(2, rows.Count);
        Assert.Single(rows, r => r.GetAttribute("data-current") == "true" && r.TextContent.Contains("This session", StringComparison.Ordinal));
        Assert.Contains("With a password", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, await StatusAsync(second, "/scorecard"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(first, "/scorecard"));
        var person = await host.PersonIdAsync(email);
        var ended = Assert.Single(await AuditAboutAsync(host.Database, person), e => e.Action == AuditActions.SessionEnded);
        Assert.Equal(person, ended.ActorId);
        Assert.StartsWith("Ended by the person", ended.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionsPage_EndsAllTheOtherSessions_AndNotThisOne()
    {
        var email = await NewPersonAsync("three.browsers");
        using var first = await SignInAsync(email);
        using var second = await SignInAsync(email);
        using var third = await SignInAsync(email);

        using (var end = await Forms.PostAsync(first, "/account/sessions", [], "/account/sessions?handler=EndOthers"))
        {
            Assert.Equal(HttpStatusCode.Redirect, end.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(first, "/scorecard"));
        Assert.Equal(HttpStatusCode.Redirect, await StatusAsync(second, "/scorecard"));
        Assert.Equal(HttpStatusCode.Redirect, await StatusAsync(third, "/scorecard"));
    }

    [Fact]
    public async Task Administrator_EndsAPersonsSessions_AndItIsAudited()
    {
        var email = await NewPersonAsync("ended.by.admin");
        var person = await host.PersonIdAsync(email);
        using var browser = await SignInAsync(email);
        using var admin = await host.SignInAsync(Role.Administrator, followRedirects: false);
        var page = await new HtmlParser().ParseDocumentAsync(await admin.GetStringAsync(new Uri($"/admin/people/{person}", UriKind.Relative)));

        using (var end = await Forms.PostAsync(admin, $"/admin/people/{person}", [], $"/admin/people/{person}?handler=EndSessions"))
        {
            Assert.Equal(HttpStatusCode.Redirect, end.StatusCode);
        }

        Assert.Single(page.QuerySelectorAll("#session-table tbody tr"));
        Assert.Equal(HttpStatusCode.Redirect, await StatusAsync(browser, "/scorecard"));
        Assert.Equal(SessionEnd.EndedByAdministrator, Assert.Single(await host.SessionsOfAsync(person)).EndReason);
        var ended = Assert.Single(await AuditAboutAsync(host.Database, person), e => e.Action == AuditActions.SessionEnded);
        Assert.Equal(host.Account(Role.Administrator).Email, ended.ActorName);
        Assert.StartsWith("Ended by an administrator: 1 open session", ended.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TurningOffTwoFactor_LongAfterSigningIn_NeedsThePasswordFirst()
    {
        var email = await NewPersonAsync("turns.off");
        var key = await TurnOnTwoFactorAsync(email);
        using var browser = await SignInAsync(email, key);
        host.Clock.Advance(TimeSpan.FromMinutes(6));

        using var refused = await Forms.PostAsync(browser, "/account/sign-out", [], "/account/two-factor/turn-off");
        var stillOn = await TwoFactorOnAsync(email);
        using var wrong = await Forms.PostAsync(browser, refused.Headers.Location!.OriginalString, [new("Password", "not my password at all")]);
        var wrongPage = await new HtmlParser().ParseDocumentAsync(await wrong.Content.ReadAsStringAsync());
        using var confirmed = await Forms.PostAsync(browser, refused.Headers.Location!.OriginalString, [new("Password", TestPeople.Password)]);
        using var turnedOff = await Forms.PostAsync(browser, "/account/sign-out", [], "/account/two-factor/turn-off");

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/account/confirm?returnUrl=%2Faccount%2Ftwo-factor%2Fturn-off", refused.Headers.Location!.OriginalString);
        Assert.True(stillOn);
        Assert.Contains("Your password is not right", FieldErrors(wrongPage), StringComparison.Ordinal);
        Assert.Equal("/account/two-factor/turn-off", confirmed.Headers.Location?.OriginalString);
        Assert.Equal("/account", turnedOff.Headers.Location?.OriginalString);
        Assert.False(await TwoFactorOnAsync(email));
        var audit = await AuditAboutAsync(host.Database, await host.PersonIdAsync(email));
        Assert.Contains(audit, e => e.Action == AuditActions.ReauthenticationFailed);
        Assert.Contains(audit, e => e.Action == AuditActions.Reauthenticated);
    }

    [Fact]
    public async Task MakingAToken_LongAfterSigningIn_NeedsConfirming_WhichThenCoversSeveralChanges()
    {
        var email = await NewPersonAsync("makes.tokens");
        using var browser = await SignInAsync(email);
        host.Clock.Advance(TimeSpan.FromMinutes(6));
        KeyValuePair<string, string>[] token = [new("Name", "Reports"), new("Scope", "read"), new("ExpiresIn", "30")];

        using var refused = await Forms.PostAsync(browser, "/account/tokens", token, "/account/tokens?handler=Create");
        var madeBefore = await TokenCountAsync(email);
        using var confirmed = await Forms.PostAsync(browser, refused.Headers.Location!.OriginalString, [new("Password", TestPeople.Password)]);
        host.Clock.Advance(TimeSpan.FromMinutes(2));
        using var first = await Forms.PostAsync(browser, "/account/tokens", token, "/account/tokens?handler=Create");
        using var second = await Forms.PostAsync(browser, "/account/tokens", token, "/account/tokens?handler=Create");
        host.Clock.Advance(TimeSpan.FromMinutes(4));
        using var tooLate = await Forms.PostAsync(browser, "/account/tokens", token, "/account/tokens?handler=Create");

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/account/confirm?returnUrl=%2Faccount%2Ftokens", refused.Headers.Location!.OriginalString);
        Assert.Equal(0, madeBefore);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, tooLate.StatusCode);
        Assert.Equal(2, await TokenCountAsync(email));
    }

    private async Task<string> NewPersonAsync(string name)
    {
        var email = $"{name}.{Guid.NewGuid():N}@session-pages.test";
        await TestPeople.AddAsync(host.Database, email);
        return email;
    }

    /// <summary>A browser (not following redirects) signed in with the password, and the authenticator code when there is a key.</summary>
    private async Task<HttpClient> SignInAsync(string email, string? key = null)
    {
        var (browser, _) = host.NewBrowser();
        using var signIn = await Forms.PostAsync(browser, "/account/sign-in", [new("Email", email), new("Password", TestPeople.Password)]);
        if (key is not null)
        {
            var step = signIn.Headers.Location!.OriginalString;
            Assert.StartsWith("/account/two-factor", step, StringComparison.Ordinal);
            using var coded = await Forms.PostAsync(browser, step, [new("Code", Forms.CurrentCode(key, host.Clock))]);
            Assert.Equal("/", coded.Headers.Location?.OriginalString);
        }
        else
        {
            Assert.Equal("/", signIn.Headers.Location?.OriginalString);
        }

        return browser;
    }

    private async Task<string> TurnOnTwoFactorAsync(string email)
    {
        // The site's own services: authenticator keys are protected with the site's keys.
        await using var scope = host.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
        var person = (await users.FindByEmailAsync(email))!;
        await users.ResetAuthenticatorKeyAsync(person);
        await users.SetTwoFactorEnabledAsync(person, true);
        return (await users.GetAuthenticatorKeyAsync(person))!;
    }

    private async Task<bool> TwoFactorOnAsync(string email)
    {
        await using var db = host.Database.Open();
        return await db.People.Where(p => p.Email == email).Select(p => p.TwoFactorEnabled).SingleAsync();
    }

    private async Task<int> TokenCountAsync(string email)
    {
        await using var db = host.Database.Open();
        var id = await db.People.Where(p => p.Email == email).Select(p => p.Id).SingleAsync();
        return await db.ApiTokens.CountAsync(t => t.PersonId == id);
    }
}

public sealed class SessionPagesOnSqliteTests(SessionsWebTestHost host) : SessionPagesTests(host), IClassFixture<SessionsWebTestHost>;

public sealed class SessionPagesOnPostgresTests(PostgresSessionsWebTestHost host) : SessionPagesTests(host), IClassFixture<PostgresSessionsWebTestHost>;
