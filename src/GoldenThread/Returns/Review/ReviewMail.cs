using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using GoldenThread.Domain.Returns;
using MimeKit;

namespace GoldenThread.Returns.Review;

/// <summary>The email the central team's chase sends, plain text and HTML saying the same thing.</summary>
public static class ReviewMail
{
    /// <summary>The subject line: "Reminder: your return for 2009-10-Q3".</summary>
    public static string ChaseSubject(string period) => $"Reminder: your return for {period}";

    public static MimeMessage Chase(string toName, string toAddress, ReturnSummary summary, Uri? site)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var due = summary.Deadline is { } d ? d.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) : null;
        var when = (summary.Late, due) switch
        {
            (true, not null) => $"It was due by {due} and is now late.",
            (false, not null) => $"It is due by {due}.",
            _ => "Please complete it as soon as you can.",
        };
        var state = ReturnStates.Name(summary.State).ToLowerInvariant();
        var missing = summary.Missing.Select(ReturnsOverview.Describe).ToList();
        var link = site is null ? null : new Uri(site, "returns");
        var html = HtmlEncoder.Default;

        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Dear {toName},")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"The central performance team asks you to complete your return for {summary.Period} (now {state}). {when}");
        var body = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<p>Dear {html.Encode(toName)},</p>")
            .Append(CultureInfo.InvariantCulture, $"<p>The central performance team asks you to complete your return for {html.Encode(summary.Period)} (now {html.Encode(state)}). {html.Encode(when)}</p>");
        if (summary.State == ReturnState.Queried)
        {
            text.AppendLine().AppendLine("It was sent back to you with a query: please answer it and submit the return again.");
            body.Append("<p>It was sent back to you with a query: please answer it and submit the return again.</p>");
        }

        if (missing.Count > 0)
        {
            text.AppendLine().AppendLine("Still missing:");
            body.Append("<p>Still missing:</p><ul>");
            foreach (var item in missing)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {item}");
                body.Append(CultureInfo.InvariantCulture, $"<li>{html.Encode(item)}</li>");
            }

            body.Append("</ul>");
        }

        if (link is not null)
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Your returns: {link.AbsoluteUri}");
            body.Append(CultureInfo.InvariantCulture, $"<p>Your returns: <a href=\"{html.Encode(link.AbsoluteUri)}\">{html.Encode(link.AbsoluteUri)}</a></p>");
        }

        text.AppendLine().AppendLine("GoldenThread");
        body.Append("<p>GoldenThread</p>");

        var message = new MimeMessage { Subject = ChaseSubject(summary.Period) };
        message.To.Add(new MailboxAddress(toName, toAddress));
        message.Body = new BodyBuilder
        {
            TextBody = text.ToString(),
            HtmlBody = $"<!DOCTYPE html>\n<html lang=\"en\">\n<body>\n{body}\n</body>\n</html>\n",
        }.ToMessageBody();
        return message;
    }
}
