using GoldenThread.Audit;
using GoldenThread.People;
using GoldenThread.Scorecard;
using GoldenThread.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace GoldenThread.Pages.Account;

/// <summary>
/// The second step of signing in for an account with two-factor sign-in: the code from the authenticator app.
/// The password (or single sign-on) has already been checked; Identity remembers whose it was in a short-lived
/// cookie. Wrong codes count towards the lockout like wrong passwords; every attempt goes in the audit trail.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(Hardening.SignInLimit)]
public sealed class TwoFactorModel(SignInManager<Person> signIn, AuditLog audit) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public List<FieldError> Errors { get; } = [];

    public string SafeReturnUrl => ReturnUrls.Safe(Url, ReturnUrl);

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? Redirect(ReturnUrls.SignInAgain(SafeReturnUrl)) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var person = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (person is null)
        {
            // The password step was too long ago, or never happened.
            return Redirect(ReturnUrls.SignInAgain(SafeReturnUrl));
        }

        var code = CodeInput.Normalise(Code);
        if (CodeInput.Problem(code) is { } problem)
        {
            Errors.Add(new FieldError("code", problem));
            return Page();
        }

        var wasLockedOut = await signIn.UserManager.IsLockedOutAsync(person);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        var actor = HttpAuditActor.For(HttpContext, person.Id, person.Email!);
        if (result.Succeeded)
        {
            await audit.RecordNowAsync(actor, AuditActions.SignedIn, "Signed in with an authenticator code.", person.Id, person.Email);
            return LocalRedirect(SafeReturnUrl);
        }

        if (result.IsLockedOut)
        {
            // Recorded once, when the lockout begins; later attempts while it lasts are failed sign-ins.
            await audit.RecordNowAsync(
                actor,
                wasLockedOut ? AuditActions.SignInFailed : AuditActions.LockedOut,
                wasLockedOut ? "Tried the authenticator code step while locked out." : "Locked out at the authenticator code step.",
                person.Id,
                person.Email);
            Errors.Add(new FieldError("code", $"This account is locked because of too many wrong attempts. Try again in {Accounts.PasswordRules.LockoutDuration.TotalMinutes:0} minutes, or ask your administrator to unlock it."));
            return Page();
        }

        await audit.RecordNowAsync(actor, AuditActions.SignInFailed, "Wrong authenticator code.", person.Id, person.Email);
        Errors.Add(new FieldError("code", "The code is not right. Enter the code your authenticator app shows now"));
        return Page();
    }
}
