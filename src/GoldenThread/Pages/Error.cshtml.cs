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

    public bool IsBusy => StatusCodeShown == StatusCodes.Status503ServiceUnavailable;

    /// <summary>A request the site will not take as sent (too large, the wrong method): the person can change it, so no reference.</summary>
    public bool IsRefusedRequest => StatusCodeShown is >= 400 and < 500 and not StatusCodes.Status404NotFound;

    public string Title => StatusCodeShown switch
    {
        StatusCodes.Status404NotFound => "Page not found",
        StatusCodes.Status503ServiceUnavailable => "The service is busy",
        StatusCodes.Status413PayloadTooLarge => "What you sent is too large",
        >= 400 and < 500 => "This page cannot take that request",
        _ => "Sorry, there is a problem with the service",
    };

    public string Reference { get; private set; } = string.Empty;

    public void OnGet(int? code) => Show(code);

    public void OnPost(int? code) => Show(code);

    /// <summary>Run again for a failed request of another method (PUT, DELETE, PATCH), which has no handler here: the same page.</summary>
    [NonHandler]
    public override void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.HandlerMethod is null)
        {
            Show(int.TryParse(RouteData.Values["code"]?.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : null);
        }
    }

    private void Show(int? code)
    {
        // After an exception the handler has already set the status it stands for (413, 503 or 500: Web/Hardening.cs).
        StatusCodeShown = code ?? (HttpContext.Response.StatusCode >= 400 ? HttpContext.Response.StatusCode : StatusCodes.Status500InternalServerError);
        Reference = Activity.Current?.TraceId.ToString() ?? HttpContext.TraceIdentifier;
        if (HttpContext.Response.StatusCode == StatusCodes.Status200OK)
        {
            // Reached directly: say the same as the page it stands for.
            HttpContext.Response.StatusCode = StatusCodeShown;
        }
    }
}
