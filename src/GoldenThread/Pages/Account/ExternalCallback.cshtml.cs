using System.Security.Claims;
using GoldenThread.Access;
using GoldenThread.Audit;
using GoldenThread.People;
using GoldenThread.Storage;
using GoldenThread.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Pages.Account;

/// <summary>
/// Where the identity provider sends a person back. A login already linked to an account signs in as that
/// account. Otherwise the provider's email address is matched to an existing, active account, but only when the
/// provider says it has verified the address (docs/decisions/0007); the login is then linked for next time.
/// Single sign-on never creates accounts. When the provider says it used a second factor (<c>amr</c> includes
/// <c>mfa</c>), the session counts as two-factor; otherwise an account with two-factor sign-in still asks for
/// its code. Every outcome goes in the audit trail.
/// </summary>
[AllowAnonymous]
public sealed class ExternalCallbackModel(SignInManager<Person> signIn, AuditLog audit, WebAppOptions options, GoldenThreadDb db) : PageModel
{
    /// <summary>Why single sign-on did not sign the person in.</summary>
    public enum Refusal
    {
        /// <summary>The provider refused or failed, or the answer was lost (an old tab, or cookies blocked).</summary>
        DidNotComplete,

        /// <summary>The provider sent no email address.</summary>
        NoEmail,

        /// <summary>The provider has not verified the email address.</summary>
        EmailNotVerified,

        /// <summary>No account uses the email address.</summary>
        UnknownEmail,

        Deactivated,

        LockedOut,
    }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public Refusal? Problem { get; private set; }

    public string? Email { get; private set; }

    public string ProviderName => options.SingleSignOn?.DisplayName ?? "your organisation's account";

    public async Task<IActionResult> OnGetAsync(bool failed = false)
    {
        if (options.SingleSignOn is null)
        {
            return NotFound();
        }

        var returnUrl = ReturnUrls.Safe(Url, ReturnUrl);
        var info = failed ? null : await signIn.GetExternalLoginInfoAsync();
        if (info is null)
        {
            return await RefuseAsync(Refusal.DidNotComplete, null, $"Signing in with {ProviderName} did not complete.");
        }

        Email = info.Principal.FindFirstValue("email")?.Trim();
        var usedSecondFactor = info.Principal.FindAll(CurrentPerson.AuthenticationMethodClaim).Any(c => c.Value == CurrentPerson.MultiFactorMethod);
        var users = signIn.UserManager;
        var person = await users.FindByLoginAsync(info.LoginProvider, info.ProviderKey);
        var link = person is null;
        if (person is null)
        {
            if (string.IsNullOrEmpty(Email))
            {
                return await RefuseAsync(Refusal.NoEmail, null, $"{ProviderName} sent no email address.");
            }

            if (!string.Equals(info.Principal.FindFirstValue("email_verified"), "true", StringComparison.OrdinalIgnoreCase))
            {
                // Recorded against the account that uses the address, if any: it may be someone trying to take it over.
                return await RefuseAsync(Refusal.EmailNotVerified, await users.FindByEmailAsync(Email), $"{ProviderName} has not verified the email address {Email}, so it was not matched to an account.");
            }

            person = await users.FindByEmailAsync(Email);
            if (person is null)
            {
                return await RefuseAsync(Refusal.UnknownEmail, null, $"No account uses {Email}, the address {ProviderName} gave.");
            }
        }

        if (person.DeactivatedAt is not null)
        {
            return await RefuseAsync(Refusal.Deactivated, person, "The account is deactivated.");
        }

        if (await users.IsLockedOutAsync(person))
        {
            return await RefuseAsync(Refusal.LockedOut, person, $"Tried to sign in with {ProviderName} while locked out.", AuditActions.LockedOut);
        }

        var linked = "";
        if (link)
        {
            var added = await users.AddLoginAsync(person, info);
            if (!added.Succeeded)
            {
                return await RefuseAsync(Refusal.DidNotComplete, person, "The login could not be linked: " + string.Join(" ", added.Errors.Select(e => e.Description)));
            }

            linked = $" Linked this {ProviderName} login to the account by its verified email address.";
        }

        var actor = HttpAuditActor.For(HttpContext, person.Id, person.Email!);
        if (usedSecondFactor)
        {
            await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
            await signIn.SignInWithClaimsAsync(person, isPersistent: false,
            [
                new Claim(CurrentPerson.AuthenticationMethodClaim, CurrentPerson.MultiFactorMethod),
                new Claim(ClaimTypes.AuthenticationMethod, info.LoginProvider),
            ]);
            await audit.RecordNowAsync(actor, AuditActions.SignedIn, $"Signed in with {ProviderName}, which used a second factor.{linked}", person.Id, person.Email);
            return LocalRedirect(returnUrl);
        }

        var result = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false, bypassTwoFactor: false);
        if (result.Succeeded)
        {
            await audit.RecordNowAsync(actor, AuditActions.SignedIn, $"Signed in with {ProviderName}.{linked}", person.Id, person.Email);
            return LocalRedirect(await MustSetUpSecondFactorAsync(person)
                ? "/account/authenticator?returnUrl=" + Uri.EscapeDataString(returnUrl)
                : returnUrl);
        }

        if (result.RequiresTwoFactor)
        {
            if (linked.Length > 0)
            {
                await audit.RecordNowAsync(actor, AuditActions.SignedIn, $"Passed {ProviderName}'s sign-in; the authenticator code is next.{linked}", person.Id, person.Email);
            }

            // The provider did not use a second factor, and the account has one: its code finishes signing in.
            return Redirect("/account/two-factor?returnUrl=" + Uri.EscapeDataString(returnUrl));
        }

        return await RefuseAsync(result.IsLockedOut ? Refusal.LockedOut : Refusal.DidNotComplete, person, $"{ProviderName}'s sign-in was not accepted ({result}).");
    }

    private async Task<IActionResult> RefuseAsync(Refusal refusal, Person? person, string detail, string action = AuditActions.SignInFailed)
    {
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        var actor = HttpAuditActor.For(HttpContext, person?.Id, person?.Email ?? Email ?? $"someone signing in with {ProviderName}");
        await audit.RecordNowAsync(actor, action, detail, person?.Id, person?.Email);
        Problem = refusal;
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }

    /// <summary>As on the sign-in page: an administrator without two-factor sign-in must set it up first.</summary>
    private async Task<bool> MustSetUpSecondFactorAsync(Person person) =>
        !await signIn.UserManager.GetTwoFactorEnabledAsync(person)
        && await db.RoleAssignments.AnyAsync(r => r.PersonId == person.Id && r.Role == Domain.Access.Role.Administrator, HttpContext.RequestAborted);
}
