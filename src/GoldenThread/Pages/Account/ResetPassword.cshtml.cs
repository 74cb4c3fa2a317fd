using System.Text;
using GoldenThread.Audit;
using GoldenThread.People;
using GoldenThread.Scorecard;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace GoldenThread.Pages.Account;

/// <summary>
/// Choosing a new password from the link in a password reset email. The link works once and for a while; a new
/// password also ends a lockout, so this is the way back in after too many wrong passwords, and ends every
/// session of the person (someone who knew the old password may hold one).
/// </summary>
[AllowAnonymous]
public sealed class ResetPasswordModel(UserManager<Person> users, AuditLog audit, Sessions.SessionStore sessions) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    public List<FieldError> Errors { get; } = [];

    /// <summary>The link is incomplete, expired, used, or not for an account that may sign in.</summary>
    public bool LinkDoesNotWork { get; private set; }

    public bool Done { get; private set; }

    public IActionResult OnGet()
    {
        Response.Headers.CacheControl = "no-store";
        LinkDoesNotWork = string.IsNullOrWhiteSpace(Email) || Decode(Code) is null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Response.Headers.CacheControl = "no-store";
        var token = Decode(Code);
        var person = string.IsNullOrWhiteSpace(Email) ? null : await users.FindByEmailAsync(Email.Trim());
        if (token is null || person is null || person.DeactivatedAt is not null)
        {
            LinkDoesNotWork = true;
            return Page();
        }

        if (string.IsNullOrEmpty(NewPassword))
        {
            Errors.Add(new FieldError("new-password", "Enter a new password"));
            return Page();
        }

        var wasLockedOut = await users.IsLockedOutAsync(person);
        var result = await users.ResetPasswordAsync(person, token, NewPassword);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
            {
                LinkDoesNotWork = true;
                return Page();
            }

            foreach (var error in result.Errors)
            {
                Errors.Add(new FieldError("new-password", error.Description));
            }

            return Page();
        }

        await users.SetLockoutEndDateAsync(person, null);
        await users.ResetAccessFailedCountAsync(person);
        var actor = HttpAuditActor.For(HttpContext, person.Id, person.Email!);
        await audit.RecordNowAsync(
            actor,
            AuditActions.PasswordReset,
            wasLockedOut ? "Reset the password from an emailed link, which ended the lockout." : "Reset the password from an emailed link.",
            person.Id,
            person.Email);
        await sessions.EndAllAsync(person.Id, exceptId: null, Sessions.SessionEnd.PasswordReset, actor, person.Email, HttpContext.RequestAborted);
        Done = true;
        return Page();
    }

    private static string? Decode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code.Trim()));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
