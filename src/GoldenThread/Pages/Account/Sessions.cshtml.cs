using GoldenThread.Access;
using GoldenThread.Audit;
using GoldenThread.Sessions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoldenThread.Pages.Account;

/// <summary>
/// <c>/account/sessions</c>: where and how you are signed in (this browser marked), with a button to end each of the
/// others, or all of them at once; every end goes in the audit trail.
/// </summary>
public sealed class SessionsModel(SessionStore sessions, CurrentPerson current) : PageModel
{
    public const string Path = "/account/sessions";

    public IReadOnlyList<SessionRow> Open { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await current.GetAsync(HttpContext.RequestAborted) is not { } person)
        {
            return Challenge();
        }

        Response.Headers.CacheControl = "no-store";
        Open = await sessions.OpenAsync(person.Id, SessionStore.IdOf(User), HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostEndAsync([FromForm] string? id)
    {
        if (await current.GetAsync(HttpContext.RequestAborted) is not { } person)
        {
            return Challenge();
        }

        // Only one of the person's own open sessions, and not this one (signing out ends this one).
        var open = await sessions.OpenAsync(person.Id, SessionStore.IdOf(User), HttpContext.RequestAborted);
        if (open.SingleOrDefault(s => s.Id == id && !s.IsCurrent) is { } other)
        {
            await sessions.EndAsync(other.Id, SessionEnd.EndedByPerson, await HttpAuditActor.OfAsync(HttpContext), "Ended from another of their sessions.", HttpContext.RequestAborted);
            Notice = $"The session signed in {SessionStore.When(other.CreatedAt)} has ended.";
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEndOthersAsync()
    {
        if (await current.GetAsync(HttpContext.RequestAborted) is not { } person)
        {
            return Challenge();
        }

        var ended = await sessions.EndAllAsync(person.Id, SessionStore.IdOf(User) ?? "", SessionEnd.EndedByPerson, await HttpAuditActor.OfAsync(HttpContext), person.Email, HttpContext.RequestAborted);
        Notice = ended == 1 ? "Your other session has ended." : $"Your {ended} other sessions have ended.";
        return RedirectToPage();
    }

    /// <summary>The browser's description, shortened to what a person recognises in the list.</summary>
    public static string Browser(string? userAgent) => string.IsNullOrEmpty(userAgent) ? "Not known" : userAgent;
}
