using System.ComponentModel.DataAnnotations;
using GoldenThread.Audit;
using GoldenThread.People;
using GoldenThread.Scorecard;
using GoldenThread.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Pages.Account;

/// <summary>
/// Signing in with an email address and password. Ten wrong passwords in a row lock the account for a while;
/// every attempt, good or bad, goes in the audit trail. An account with two-factor sign-in goes on to the
/// code page. In demo mode the page lists the demonstration people and their passwords.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(Hardening.SignInLimit)]
public sealed class SignInModel(SignInManager<Person> signIn, AuditLog audit, WebAppOptions options, Storage.GoldenThreadDb db) : PageModel
{
    public const string Path = "/account/sign-in";

    private static readonly Person Unknown = new() { FullName = "", UserName = "unknown@invalid" };

    private static readonly Lazy<string> UnknownHash = new(() => new PasswordHasher<Person>().HashPassword(Unknown, Guid.NewGuid().ToString()));

    [BindProperty]
    [Display(Name = "Email address")]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public List<FieldError> Errors { get; } = [];

    public IReadOnlyList<Demo.DemoAccount> DemoAccounts => options.DemoMode ? options.DemoAccounts : [];

    public bool SingleSignOn => options.SingleSignOn is not null;

    public string? SingleSignOnName => options.SingleSignOn?.DisplayName;

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var email = Email?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            Errors.Add(new FieldError("email", "Enter your email address"));
        }

        if (string.IsNullOrEmpty(Password))
        {
            Errors.Add(new FieldError("password", "Enter your password"));
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var person = await signIn.UserManager.FindByEmailAsync(email!);
        if (person is null || person.DeactivatedAt is not null)
        {
            // Hash the password anyway, so that the time taken does not tell whether the address has an account.
            signIn.UserManager.PasswordHasher.VerifyHashedPassword(Unknown, UnknownHash.Value, Password!);
            await audit.RecordNowAsync(
                HttpAuditActor.For(HttpContext, person?.Id, email!),
                AuditActions.SignInFailed,
                person is null ? "No account has this email address." : "The account is deactivated.",
                person?.Id,
                person?.Email);
            return Refused();
        }

        // A lockout is recorded once, when it begins; later attempts while it lasts are failed sign-ins.
        var wasLockedOut = await signIn.UserManager.IsLockedOutAsync(person);
        var result = await signIn.PasswordSignInAsync(person, Password!, isPersistent: false, lockoutOnFailure: true);
        var actor = HttpAuditActor.For(HttpContext, person.Id, person.Email!);
        if (result.Succeeded)
        {
            await audit.RecordNowAsync(actor, AuditActions.SignedIn, "Signed in with a password.", person.Id, person.Email);
            return LocalRedirect(await MustSetUpSecondFactorAsync(person)
                ? "/account/authenticator?returnUrl=" + Uri.EscapeDataString(SafeReturnUrl)
                : SafeReturnUrl);
        }

        if (result.RequiresTwoFactor)
        {
            // The password was right; the code page finishes signing in (and records it).
            return RedirectToPage("/Account/TwoFactor", new { returnUrl = SafeReturnUrl });
        }

        if (result.IsLockedOut)
        {
            // Identity refuses a locked account without looking at the password. Hash it anyway, and answer in the
            // same words as for an unknown address, so that neither the time nor the words tell that the account exists.
            if (wasLockedOut)
            {
                signIn.UserManager.PasswordHasher.VerifyHashedPassword(person, person.PasswordHash ?? UnknownHash.Value, Password!);
            }

            await audit.RecordNowAsync(
                actor,
                wasLockedOut ? AuditActions.SignInFailed : AuditActions.LockedOut,
                wasLockedOut ? "Tried to sign in while locked out." : $"Locked out after {Accounts.PasswordRules.AttemptsBeforeLockout} wrong passwords in a row.",
                person.Id,
                person.Email);
            return Refused();
        }

        await audit.RecordNowAsync(actor, AuditActions.SignInFailed, "Wrong password.", person.Id, person.Email);
        return Refused();
    }

    private string SafeReturnUrl => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";

    /// <summary>An administrator without two-factor sign-in must set it up before anything else.</summary>
    private async Task<bool> MustSetUpSecondFactorAsync(Person person) =>
        !await signIn.UserManager.GetTwoFactorEnabledAsync(person)
        && await db.RoleAssignments.AnyAsync(r => r.PersonId == person.Id && r.Role == Domain.Access.Role.Administrator, HttpContext.RequestAborted);

    /// <summary>For a wrong password, an unknown address and a locked account alike.</summary>
    public static readonly string RefusedMessage =
        $"Enter a correct email address and password. After {Accounts.PasswordRules.AttemptsBeforeLockout} wrong passwords in a row an account is locked for {Accounts.PasswordRules.LockoutDuration.TotalMinutes:0} minutes; your administrator can unlock it sooner";

    private PageResult Refused()
    {
        // The same words whether the address or the password was wrong, so the page does not confirm who has an account.
        Errors.Add(new FieldError("email", RefusedMessage));
        Password = null;
        return Page();
    }
}
