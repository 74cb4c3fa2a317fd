using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using GoldenThread.Domain.Reminders;
using MimeKit;

namespace GoldenThread.Reminders;

/// <summary>One row of what a return asks for, as a reminder lists it.</summary>
public sealed record ReminderLine(string IndicatorCode, string IndicatorTitle, string AreaName, string PeriodName, bool ActualDue, bool ProjectedOutturnDue)
{
    /// <summary>"NI 16 Serious acquisitive crime, Wessexshire, 2009/10 Q2: the actual and the projected outturn".</summary>
    public override string ToString()
    {
        var asks = (ActualDue, ProjectedOutturnDue) switch
        {
            (true, true) => "the actual and the projected outturn",
            (true, false) => "the actual",
            (false, true) => "the projected outturn",
            _ => "commentary",
        };
        return $"{IndicatorCode} {IndicatorTitle}, {AreaName}, {PeriodName}: {asks}";
    }
}

/// <summary>Everything a reminder says: to whom, about which return, why, and where to open it.</summary>
public sealed record ReminderContent(
    ReminderKind Kind,
    int ReturnId,
    string PeriodName,
    MailboxAddress To,
    IReadOnlyList<MailboxAddress> Copied,
    DateOnly? Deadline,
    string? DueInWords,
    string? Query,
    IReadOnlyList<ReminderLine> Lines,
    Uri? SiteAddress,
    string MessageId);

/// <summary>
/// The reminders' wording, each with a plain-text and an HTML body saying the same thing, in the site's plain style:
/// what is due, for which period, the deadline in words, and a link to the return.
/// </summary>
public static class ReminderMessages
{
    /// <summary>A date as people read it: Friday 16 October 2009.</summary>
    public static string DateInWords(DateOnly date) => date.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>The return's page: absolute when the site's address is configured, else the path to open once signed in.</summary>
    public static string ReturnLink(int returnId, Uri? siteAddress) =>
        siteAddress is null
            ? string.Create(CultureInfo.InvariantCulture, $"/returns/{returnId}")
            : string.Create(CultureInfo.InvariantCulture, $"{siteAddress.AbsoluteUri.TrimEnd('/')}/returns/{returnId}");

    public static string Subject(ReminderContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return content.Kind switch
        {
            ReminderKind.DueSoon => $"Your {content.PeriodName} return is due by {DateInWords(content.Deadline!.Value)}",
            ReminderKind.Late => $"Your {content.PeriodName} return is late: it was due by {DateInWords(content.Deadline!.Value)}",
            _ => $"Your {content.PeriodName} return has a query from the central team",
        };
    }

    public static MimeMessage Create(ReminderContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var message = new MimeMessage { Subject = Subject(content), MessageId = content.MessageId };
        message.To.Add(content.To);
        message.Cc.AddRange(content.Copied);

        // RFC 3834: sent by a program, so out-of-office replies are not sent back to it.
        message.Headers.Add("Auto-Submitted", "auto-generated");

        var (opening, closing) = Paragraphs(content);
        var link = ReturnLink(content.ReturnId, content.SiteAddress);
        var absolute = content.SiteAddress is not null;
        var copied = content.Copied.Count == 0
            ? null
            : $"A copy goes to {string.Join(" and ", content.Copied.Select(c => c.Name))}, {(content.Copied.Count == 1 ? "the deputy" : "the deputies")} for these indicators.";

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Dear {content.To.Name},\n\n");
        foreach (var paragraph in opening)
        {
            text.Append(paragraph).Append("\n\n");
        }

        if (content.Query is not null)
        {
            text.Append("The query:\n\n").Append(Quoted(content.Query)).Append("\n\n");
        }

        if (content.Lines.Count > 0)
        {
            text.Append("The return asks for:\n\n");
            foreach (var line in content.Lines)
            {
                text.Append("- ").Append(line).Append('\n');
            }

            text.Append('\n');
        }

        text.Append(absolute ? "Open the return:\n\n" : "Sign in to GoldenThread and open the return at:\n\n").Append(link).Append("\n\n");
        text.Append(closing).Append("\n\n");
        if (copied is not null)
        {
            text.Append(copied).Append("\n\n");
        }

        text.Append("GoldenThread\n");

        var html = HtmlEncoder.Default;
        var body = new StringBuilder();
        body.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<body>\n");
        body.Append(CultureInfo.InvariantCulture, $"<p>Dear {html.Encode(content.To.Name ?? "")},</p>\n");
        foreach (var paragraph in opening)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p>{html.Encode(paragraph)}</p>\n");
        }

        if (content.Query is not null)
        {
            body.Append("<p>The query:</p>\n<blockquote>");
            body.Append(string.Join("<br>\n", content.Query.ReplaceLineEndings("\n").Split('\n').Select(html.Encode)));
            body.Append("</blockquote>\n");
        }

        if (content.Lines.Count > 0)
        {
            body.Append("<p>The return asks for:</p>\n<ul>\n");
            foreach (var line in content.Lines)
            {
                body.Append(CultureInfo.InvariantCulture, $"<li>{html.Encode(line.ToString())}</li>\n");
            }

            body.Append("</ul>\n");
        }

        body.Append(absolute
            ? $"<p><a href=\"{html.Encode(link)}\">Open your {html.Encode(content.PeriodName)} return</a> ({html.Encode(link)})</p>\n"
            : $"<p>Sign in to GoldenThread and open the return at {html.Encode(link)}</p>\n");
        body.Append(CultureInfo.InvariantCulture, $"<p>{html.Encode(closing)}</p>\n");
        if (copied is not null)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p>{html.Encode(copied)}</p>\n");
        }

        body.Append("<p>GoldenThread</p>\n</body>\n</html>\n");

        message.Body = new BodyBuilder { TextBody = text.ToString(), HtmlBody = body.ToString() }.ToMessageBody();
        return message;
    }

    private static (IReadOnlyList<string> Opening, string Closing) Paragraphs(ReminderContent content) => content.Kind switch
    {
        ReminderKind.DueSoon => (
            [$"Your return for {content.PeriodName} is due by {DateInWords(content.Deadline!.Value)} ({content.DueInWords})."],
            "Once you have submitted it, you will not be reminded again. Your tasks on GoldenThread list everything due from you."),
        ReminderKind.Late => (
            [$"Your return for {content.PeriodName} was due by {DateInWords(content.Deadline!.Value)} and has not been submitted: it is late."],
            "Please submit it as soon as you can, or tell the central performance team when it will come. Your tasks on GoldenThread list everything due from you."),
        _ => (
            [$"The central performance team has looked at your return for {content.PeriodName} and sent it back with a query."],
            "Answer the query and submit the return again. Your tasks on GoldenThread list everything due from you."),
    };

    private static string Quoted(string text) =>
        string.Join("\n", text.ReplaceLineEndings("\n").Split('\n').Select(l => "> " + l));
}
