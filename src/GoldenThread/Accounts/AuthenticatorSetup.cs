using System.Globalization;
using System.Text;
using QRCoder;

namespace GoldenThread.Accounts;

/// <summary>
/// What an authenticator app needs to add an account: the key, shown in groups of four for typing, and the
/// <c>otpauth://</c> address as a QR code. The QR code is drawn as one SVG path with attributes only, because the
/// content security policy allows no inline style and no <c>data:</c> images.
/// </summary>
public static class AuthenticatorSetup
{
    public const string Issuer = "GoldenThread";

    /// <summary>The key in lower-case groups of four, as the scaffolded Identity pages show it ("abcd efgh …").</summary>
    public static string FormatKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (i > 0)
            {
                text.Append(' ');
            }

            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }

        return text.ToString().ToLowerInvariant();
    }

    /// <summary>The key URI format that Google Authenticator defined and the other apps follow.</summary>
    public static string KeyUri(string email, string key) =>
        string.Create(CultureInfo.InvariantCulture, $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(email)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6");

    /// <summary>An SVG of the QR code for <paramref name="text"/>, one unit per module, with its quiet zone, scaled by the page.</summary>
    public static string QrCodeSvg(string text, string title)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var size = matrix.Count;
        var path = new StringBuilder();
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                if (matrix[y][x])
                {
                    path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h1v1h-1z");
                }
            }
        }

        var encodedTitle = System.Net.WebUtility.HtmlEncode(title);
        return string.Create(CultureInfo.InvariantCulture,
            $"""<svg xmlns="http://www.w3.org/2000/svg" class="app-qr-code" viewBox="0 0 {size} {size}" width="{size * 5}" height="{size * 5}" role="img" aria-labelledby="qr-code-title" shape-rendering="crispEdges"><title id="qr-code-title">{encodedTitle}</title><rect width="{size}" height="{size}" fill="#ffffff"/><path d="{path}" fill="#0b0c0c"/></svg>""");
    }
}
