using System.Globalization;
using System.Text.Encodings.Web;
using MimeKit;

namespace GoldenThread.Accounts;

/// <summary>The emails the site sends, each with a plain-text and an HTML body saying the same thing.</summary>
public static class MailMessages
{
    public const string PasswordResetSubject = "Reset your GoldenThread password";

    public static MimeMessage PasswordReset(string toName, string toAddress, Uri link, TimeSpan validFor)
    {
        ArgumentNullException.ThrowIfNull(link);
        var hours = validFor.TotalHours.ToString("0", CultureInfo.InvariantCulture);
        var message = new MimeMessage { Subject = PasswordResetSubject };
        message.To.Add(new MailboxAddress(toName, toAddress));
        var html = HtmlEncoder.Default;
        var body = new BodyBuilder
        {
            TextBody = $"""
                Dear {toName},

                Someone (we hope you) asked to reset the password for your GoldenThread account, {toAddress}.

                To choose a new password, open this link within {hours} hours:

                {link.AbsoluteUri}

                If you did not ask, you can ignore this email: your password has not changed.

                GoldenThread
                """,
            HtmlBody = $"""
                <!DOCTYPE html>
                <html lang="en">
                <body>
                <p>Dear {html.Encode(toName)},</p>
                <p>Someone (we hope you) asked to reset the password for your GoldenThread account, {html.Encode(toAddress)}.</p>
                <p>To choose a new password, open this link within {hours} hours:</p>
                <p><a href="{html.Encode(link.AbsoluteUri)}">{html.Encode(link.AbsoluteUri)}</a></p>
                <p>If you did not ask, you can ignore this email: your password has not changed.</p>
                <p>GoldenThread</p>
                </body>
                </html>
                """,
        };
        message.Body = body.ToMessageBody();
        return message;
    }
}
