using System.Globalization;
using System.Text.RegularExpressions;

namespace GoldenThread.Benchmarks.Rush;

/// <summary>
/// A partner entering their return on the web form as a browser would: signs in by the form, opens the return, then
/// for each line fetches its page (for the anti-forgery token, and for what the page shows before saving) and posts
/// the figures, following each redirect; then opens the page that checks the return and submits it there.
/// </summary>
internal static partial class WebPartner
{
    public const string Channel = "web";

    public static async Task<string?> RunAsync(RushClient client, PlannedPartner partner, CancellationToken cancellationToken)
    {
        var signInPage = await client.GetAsync("GET sign-in", "/account/sign-in", cancellationToken);
        if (!signInPage.Succeeded)
        {
            return $"the sign-in page answered {signInPage.Status}";
        }

        var signedIn = await client.PostFormAsync(
            "POST sign-in",
            "/account/sign-in",
            [new("Email", partner.Email), new("Password", partner.Password ?? string.Empty), Token(signInPage.Body)],
            cancellationToken);
        if (!Answer.IsRedirect(signedIn.Status))
        {
            return $"signing in answered {signedIn.Status}: {Problem(signedIn.Body)}";
        }

        var returnPath = string.Create(CultureInfo.InvariantCulture, $"/returns/{partner.ReturnId}");
        var page = await client.GetAsync("GET return", returnPath, cancellationToken);
        if (!page.Succeeded)
        {
            return $"the return's page answered {page.Status}";
        }

        foreach (var line in partner.Lines)
        {
            var linePath = string.Create(CultureInfo.InvariantCulture, $"{returnPath}/lines/{line.LineId}");
            var form = await client.GetAsync("GET line", linePath, cancellationToken);
            if (!form.Succeeded)
            {
                return $"line {line.LineId}'s page answered {form.Status}";
            }

            var saved = await client.PostFormAsync("POST line", linePath, LineFields(line, form.Body, null), cancellationToken);
            if (saved.Status == 200 && saved.Body.Contains("name=\"movement-note\"", StringComparison.Ordinal) && !saved.Body.Contains("govuk-error-summary", StringComparison.Ordinal))
            {
                // Saved, with a warning that a figure is unusual: the partner checks it and confirms it with a note.
                saved = await client.PostFormAsync("POST line, movement note", linePath, LineFields(line, saved.Body, line.MovementNote ?? RushPrepare.MovementNote), cancellationToken);
            }

            var failure = await FollowAsync(client, saved, $"saving line {line.LineId}", cancellationToken);
            if (failure is not null)
            {
                return failure;
            }
        }

        var submitPath = returnPath + "/check";
        var submitPage = await client.GetAsync("GET check", submitPath, cancellationToken);
        if (!submitPage.Succeeded)
        {
            return $"the submit page answered {submitPage.Status}";
        }

        var submitted = await client.PostFormAsync("POST check, submit", submitPath, [Token(submitPage.Body)], cancellationToken);
        return await FollowAsync(client, submitted, "submitting", cancellationToken);
    }

    /// <summary>Signs in and reads the return's page and its first line's page, posting no figures.</summary>
    public static async Task WarmUpAsync(RushClient client, PlannedPartner partner, CancellationToken cancellationToken)
    {
        var signInPage = await client.GetAsync("warm-up", "/account/sign-in", cancellationToken);
        await client.PostFormAsync("warm-up", "/account/sign-in", [new("Email", partner.Email), new("Password", partner.Password ?? string.Empty), Token(signInPage.Body)], cancellationToken);
        var returnPath = string.Create(CultureInfo.InvariantCulture, $"/returns/{partner.ReturnId}");
        for (var i = 0; i < 3; i++)
        {
            await client.GetAsync("warm-up", returnPath, cancellationToken);
            await client.GetAsync("warm-up", string.Create(CultureInfo.InvariantCulture, $"{returnPath}/lines/{partner.Lines[0].LineId}"), cancellationToken);
        }
    }

    private static List<KeyValuePair<string, string>> LineFields(PlannedLine line, string page, string? movementNote)
    {
        var fields = new List<KeyValuePair<string, string>> { Token(page) };
        if (line.Actual is { } actual)
        {
            fields.Add(new("actual", actual.ToString(CultureInfo.InvariantCulture)));
        }

        if (line.ProjectedOutturn is { } projected)
        {
            fields.Add(new("projected-outturn", projected.ToString(CultureInfo.InvariantCulture)));
        }

        fields.Add(new("note", line.Note));
        if (movementNote is not null)
        {
            fields.Add(new("movement-note", movementNote));
        }

        fields.Add(new("action", "save"));
        return fields;
    }

    /// <summary>A post that worked redirects (post, redirect, get): the browser then fetches where it points.</summary>
    private static async Task<string?> FollowAsync(RushClient client, Answer posted, string what, CancellationToken cancellationToken)
    {
        if (!Answer.IsRedirect(posted.Status))
        {
            return $"{what} answered {posted.Status}: {Problem(posted.Body)}";
        }

        if (posted.Location is null)
        {
            return $"{what} redirected nowhere";
        }

        var next = await client.GetAsync("GET after redirect", posted.Location, cancellationToken);
        return next.Succeeded ? null : $"after {what}, {posted.Location} answered {next.Status}";
    }

    private static KeyValuePair<string, string> Token(string page)
    {
        var match = VerificationToken().Match(page);
        return new("__RequestVerificationToken", match.Success ? match.Groups[1].Value : string.Empty);
    }

    /// <summary>The page's error summary or notice in short, or the start of the body.</summary>
    private static string Problem(string body)
    {
        var summary = ErrorSummary().Match(body);
        var text = summary.Success ? Tags().Replace(summary.Value, " ") : body;
        return ApiPartner.Short(Spaces().Replace(text, " ").Trim());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]*)\"")]
    private static partial Regex VerificationToken();

    [GeneratedRegex("<div class=\"(govuk-error-summary.*?</ul>|govuk-notification-banner__content.*?</div>)", RegexOptions.Singleline)]
    private static partial Regex ErrorSummary();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex("\\s+")]
    private static partial Regex Spaces();
}
