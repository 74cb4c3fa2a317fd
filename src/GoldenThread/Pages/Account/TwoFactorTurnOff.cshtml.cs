using GoldenThread.Access;
using GoldenThread.Audit;
using GoldenThread.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoldenThread.Pages.Account;

/// <summary>
/// Turning off two-factor sign-in, for anyone but an administrator (administration needs it). The key is
/// replaced too, so the old app's codes stop working and a new app can be set up afresh. The person confirms it is
/// them first (Sessions/Reauthentication.cs): a session alone is not enough to remove the second factor.
/// </summary>
public sealed class TwoFactorTurnOffModel(SignInManager<Person> signIn, AuditLog audit, CurrentPerson current, Sessions.SessionStore sessions) : PageModel
{
    public const string Path = "/account/two-factor/turn-off";

    public bool IsAdministrator { get; private set; }

    public bool IsOn { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var person = await signIn.UserManager.GetUserAsync(User);
        if (person is null)
        {
            return Challenge();
        }

        await LoadAsync(person);
        if (IsOn && !IsAdministrator && !await sessions.IsRecentlyAuthenticatedAsync(User, HttpContext.RequestAborted))
        {
            return Redirect(Sessions.Reauthentication.PathFor(Path));
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var person = await signIn.UserManager.GetUserAsync(User);
        if (person is null)
        {
            return Challenge();
        }

        await LoadAsync(person);
        if (IsAdministrator)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        if (!IsOn)
        {
            return Redirect("/account");
        }

        if (!await sessions.IsRecentlyAuthenticatedAsync(User, HttpContext.RequestAborted))
        {
            return Redirect(Sessions.Reauthentication.PathFor(Path));
        }

        var actor = await HttpAuditActor.OfAsync(HttpContext);
        audit.Add(actor, AuditActions.TwoFactorDisabled, "Turned off two-factor sign-in.", person.Id, person.Email);
        var result = await signIn.UserManager.SetTwoFactorEnabledAsync(person, false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Two-factor sign-in could not be turned off: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        await signIn.UserManager.ResetAuthenticatorKeyAsync(person);

        // A fresh session without the second factor's mark, under the new security stamp.
        await signIn.SignInAsync(person, isPersistent: false);
        TempData[AccountModel.NoticeKey] = "Two-factor sign-in is off. You now sign in with your password alone.";
        return Redirect("/account");
    }

    private async Task LoadAsync(Person person)
    {
        IsOn = await signIn.UserManager.GetTwoFactorEnabledAsync(person);
        IsAdministrator = (await current.GetAsync(HttpContext.RequestAborted))?.Actor.Holds(Domain.Access.Role.Administrator) == true;
    }
}
