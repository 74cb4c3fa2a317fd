using GoldenThread.Accounts;
using GoldenThread.People;
using GoldenThread.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace GoldenThread.Pages.Account;

/// <summary>
/// Starts single sign-on: the sign-in page's button posts here (with the anti-forgery token), and the person is
/// sent to the organisation's identity provider, which sends them back to <c>/account/external-callback</c>.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(Hardening.SignInLimit)]
public sealed class ExternalModel(SignInManager<Person> signIn, WebAppOptions options) : PageModel
{
    [BindProperty]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet() => Redirect("/account/sign-in");

    public IActionResult OnPost()
    {
        if (options.SingleSignOn is null)
        {
            return NotFound();
        }

        var callback = "/account/external-callback?returnUrl=" + Uri.EscapeDataString(ReturnUrls.Safe(Url, ReturnUrl));
        var properties = signIn.ConfigureExternalAuthenticationProperties(SingleSignOnSettings.Scheme, callback);
        return Challenge(properties, SingleSignOnSettings.Scheme);
    }
}
