using Microsoft.AspNetCore.Mvc;

namespace GoldenThread.Pages.Account;

/// <summary>Where to go after signing in: only ever a page on this site, so no link can send a person elsewhere.</summary>
internal static class ReturnUrls
{
    public static string Safe(IUrlHelper url, string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl) ? returnUrl : "/";

    public static string SignInAgain(string returnUrl) => "/account/sign-in?returnUrl=" + Uri.EscapeDataString(returnUrl);
}
