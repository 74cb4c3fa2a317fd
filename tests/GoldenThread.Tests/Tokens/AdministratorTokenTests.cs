using AngleSharp.Html.Parser;
using GoldenThread.Domain.Access;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Tokens;
using Microsoft.EntityFrameworkCore;
using static GoldenThread.Tests.Accounts.AccountJourneys;

namespace GoldenThread.Tests.Tokens;

/// <summary>A token may do no more than the session that made it: an administrator's submit token needs the second factor.</summary>
public sealed class AdministratorTokenTests(WebTestHost host) : IClassFixture<WebTestHost>
{
    private const string Page = "/account/tokens";

    [Fact]
    public async Task AdministratorWithoutSecondFactor_CannotMakeASubmitToken_OnlyARead()
    {
        var email = $"admin.no.code.{Guid.NewGuid():N}@tokens.test";
        var person = await TestPeople.AddAsync(host.Database, email, new Grant(Role.Administrator, null, null, null));
        using var browser = host.NewClient();
        await SignInWithPasswordAsync(browser, email, TestPeople.Password);

        var form = await new HtmlParser().ParseDocumentAsync(await browser.GetStringAsync(new Uri(Page, UriKind.Relative)));
        using var submit = await Forms.PostAsync(browser, Page, [new("Name", "All the figures"), new("Scope", "submit"), new("ExpiresIn", "30")], Page + "?handler=Create");
        var refused = await new HtmlParser().ParseDocumentAsync(await submit.Content.ReadAsStringAsync());
        using var read = await Forms.PostAsync(browser, Page, [new("Name", "Reading"), new("Scope", "read"), new("ExpiresIn", "30")], Page + "?handler=Create");
        var made = await new HtmlParser().ParseDocumentAsync(await read.Content.ReadAsStringAsync());

        Assert.Null(form.QuerySelector("#scope-submit"));
        Assert.NotNull(form.QuerySelector("#scope-second-factor"));
        Assert.Null(refused.QuerySelector("#new-token"));
        Assert.Contains("needs a session signed in with an authenticator code", FieldErrors(refused), StringComparison.Ordinal);
        Assert.True(TokenSecrets.LooksLikeSecret(made.QuerySelector("#new-token")?.TextContent.Trim()));
        await using var db = host.Database.Open();
        var scopes = await db.ApiTokens.AsNoTracking().Where(t => t.PersonId == person.Id).Select(t => t.Scope).ToListAsync();
        Assert.Equal([TokenScope.Read], scopes);
    }

    [Fact]
    public async Task AdministratorSignedInWithTheSecondFactor_MayMakeASubmitToken()
    {
        using var browser = await host.SignInAsync(Role.Administrator);

        using var created = await Forms.PostAsync(browser, Page, [new("Name", "Partnership loader"), new("Scope", "submit"), new("ExpiresIn", "30")], Page + "?handler=Create");
        var page = await new HtmlParser().ParseDocumentAsync(await created.Content.ReadAsStringAsync());

        Assert.True(TokenSecrets.LooksLikeSecret(page.QuerySelector("#new-token")?.TextContent.Trim()), page.Body?.TextContent);
        Assert.Null(page.QuerySelector("#scope-second-factor"));
    }
}
