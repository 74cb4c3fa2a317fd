using GoldenThread.Access;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Scorecard;
using GoldenThread.Storage;
using GoldenThread.Tokens;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Pages.Account;

/// <summary>
/// A person's own API tokens: the list, a form to make one, and a button to revoke each that still works. A new
/// token's secret is in the answer to the form and nowhere else: not in TempData, a cookie, an address or a log,
/// and the answer is not cached, so it is shown once. Only a browser session reaches this page: a token cannot make
/// or revoke tokens.
/// </summary>
[Authorize(AuthenticationSchemes = BrowserScheme)]
public sealed class TokensModel(GoldenThreadDb db, TokenIssuer issuer, CurrentPerson current, TimeProvider clock, Sessions.SessionStore sessions) : PageModel
{
    public const string Path = "/account/tokens";

    /// <summary>The browser's cookie (<c>IdentityConstants.ApplicationScheme</c>, which is not a constant).</summary>
    private const string BrowserScheme = "Identity.Application";

    /// <summary>The expiry choices, in days.</summary>
    public static IReadOnlyList<int> ExpiryDays { get; } = [7, 30, 90, 365];

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Scope { get; set; }

    [BindProperty]
    public string? ExpiresIn { get; set; } = "30";

    public List<FieldError> Errors { get; } = [];

    public IReadOnlyList<TokenRow> Tokens { get; private set; } = [];

    /// <summary>Whether the person may submit any figures, and so may make a token that submits.</summary>
    public bool MaySubmit { get; private set; }

    /// <summary>
    /// An administrator signed in without a second factor: the session may not administer, so a token it makes may
    /// not submit (an administrator may submit every organisation's figures). <c>users token</c> still may.
    /// </summary>
    public bool SubmitNeedsSecondFactor { get; private set; }

    /// <summary>The token just made, with its secret; only in the answer to the form that made it.</summary>
    public IssuedToken? Issued { get; private set; }

    /// <summary>The name of the token just revoked, for the banner that says so.</summary>
    public string? RevokedName { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var person = await current.GetAsync(HttpContext.RequestAborted);
        if (person is null)
        {
            return Challenge();
        }

        await LoadAsync(person);
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var person = await current.GetAsync(HttpContext.RequestAborted);
        if (person is null)
        {
            return Challenge();
        }

        // A token outlives the session that makes it: the person confirms it is them first (issue 9, item 7).
        if (!await sessions.IsRecentlyAuthenticatedAsync(User, HttpContext.RequestAborted))
        {
            return Redirect(Sessions.Reauthentication.PathFor(Path));
        }

        SetMaySubmit(person);
        var name = Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            Errors.Add(new FieldError("name", "Enter a name for the token"));
        }
        else if (name.Length > ApiToken.NameLength)
        {
            Errors.Add(new FieldError("name", $"Name must be {ApiToken.NameLength} characters or fewer"));
        }

        TokenScope? scope = Scope switch
        {
            "read" => TokenScope.Read,
            "submit" when MaySubmit => TokenScope.Submit,
            _ => null,
        };
        if (scope is null)
        {
            Errors.Add(new FieldError("scope", Scope != "submit" ? "Select what the token may do"
                : SubmitNeedsSecondFactor ? "Select read: an administrator's token that submits figures needs a session signed in with an authenticator code"
                : "Select read: your roles do not let you submit any figures"));
        }

        if (!int.TryParse(ExpiresIn, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var days) || !ExpiryDays.Contains(days))
        {
            Errors.Add(new FieldError("expires", "Select when the token expires"));
        }

        if (Errors.Count > 0)
        {
            await LoadAsync(person);
            return Page();
        }

        var actor = await HttpAuditActor.OfAsync(HttpContext);
        Issued = await issuer.IssueAsync(person.Id, name!, scope!.Value, TimeSpan.FromDays(days), actor, HttpContext.RequestAborted);
        Name = null;
        Scope = null;
        ExpiresIn = "30";
        await LoadAsync(person);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id)
    {
        var person = await current.GetAsync(HttpContext.RequestAborted);
        if (person is null)
        {
            return Challenge();
        }

        var name = await db.ApiTokens.AsNoTracking().Where(t => t.Id == id && t.PersonId == person.Id).Select(t => t.Name).SingleOrDefaultAsync(HttpContext.RequestAborted);
        if (name is not null && await issuer.RevokeAsync(person.Id, id, await HttpAuditActor.OfAsync(HttpContext), HttpContext.RequestAborted))
        {
            RevokedName = name;
        }

        await LoadAsync(person);
        return Page();
    }

    private async Task LoadAsync(SignedInPerson person)
    {
        // The list, and above all a new token's secret, must not be kept by the browser or any cache on the way.
        Response.Headers.CacheControl = "no-store";
        SetMaySubmit(person);
        var now = clock.GetUtcNow();
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.PersonId == person.Id).ToListAsync(HttpContext.RequestAborted);
        Tokens = tokens
            .OrderByDescending(t => t.CreatedAt)
            .ThenByDescending(t => t.Id)
            .Select(t => new TokenRow(
                t.Id,
                t.Name,
                t.Prefix,
                t.Scope,
                t.CreatedAt,
                t.ExpiresAt,
                t.LastUsedAt,
                t.RevokedAt is not null ? TokenStatus.Revoked : t.ExpiresAt <= now ? TokenStatus.Expired : TokenStatus.Active))
            .ToList();
    }

    /// <summary>A token may do no more than the session that makes it.</summary>
    private void SetMaySubmit(SignedInPerson person)
    {
        SubmitNeedsSecondFactor = person.Actor.Holds(Role.Administrator) && !person.UsedTwoFactor;
        MaySubmit = AccessRules.MaySubmitAny(person.Actor) && !SubmitNeedsSecondFactor;
    }

    public static string ScopeName(TokenScope scope) => scope == TokenScope.Submit ? "Read and submit figures" : "Read";

    public static string When(DateTimeOffset moment) =>
        moment.UtcDateTime.ToString("d MMMM yyyy 'at' HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Whether a token still works.</summary>
public enum TokenStatus
{
    Active,
    Expired,
    Revoked,
}

/// <summary>One token as the list shows it: never its secret, which is not stored.</summary>
public sealed record TokenRow(int Id, string Name, string Prefix, TokenScope Scope, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt, TokenStatus Status);
