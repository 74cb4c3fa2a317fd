using System.Text;
using GoldenThread.Accounts;
using GoldenThread.Audit;
using GoldenThread.People;
using GoldenThread.Scorecard;
using GoldenThread.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using MimeKit;

namespace GoldenThread.Pages.Account;

/// <summary>
/// Asking for a password reset link by email. The answer is the same whether or not the address has an account
/// (and the mail goes from a background queue, so it takes the same time too): the page must not tell a stranger
/// who has an account. Every request goes in the audit trail.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(Hardening.PasswordResetLimit)]
public sealed class ForgotPasswordModel(UserManager<Person> users, MailSender mail, AuditLog audit, Web.WebAppOptions options) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    public List<FieldError> Errors { get; } = [];

    /// <summary>The address a link was asked for, once the request is done.</summary>
    public string? SentTo { get; private set; }

    public static string LinkLifetime => $"{PasswordRules.ResetLinkLifetime.TotalHours:0} hours";

    public void OnGet()
    {
    }

    /// <summary>
    /// Where the link points: the configured public address; only in development and the demonstration, which run
    /// on this machine, the address the request came to.
    /// </summary>
    private Uri? SiteAddress()
    {
        if (mail.SiteAddress is { } configured)
        {
            return new Uri(configured.ToString().TrimEnd('/') + "/");
        }

        return options.RequireHttps ? null : new Uri($"{Request.Scheme}://{Request.Host}{Request.PathBase}/");
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var email = Email?.Trim() ?? "";
        if (email.Length == 0)
        {
            Errors.Add(new FieldError("email", "Enter your email address"));
        }
        else if (email.Length > 256 || !MailboxAddress.TryParse(email, out var parsed) || parsed.Address != email || !email.Contains('@', StringComparison.Ordinal))
        {
            Errors.Add(new FieldError("email", "Enter an email address in the correct format, like name@example.com"));
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var person = await users.FindByEmailAsync(email);
        if (person is null || person.DeactivatedAt is not null)
        {
            await audit.RecordNowAsync(
                HttpAuditActor.For(HttpContext, null, email),
                AuditActions.PasswordResetRequested,
                person is null ? "No account has this email address; nothing was sent." : "The account is deactivated; nothing was sent.",
                person?.Id,
                person?.Email);
        }
        else if (SiteAddress() is not { } site)
        {
            await audit.RecordNowAsync(
                HttpAuditActor.For(HttpContext, person.Id, person.Email!),
                AuditActions.PasswordResetRequested,
                "No link was sent: the site's public address (GoldenThread__Mail__SiteAddress) is not configured.",
                person.Id,
                person.Email);
        }
        else
        {
            var token = await users.GeneratePasswordResetTokenAsync(person);
            var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
            var link = new Uri(site, $"account/reset-password?email={Uri.EscapeDataString(person.Email!)}&code={code}");
            mail.Send(MailMessages.PasswordReset(person.FullName, person.Email!, link, PasswordRules.ResetLinkLifetime), $"the password reset link for {person.Email} is {link}");
            await audit.RecordNowAsync(
                HttpAuditActor.For(HttpContext, person.Id, person.Email!),
                AuditActions.PasswordResetRequested,
                mail.IsConfigured ? "Sent a password reset link by email." : "Mail is not configured, so no link was sent.",
                person.Id,
                person.Email);
        }

        SentTo = email;
        return Page();
    }
}
