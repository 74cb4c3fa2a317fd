using GoldenThread.Audit;
using GoldenThread.People;
using GoldenThread.Scorecard;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoldenThread.Pages.Account;

/// <summary>
/// Changing your password, which needs the current one (so it is itself the confirmation that a sensitive change
/// needs). The person's other sessions end at once.
/// </summary>
public sealed class ChangePasswordModel(SignInManager<Person> signIn, AuditLog audit, Sessions.SessionStore sessions) : PageModel
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    public List<FieldError> Errors { get; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var person = await signIn.UserManager.GetUserAsync(User);
        if (person is null)
        {
            return Challenge();
        }

        if (string.IsNullOrEmpty(CurrentPassword))
        {
            Errors.Add(new FieldError("current-password", "Enter your current password"));
        }

        if (string.IsNullOrEmpty(NewPassword))
        {
            Errors.Add(new FieldError("new-password", "Enter a new password"));
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var result = await signIn.UserManager.ChangePasswordAsync(person, CurrentPassword!, NewPassword!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                Errors.Add(error.Code == nameof(IdentityErrorDescriber.PasswordMismatch)
                    ? new FieldError("current-password", "Your current password is not right")
                    : new FieldError("new-password", error.Description));
            }

            return Page();
        }

        var actor = await HttpAuditActor.OfAsync(HttpContext);
        await audit.RecordNowAsync(actor, AuditActions.PasswordChanged, "Changed their password.", person.Id, person.Email);
        await sessions.EndAllAsync(person.Id, Sessions.SessionStore.IdOf(User) ?? "", Sessions.SessionEnd.PasswordChanged, actor, person.Email, HttpContext.RequestAborted);

        // Keeps this session (and whether it used a second factor) under the new security stamp.
        await signIn.RefreshSignInAsync(person);
        TempData[AccountModel.NoticeKey] = "Your password has been changed.";
        return Redirect("/account");
    }
}
