using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoldenThread.Pages;

/// <summary>The not-found page and the friendly error page: something a person can act on, never a stack trace.</summary>
[IgnoreAntiforgeryToken]
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class ErrorModel : PageModel
{
    public int StatusCodeShown { get; private set; } = 500;

    public bool IsNotFound => StatusCodeShown == StatusCodes.Status404NotFound;

    public string Title => IsNotFound ? "Page not found" : "Sorry, there is a problem with the service";

    public string Reference { get; private set; } = string.Empty;

    public void OnGet(int? code) => Show(code);

    public void OnPost(int? code) => Show(code);

    private void Show(int? code)
    {
        StatusCodeShown = code ?? StatusCodes.Status500InternalServerError;
        Reference = Activity.Current?.TraceId.ToString() ?? HttpContext.TraceIdentifier;
        if (HttpContext.Response.StatusCode == StatusCodes.Status200OK)
        {
            // Reached directly: say the same as the page it stands for.
            HttpContext.Response.StatusCode = StatusCodeShown;
        }
    }
}
