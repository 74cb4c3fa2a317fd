using GoldenThread.Accounts;
using GoldenThread.Audit;
using GoldenThread.People;
using GoldenThread.Scorecard;
using GoldenThread.Sessions;
using GoldenThread.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace GoldenThread.Pages.Account;

/// <summary>
/// "Confirm it's you", before a sensitive change: the password, or for a person without one (who signs in by single
/// sign-on) a current authenticator code; a person with neither is sent through single sign-on again, with the
/// provider asked to sign them in afresh. The proof is recorded on the session and covers the next few minutes'
/// changes. Wrong answers count towards the lockout, as at sign-in, and go in the audit trail.
/// </summary>
[EnableRateLimiting(Hardening.SignInLimit)]
public sealed class ConfirmModel(SignInManager<Person> signIn, SessionStore sessions, AuditLog audit, WebAppOptions options) : PageModel
{
    /// <summary>How this person proves who they are.</summary>
    public enum Proof
    {
        Password,
        AuthenticatorCode,
        SingleSignOn,

        /// <summary>No password, no authenticator and no single sign-on: nothing to confirm with.</summary>
        None,
    }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public Proof With { get; private set; }

    public List<FieldError> Errors { get; } = [];

    public string SafeReturnUrl => ReturnUrls.Safe(Url, ReturnUrl);

    public string ProviderName => options.SingleSignOn?.DisplayName ?? "your organisation's account";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is not { } person)
        {
            return Challenge();
        }

        With = await ProofForAsync(person);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is not { } person)
        {
            return Challenge();
        }

        var users = signIn.UserManager;
        With = await ProofForAsync(person);
        var actor = await HttpAuditActor.OfAsync(HttpContext);
        bool proved;
        switch (With)
        {
            case Proof.Password when string.IsNullOrEmpty(Password):
                Errors.Add(new FieldError("password", "Enter your password"));
                return Page();
            case Proof.Password:
                var result = await signIn.CheckPasswordSignInAsync(person, Password!, lockoutOnFailure: true);
                proved = result.Succeeded;
                if (result.IsLockedOut)
                {
                    Errors.Add(new FieldError("password", $"Your account is locked because of too many wrong attempts. Try again in {PasswordRules.LockoutDuration.TotalMinutes:0} minutes."));
                    await audit.RecordNowAsync(actor, AuditActions.ReauthenticationFailed, "Tried to confirm it was them while locked out.", person.Id, person.Email);
                    return Page();
                }

                break;
            case Proof.AuthenticatorCode:
                var code = CodeInput.Normalise(Code);
                if (CodeInput.Problem(code) is { } problem)
                {
                    Errors.Add(new FieldError("code", problem));
                    return Page();
                }

                proved = !await users.IsLockedOutAsync(person)
                    && await users.VerifyTwoFactorTokenAsync(person, users.Options.Tokens.AuthenticatorTokenProvider, code);
                if (!proved)
                {
                    await users.AccessFailedAsync(person);
                }

                break;
            default:
                return Page();
        }

        if (!proved)
        {
            await audit.RecordNowAsync(actor, AuditActions.ReauthenticationFailed, With == Proof.Password ? "Wrong password." : "Wrong authenticator code.", person.Id, person.Email);
            Errors.Add(With == Proof.Password
                ? new FieldError("password", "Your password is not right")
                : new FieldError("code", "The code is not right. Enter the code your authenticator app shows now"));
            return Page();
        }

        await sessions.MarkReauthenticatedAsync(User, HttpContext.RequestAborted);
        await audit.RecordNowAsync(actor, AuditActions.Reauthenticated, With == Proof.Password ? "Confirmed with their password." : "Confirmed with an authenticator code.", person.Id, person.Email);
        return LocalRedirect(SafeReturnUrl);
    }

    /// <summary>Through the provider again, asked to sign the person in afresh; signing in starts a new session, which counts as confirmed.</summary>
    public async Task<IActionResult> OnPostProviderAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is not { } person)
        {
            return Challenge();
        }

        if (await ProofForAsync(person) != Proof.SingleSignOn)
        {
            return RedirectToPage(new { returnUrl = SafeReturnUrl });
        }

        var callback = "/account/external-callback?returnUrl=" + Uri.EscapeDataString(SafeReturnUrl);
        var properties = signIn.ConfigureExternalAuthenticationProperties(SingleSignOnSettings.Scheme, callback);
        properties.SetParameter("prompt", "login");
        properties.SetParameter("max_age", TimeSpan.Zero);
        return Challenge(properties, SingleSignOnSettings.Scheme);
    }

    private async Task<Proof> ProofForAsync(Person person)
    {
        var users = signIn.UserManager;
        if (await users.HasPasswordAsync(person))
        {
            return Proof.Password;
        }

        if (await users.GetTwoFactorEnabledAsync(person))
        {
            return Proof.AuthenticatorCode;
        }

        return options.SingleSignOn is not null ? Proof.SingleSignOn : Proof.None;
    }
}
