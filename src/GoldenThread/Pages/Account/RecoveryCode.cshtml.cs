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
/// The second step of signing in with one of the recovery codes given when the authenticator was set up, for a
/// person without their phone. Each code works once; the audit trail records how many are left.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(Hardening.SignInLimit)]
public sealed class RecoveryCodeModel(SignInManager<Person> signIn, AuditLog audit) : PageModel
{
    [BindProperty]
    public string? RecoveryCode { get; set; }

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
            return Redirect(ReturnUrls.SignInAgain(SafeReturnUrl));
        }

        // Recovery codes are shown in capitals with a hyphen in the middle; accept them typed any way.
        var code = new string((RecoveryCode ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
        if (code.Length == 0)
        {
            Errors.Add(new FieldError("recovery-code", "Enter one of your recovery codes"));
            return Page();
        }

        var wasLockedOut = await signIn.UserManager.IsLockedOutAsync(person);
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        var actor = HttpAuditActor.For(HttpContext, person.Id, person.Email!);
        if (result.Succeeded)
        {
            var left = await signIn.UserManager.CountRecoveryCodesAsync(person);
            await audit.RecordNowAsync(actor, AuditActions.SignedIn, $"Signed in with a recovery code ({left} left).", person.Id, person.Email);
            return LocalRedirect(SafeReturnUrl);
        }

        if (result.IsLockedOut)
        {
            // Recorded once, when the lockout begins; later attempts while it lasts are failed sign-ins.
            await audit.RecordNowAsync(
                actor,
                wasLockedOut ? AuditActions.SignInFailed : AuditActions.LockedOut,
                wasLockedOut ? "Tried the recovery code step while locked out." : "Locked out at the recovery code step.",
                person.Id,
                person.Email);
            Errors.Add(new FieldError("recovery-code", $"This account is locked because of too many wrong attempts. Try again in {Accounts.PasswordRules.LockoutDuration.TotalMinutes:0} minutes, or ask your administrator to unlock it."));
            return Page();
        }

        await audit.RecordNowAsync(actor, AuditActions.SignInFailed, "Wrong recovery code.", person.Id, person.Email);
        Errors.Add(new FieldError("recovery-code", "The recovery code is not right, or has been used. Enter a recovery code you have not used"));
        return Page();
    }
}
