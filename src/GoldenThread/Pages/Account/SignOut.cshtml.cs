using GoldenThread.Audit;
using GoldenThread.People;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoldenThread.Pages.Account;

/// <summary>Signing out: a form post (with anti-forgery), so that no link or image elsewhere can sign a person out.</summary>
[AllowAnonymous]
public sealed class SignOutModel(SignInManager<Person> signIn, AuditLog audit) : PageModel
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

            await signIn.SignOutAsync();
        }

        return RedirectToPage("/Account/SignedOut");
    }
}
