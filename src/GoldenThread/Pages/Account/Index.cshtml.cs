using GoldenThread.Access;
using GoldenThread.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoldenThread.Pages.Account;

/// <summary>Your account: who you are signed in as, and links to change your password and two-factor sign-in.</summary>
public sealed class AccountModel(UserManager<Person> users, CurrentPerson current) : PageModel
{
    /// <summary>Where a page that changed something leaves a sentence for this page's notification banner.</summary>
    public const string NoticeKey = "AccountNotice";

    public SignedInPerson Person { get; private set; } = null!;

    public bool TwoFactorOn { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var signedIn = await current.GetAsync(HttpContext.RequestAborted);
        var person = await users.GetUserAsync(User);
        if (signedIn is null || person is null)
        {
            return Challenge();
        }

        Person = signedIn;
        TwoFactorOn = await users.GetTwoFactorEnabledAsync(person);
        RecoveryCodesLeft = TwoFactorOn ? await users.CountRecoveryCodesAsync(person) : 0;
        Notice = TempData[NoticeKey] as string;
        return Page();
    }
}
