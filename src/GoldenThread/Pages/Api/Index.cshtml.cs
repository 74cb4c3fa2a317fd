using System.Text.Encodings.Web;
using GoldenThread.Api;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoldenThread.Pages.Api;

/// <summary>The API reference at <c>/api</c>: every operation of the OpenAPI document, for people, with example requests.</summary>
public sealed class ApiReferenceModel(ApiReferenceReader reader) : PageModel
{
    public ApiReference Reference { get; private set; } = null!;

    /// <summary>Where this site answers, for the example <c>curl</c> lines.</summary>
    public string BaseAddress { get; private set; } = string.Empty;

    public string DocumentPath => ApiDocument.Path;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Reference = await reader.GetAsync(cancellationToken);
        BaseAddress = $"{Request.Scheme}://{Request.Host}{Request.PathBase}";
    }

    /// <summary>A type in words, with the schema it names linked to that schema's description further down the page.</summary>
    public IHtmlContent TypeWithLink(string type, string? schema)
    {
        ArgumentNullException.ThrowIfNull(type);
        var html = new HtmlContentBuilder();
        var target = schema is null ? null : Reference.Schemas.FirstOrDefault(s => s.Name == schema);
        var at = schema is null ? -1 : type.IndexOf(schema, StringComparison.Ordinal);
        if (target is null || at < 0)
        {
            return html.Append(type);
        }

        html.Append(type[..at]);
        html.AppendHtml($"<a class=\"govuk-link\" href=\"#{HtmlEncoder.Default.Encode(target.Anchor)}\">");
        html.Append(schema!);
        html.AppendHtml("</a>");
        return html.Append(type[(at + schema!.Length)..]);
    }

    /// <summary>What the example lines put where the reader's token goes.</summary>
    public const string TokenPlaceholder = "YOUR_TOKEN";

    /// <summary>
    /// A <c>curl</c> line for an operation: the token header, for a write its method, content type and body, then the
    /// address, with a line-break opportunity (<c>&lt;wbr&gt;</c>) after each '/', '?' and '&amp;' so that a long address
    /// wraps on a narrow screen instead of making the page scroll sideways.
    /// </summary>
    public static IHtmlContent Curl(string method, string address, string? body)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(address);
        var html = new HtmlContentBuilder();
        html.Append("curl ");
        if (method != "GET")
        {
            html.Append($"-X {method} ");
        }

        html.Append($"-H 'Authorization: Bearer {TokenPlaceholder}' ");
        if (body is not null)
        {
            html.Append($"-H 'Content-Type: application/json' -d '{body.Replace("'", "'\\''", StringComparison.Ordinal)}' ");
        }

        html.Append("'");
        var host = address.IndexOf("://", StringComparison.Ordinal);
        var start = 0;
        for (var i = host < 0 ? 0 : host + 3; i < address.Length; i++)
        {
            if (address[i] is '/' or '?' or '&')
            {
                html.Append(address[start..(i + 1)]);
                html.AppendHtml("<wbr>");
                start = i + 1;
            }
        }

        html.Append(address[start..]);
        html.Append("'");
        return html;
    }
}
