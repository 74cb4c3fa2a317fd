using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using GoldenThread.Audit;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Tests.Accounts;

/// <summary>The steps the account tests take, as a person at a browser would.</summary>
internal static partial class AccountJourneys
{
    /// <summary>Posts the sign-in form; returns the page it ends on (redirects followed) and where that is.</summary>
    public static async Task<(IHtmlDocument Page, string Path, int Status)> SignInWithPasswordAsync(HttpClient client, string email, string password, string returnUrl = "/")
    {
        using var response = await Forms.PostAsync(client, "/account/sign-in?returnUrl=" + Uri.EscapeDataString(returnUrl), [new("Email", email), new("Password", password), new("ReturnUrl", returnUrl)]);
        return await ReadAsync(response);
    }

    public static async Task<(IHtmlDocument Page, string Path, int Status)> PostAsync(HttpClient client, string path, params (string Name, string Value)[] fields)
    {
        using var response = await Forms.PostAsync(client, path, fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return await ReadAsync(response);
    }

    public static async Task<(IHtmlDocument Page, string Path, int Status)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return await ReadAsync(response);
    }

    public static async Task<(IHtmlDocument Page, string Path, int Status)> ReadAsync(HttpResponseMessage response)
    {
        var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        return (page, response.RequestMessage?.RequestUri?.PathAndQuery ?? "", (int)response.StatusCode);
    }

    /// <summary>The audit trail about one person, oldest first.</summary>
    public static async Task<List<AuditEntry>> AuditAboutAsync(Database database, int personId)
    {
        await using var db = database.Open();
        return await db.AuditEntries.AsNoTracking().Where(e => e.SubjectId == personId).OrderBy(e => e.Id).ToListAsync();
    }

    /// <summary>The text of the error messages shown against fields.</summary>
    public static string FieldErrors(IHtmlDocument page) =>
        string.Join(" | ", page.QuerySelectorAll(".govuk-error-message").Select(e => e.TextContent.Trim()));

    public static string? SignedInName(IHtmlDocument page) => page.QuerySelector(".app-signed-in__name strong")?.TextContent.Trim();

    /// <summary>The reset link in an email's plain-text body.</summary>
    public static string ResetLinkIn(MimeKit.MimeMessage message)
    {
        var link = ResetLink().Match(message.TextBody ?? "").Value;
        Assert.False(string.IsNullOrEmpty(link), "The email has no reset link: " + message.TextBody);
        return link;
    }

    [GeneratedRegex(@"https?://\S+/account/reset-password\?\S+")]
    public static partial Regex ResetLink();
}
