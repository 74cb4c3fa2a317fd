using System.Net.Http.Headers;
using AngleSharp.Html.Parser;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Tokens;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Tests.Tokens;

/// <summary>The 'API tokens' page: a token is made, shown once, works, and is revoked; the form's rules; browser only.</summary>
public sealed class TokensPageTests(WebTestHost host) : IClassFixture<WebTestHost>
{
    private const string Page = "/account/tokens";

    [Fact]
    public async Task CreatedToken_IsShownOnce_Works_AndIsRevoked()
    {
        using var browser = await host.SignInAsync(Role.DeliveryLead);

        using var created = await Forms.PostAsync(browser, Page, [new("Name", "Police records system"), new("Scope", "submit"), new("ExpiresIn", "90")], Page + "?handler=Create");
        var html = await created.Content.ReadAsStringAsync();
        var page = await new HtmlParser().ParseDocumentAsync(html);
        var secret = page.QuerySelector("#new-token")?.TextContent.Trim();

        Assert.Equal(200, (int)created.StatusCode);
        Assert.True(TokenSecrets.LooksLikeSecret(secret), html);
        Assert.Contains("no-store", created.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Contains("will not be shown again", page.QuerySelector(".govuk-warning-text")?.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(secret!, string.Join(";", created.Headers.Select(h => string.Join(",", h.Value))), StringComparison.Ordinal);
        var row = page.QuerySelectorAll("#tokens tbody tr").Single(r => r.QuerySelector("th")?.TextContent == "Police records system");
        Assert.Contains(secret![..ApiToken.PrefixLength], row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Read and submit figures", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("Active", row.QuerySelector(".token-status")?.TextContent);

        // A second look at the page lists the token but never shows its secret again.
        var again = await browser.GetStringAsync(new Uri(Page, UriKind.Relative));
        Assert.DoesNotContain(secret, again, StringComparison.Ordinal);
        Assert.Contains(secret[..ApiToken.PrefixLength], again, StringComparison.Ordinal);

        using var api = host.NewClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using (var response = await api.GetAsync(new Uri("/api/v1/indicators", UriKind.Relative)))
        {
            Assert.Equal(200, (int)response.StatusCode);
        }

        var id = row.GetAttribute("data-token-id")!;
        using var revoked = await Forms.PostAsync(browser, Page, [new("id", id)], Page + "?handler=Revoke");
        var revokedPage = await new HtmlParser().ParseDocumentAsync(await revoked.Content.ReadAsStringAsync());
        var revokedRow = revokedPage.QuerySelector($"#tokens tbody tr[data-token-id='{id}']")!;

        Assert.Contains("Police records system", revokedPage.QuerySelector("#revoked-message")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Revoked", revokedRow.QuerySelector(".token-status")?.TextContent);
        Assert.Null(revokedRow.QuerySelector("form"));
        using (var response = await api.GetAsync(new Uri("/api/v1/indicators", UriKind.Relative)))
        {
            Assert.Equal(401, (int)response.StatusCode);
        }

        await using var db = host.Database.Open();
        var email = host.Account(Role.DeliveryLead).Email;
        var actions = await db.AuditEntries.Where(e => e.ActorName == email && e.Detail.Contains("Police records system")).Select(e => e.Action).ToListAsync();
        Assert.Contains(AuditActions.TokenCreated, actions);
        Assert.Contains(AuditActions.TokenRevoked, actions);
    }

    [Fact]
    public async Task SomeoneWhoMaySubmitNothing_IsOfferedOnlyRead_AndCannotPostSubmit()
    {
        using var browser = await host.SignInAsync(Role.Auditor);

        var (page, _) = await Forms.ReadAsync(browser, Page);
        using var refused = await Forms.PostAsync(browser, Page, [new("Name", "Sneaky"), new("Scope", "submit"), new("ExpiresIn", "30")], Page + "?handler=Create");
        var refusedPage = await new HtmlParser().ParseDocumentAsync(await refused.Content.ReadAsStringAsync());

        Assert.NotNull(page.QuerySelector("input[name='Scope'][value='read']"));
        Assert.Null(page.QuerySelector("input[name='Scope'][value='submit']"));
        Assert.StartsWith("Error: ", refusedPage.Title, StringComparison.Ordinal);
        Assert.NotNull(refusedPage.QuerySelector(".govuk-error-summary a[href='#scope']"));
        Assert.Null(refusedPage.QuerySelector("#new-token"));
        await using var db = host.Database.Open();
        Assert.False(await db.ApiTokens.AnyAsync(t => t.Name == "Sneaky"));
    }

    [Fact]
    public async Task MissingNameAndExpiry_AreErrorsOnTheirFields()
    {
        using var browser = await host.SignInAsync(Role.TargetSponsor);

        using var response = await Forms.PostAsync(browser, Page, [new("Name", "  "), new("Scope", "read"), new("ExpiresIn", "400")], Page + "?handler=Create");
        var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("Error: API tokens - GoldenThread", page.Title);
        Assert.Equal(["#name", "#expires"], page.QuerySelectorAll(".govuk-error-summary a").Select(a => a.GetAttribute("href")));
        Assert.NotNull(page.QuerySelector("#name-error"));
        Assert.NotNull(page.QuerySelector("#expires-error"));
        Assert.NotNull(page.QuerySelector("input[name='Scope'][value='read'][checked]"));
        Assert.Null(page.QuerySelector("#new-token"));
    }

    [Fact]
    public async Task SomeoneElsesToken_CannotBeRevoked()
    {
        var email = host.Account(Role.IndicatorOwner).Email;
        int ownerId;
        await using (var db = host.Database.Open())
        {
            ownerId = await db.People.Where(p => p.Email == email).Select(p => p.Id).SingleAsync();
        }

        var secret = await TestPeople.TokenAsync(host.Database, ownerId, TokenScope.Read);
        int tokenId;
        await using (var db = host.Database.Open())
        {
            tokenId = await db.ApiTokens.Where(t => t.Hash == TokenSecrets.Hash(secret)).Select(t => t.Id).SingleAsync();
        }

        using var browser = await host.SignInAsync(Role.IndicatorDeputy);
        using var response = await Forms.PostAsync(browser, Page, [new("id", tokenId.ToString(System.Globalization.CultureInfo.InvariantCulture))], Page + "?handler=Revoke");

        Assert.Equal(200, (int)response.StatusCode);
        await using (var db = host.Database.Open())
        {
            Assert.Null(await db.ApiTokens.Where(t => t.Id == tokenId).Select(t => t.RevokedAt).SingleAsync());
        }
    }

    [Fact]
    public async Task AnApiToken_CannotUseThePage()
    {
        var email = host.Account(Role.DeliveryLead).Email;
        int personId;
        await using (var db = host.Database.Open())
        {
            personId = await db.People.Where(p => p.Email == email).Select(p => p.Id).SingleAsync();
        }

        var secret = await TestPeople.TokenAsync(host.Database, personId, TokenScope.Submit);
        using var client = host.NewClient(followRedirects: false);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);

        using var response = await client.GetAsync(new Uri(Page, UriKind.Relative));

        Assert.Equal(302, (int)response.StatusCode);
        Assert.Contains("/account/sign-in", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }
}
