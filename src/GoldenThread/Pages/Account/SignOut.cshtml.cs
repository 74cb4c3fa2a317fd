using GoldenThread.Audit;
using GoldenThread.People;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoldenThread.Pages.Account;

/// <summary>
/// Signing out: a form post (with anti-forgery), so that no link or image elsewhere can sign a person out. The session
/// is ended on the server too, so a copy of the cookie stops working.
/// </summary>
[AllowAnonymous]
public sealed class SignOutModel(SignInManager<Person> signIn, AuditLog audit, Sessions.SessionStore sessions) : PageModel
{
    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? Page() : Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            var actor = await HttpAuditActor.OfAsync(HttpContext);
            if (actor.Id is not null)
            {
                audit.Add(actor, AuditActions.SignedOut, "Signed out.", actor.Id, actor.Name);
                await HttpContext.RequestServices.GetRequiredService<Storage.GoldenThreadDb>().SaveChangesAsync();
            }

            if (Sessions.SessionStore.IdOf(User) is { } session)
            {
                // Recorded above as signing out: no second entry.
                await sessions.EndAsync(session, Sessions.SessionEnd.SignedOut, actor, why: null, HttpContext.RequestAborted);
            }

            await signIn.SignOutAsync();
        }

        return RedirectToPage("/Account/SignedOut");
    }
}
