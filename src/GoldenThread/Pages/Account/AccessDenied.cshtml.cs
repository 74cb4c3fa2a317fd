using GoldenThread.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoldenThread.Pages.Account;

/// <summary>
/// Where a signed-in person lands when their roles do not allow a page (answered 403). An administrator who
/// has not used a second factor is told how to: administration needs one.
/// </summary>
[AllowAnonymous]
public sealed class AccessDeniedModel(CurrentPerson current) : PageModel
{
    public SignedInPerson? Person { get; private set; }

    public async Task OnGetAsync()
    {
        Person = await current.GetAsync(HttpContext.RequestAborted);
        Response.StatusCode = StatusCodes.Status403Forbidden;
    }
}
