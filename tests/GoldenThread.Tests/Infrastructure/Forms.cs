using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using GoldenThread.Demo;
using OtpNet;

namespace GoldenThread.Tests.Infrastructure;

/// <summary>Fills in the site's forms as a browser would: reads the page, keeps its anti-forgery token, posts the fields.</summary>
public static class Forms
{
    public const string TokenField = "__RequestVerificationToken";

    /// <summary>GETs a page and returns it parsed, with the anti-forgery token of its first form that has one.</summary>
    public static async Task<(IHtmlDocument Page, string? Token)> ReadAsync(HttpClient client, string path)
    {
        ArgumentNullException.ThrowIfNull(client);
        var html = await client.GetStringAsync(new Uri(path, UriKind.Relative));
        var page = await new HtmlParser().ParseDocumentAsync(html);
        var token = page.QuerySelector($"main input[name='{TokenField}']")?.GetAttribute("value")
            ?? page.QuerySelector($"input[name='{TokenField}']")?.GetAttribute("value");
        return (page, token);
    }

    /// <summary>GETs the page at <paramref name="path"/> for its token, then posts the fields to <paramref name="action"/> (the same page by default).</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, IEnumerable<KeyValuePair<string, string>> fields, string? action = null)
    {
        var (_, token) = await ReadAsync(client, path);
        var all = fields.ToList();
        if (token is not null)
        {
            all.Add(new(TokenField, token));
        }

        using var content = new FormUrlEncodedContent(all);
        return await client.PostAsync(new Uri(action ?? path, UriKind.Relative), content);
    }

    /// <summary>
    /// Signs in with the account's password, and its authenticator code when it has a key: the code for the site's own
    /// clock (<paramref name="clock"/>, the real one unless the host runs on a fake), as the person's app would show it.
    /// </summary>
    public static async Task SignInAsync(HttpClient client, DemoAccount account, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        using var response = await PostAsync(client, "/account/sign-in", [new("Email", account.Email), new("Password", account.Password)]);
        // Where the sign-in went: the redirect itself, or where following it ended.
        var location = response.Headers.Location?.OriginalString ?? response.RequestMessage?.RequestUri?.PathAndQuery ?? "";
        if (account.AuthenticatorKey is { } key)
        {
            Assert.Contains("/account/two-factor", location, StringComparison.Ordinal);
            var twoFactor = new Uri(client.BaseAddress!, location).PathAndQuery;
            using var coded = await PostAsync(client, twoFactor, [new("Code", CurrentCode(key, clock))]);
            Assert.True(coded.IsSuccessStatusCode || (int)coded.StatusCode == 302, $"two-factor sign-in as {account.Email}: {(int)coded.StatusCode}");
            return;
        }

        Assert.True(response.IsSuccessStatusCode || (int)response.StatusCode == 302, $"sign-in as {account.Email}: {(int)response.StatusCode}");
        Assert.DoesNotContain("/account/sign-in", location, StringComparison.Ordinal);
    }

    /// <summary>The last 30-second step whose code the tests have used, by key: the site takes each code once.</summary>
    private static readonly Dictionary<string, long> LastStepUsed = new(StringComparer.Ordinal);

    /// <summary>
    /// An authenticator code the site has not yet taken for this key: the current step's, else the next step's
    /// (the site accepts one step either side), so that tests signing in one after another never replay a code.
    /// </summary>
    public static string CurrentCode(string key, TimeProvider? clock = null) =>
        UnusedCode(key, clock) ?? throw new InvalidOperationException("Both codes the site would accept now have been used for this key; sign in with fewer new sessions per 30 seconds.");

    /// <summary>An unused code for the current or next step, marked as used; null when both have been used.</summary>
    public static string? UnusedCode(string key, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = (clock ?? TimeProvider.System).GetUtcNow().ToUnixTimeSeconds() / 30;
        lock (LastStepUsed)
        {
            var last = LastStepUsed.GetValueOrDefault(key, long.MinValue);
            for (var step = now; step <= now + 1; step++)
            {
                if (step > last)
                {
                    LastStepUsed[key] = step;
                    return CodeAt(key, DateTimeOffset.FromUnixTimeSeconds(step * 30));
                }
            }

            return null;
        }
    }

    /// <summary>Whether <see cref="UnusedCode"/> would give a code now.</summary>
    public static bool HasUnusedCode(string key, TimeProvider? clock = null)
    {
        var now = (clock ?? TimeProvider.System).GetUtcNow().ToUnixTimeSeconds() / 30;
        lock (LastStepUsed)
        {
            return LastStepUsed.GetValueOrDefault(key, long.MinValue) < now + 1;
        }
    }

    /// <summary>The authenticator app's code for a key at a moment (RFC 6238, 30 s steps, SHA-1).</summary>
    public static string CodeAt(string key, DateTimeOffset moment)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new Totp(Base32Encoding.ToBytes(key.Replace(" ", "", StringComparison.Ordinal))).ComputeTotp(moment.UtcDateTime);
    }
}
