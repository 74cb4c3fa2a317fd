using MimeKit;

namespace GoldenThread.Accounts;

/// <summary>
/// The mail server that sends password reset links, from the <c>GoldenThread:Mail</c> settings (environment
/// variables <c>GoldenThread__Mail__Host</c>, <c>__Port</c>, <c>__From</c>, <c>__UserName</c>, <c>__Password</c>,
/// <c>__StartTls</c>). Without a host, no mail is sent.
/// </summary>
/// <param name="Host">The SMTP server's name or address.</param>
/// <param name="Port">Its port: 587 (submission with STARTTLS) unless set.</param>
/// <param name="From">Who the mail comes from, e.g. <c>GoldenThread &lt;noreply@council.gov.uk&gt;</c>.</param>
public sealed record MailSettings(string Host, int Port, string From)
{
    public const string Section = "GoldenThread:Mail";
    public const int DefaultPort = 587;

    /// <summary>Signs in to the server when set (with <see cref="Password"/>).</summary>
    public string? UserName { get; init; }

    public string? Password { get; init; }

    /// <summary>
    /// The site's public address for the links in mail, e.g. <c>https://performance.council.gov.uk</c>
    /// (<c>GoldenThread__Mail__SiteAddress</c>). Required outside development and the demonstration: a link built
    /// from the request's Host header would let someone who asks for another person's reset send it to their own site.
    /// </summary>
    public Uri? SiteAddress { get; init; }

    /// <summary>
    /// Insist on STARTTLS (the default). When false, TLS is still used if the server offers it, or from the
    /// start on port 465; plain SMTP only where the server offers nothing (a relay on this machine, or tests).
    /// </summary>
    public bool StartTls { get; init; } = true;

    /// <summary>The settings in configuration, or null when no host is set; a clear error for settings that cannot work.</summary>
    public static MailSettings? FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var host = section["Host"];
        if (string.IsNullOrWhiteSpace(host))
        {
            return null;
        }

        var port = DefaultPort;
        if (section["Port"] is { Length: > 0 } portText
            && (!int.TryParse(portText, System.Globalization.CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            throw new InvalidOperationException($"{Section}:Port must be a whole number from 1 to 65535, not \"{portText}\".");
        }

        var from = section["From"];
        if (string.IsNullOrWhiteSpace(from) || !MailboxAddress.TryParse(from, out _))
        {
            throw new InvalidOperationException($"{Section}:From must be an email address (e.g. \"GoldenThread <noreply@example.gov.uk>\") when {Section}:Host is set.");
        }

        var startTls = true;
        if (section["StartTls"] is { Length: > 0 } tlsText && !bool.TryParse(tlsText, out startTls))
        {
            throw new InvalidOperationException($"{Section}:StartTls must be true or false, not \"{tlsText}\".");
        }

        Uri? site = null;
        if (section["SiteAddress"] is { Length: > 0 } siteText
            && (!Uri.TryCreate(siteText.Trim(), UriKind.Absolute, out site) || site.Scheme is not ("https" or "http")))
        {
            throw new InvalidOperationException($"{Section}:SiteAddress must be the site's address, like https://performance.council.gov.uk, not \"{siteText}\".");
        }

        return new MailSettings(host.Trim(), port, from.Trim())
        {
            SiteAddress = site,
            UserName = string.IsNullOrWhiteSpace(section["UserName"]) ? null : section["UserName"],
            Password = section["Password"],
            StartTls = startTls,
        };
    }
}
