using System.Security.Claims;
using GoldenThread.Access;
using GoldenThread.Accounts;
using GoldenThread.Audit;
using GoldenThread.People;
using GoldenThread.Scorecard;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoldenThread.Pages.Account;

/// <summary>
/// Setting up an authenticator app for two-factor sign-in: the page shows a key (and its QR code), the person
/// proves the app works by entering its code, and two-factor sign-in is on, with 10 recovery codes shown once.
/// The session then counts as signed in with a second factor, so an administrator sent here on signing in can
/// go straight on to administration.
/// </summary>
public sealed class AuthenticatorModel(SignInManager<Person> signIn, AuditLog audit, CurrentPerson current) : PageModel
{
    public const int RecoveryCodeCount = 10;

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public List<FieldError> Errors { get; } = [];

    public string SafeReturnUrl => ReturnUrls.Safe(Url, ReturnUrl);

    /// <summary>Two-factor sign-in was already on when the page was asked for.</summary>
    public bool AlreadyOn { get; private set; }

    public string FormattedKey { get; private set; } = "";

    public string QrCodeSvg { get; private set; } = "";

    /// <summary>The recovery codes, only in the answer to the post that turned two-factor sign-in on.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public bool IsAdministrator { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var person = await signIn.UserManager.GetUserAsync(User);
        if (person is null)
        {
            return Challenge();
        }

        NoStore();
        await LoadAsync(person);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var person = await signIn.UserManager.GetUserAsync(User);
        if (person is null)
        {
            return Challenge();
        }

        NoStore();
        if (await signIn.UserManager.GetTwoFactorEnabledAsync(person))
        {
            // Already on (a second tab, or the back button): a new key would silently break the app that works.
            return RedirectToPage();
        }

        var code = CodeInput.Normalise(Code);
        var problem = CodeInput.Problem(code);
        if (problem is null
            && !await signIn.UserManager.VerifyTwoFactorTokenAsync(person, signIn.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            problem = "The code is not right. Check that the app shows GoldenThread, then enter the code it shows now";
        }

        if (problem is not null)
        {
            Errors.Add(new FieldError("code", problem));
            await LoadAsync(person);
            return Page();
        }

        var codes = await signIn.UserManager.GenerateNewTwoFactorRecoveryCodesAsync(person, RecoveryCodeCount);
        var actor = await HttpAuditActor.OfAsync(HttpContext);
        audit.Add(actor, AuditActions.TwoFactorEnabled, "Set up an authenticator app; two-factor sign-in is on.", person.Id, person.Email);
        var enabled = await signIn.UserManager.SetTwoFactorEnabledAsync(person, true);
        if (!enabled.Succeeded)
        {
            throw new InvalidOperationException("Two-factor sign-in could not be turned on: " + string.Join(" ", enabled.Errors.Select(e => e.Description)));
        }

        // The code just proved the second factor: this session counts as two-factor from now on.
        await signIn.SignInWithClaimsAsync(person, isPersistent: false, [new Claim(CurrentPerson.AuthenticationMethodClaim, CurrentPerson.MultiFactorMethod)]);
        RecoveryCodes = [.. codes ?? []];
        IsAdministrator = (await current.GetAsync(HttpContext.RequestAborted))?.Actor.Holds(Domain.Access.Role.Administrator) == true;
        return Page();
    }

    private async Task LoadAsync(Person person)
    {
        var users = signIn.UserManager;
        AlreadyOn = await users.GetTwoFactorEnabledAsync(person);
        IsAdministrator = (await current.GetAsync(HttpContext.RequestAborted))?.Actor.Holds(Domain.Access.Role.Administrator) == true;
        if (AlreadyOn)
        {
            return;
        }

        var key = await users.GetAuthenticatorKeyAsync(person);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(person);
            key = await users.GetAuthenticatorKeyAsync(person);

            // A new key changes the security stamp; keep this session (and whether it used a second factor).
            await signIn.RefreshSignInAsync(person);
        }

        FormattedKey = AuthenticatorSetup.FormatKey(key!);
        QrCodeSvg = AuthenticatorSetup.QrCodeSvg(AuthenticatorSetup.KeyUri(person.Email!, key!), "QR code for adding GoldenThread to an authenticator app");
    }

    /// <summary>The key and recovery codes are secrets: no cache keeps a copy of the page.</summary>
    private void NoStore() => Response.Headers.CacheControl = "no-store";
}
