using System.Security.Cryptography;
using System.Text;

namespace GoldenThread.Tokens;

/// <summary>
/// Makes and checks API token secrets: <c>gt_</c> and 43 characters of base64url (256 random bits). The
/// database holds only their SHA-256 hash. A salted slow hash is for passwords people choose; a random
/// 256-bit secret cannot be guessed from a fast hash, and a fast hash lets each request look the token up.
/// </summary>
public static class TokenSecrets
{
    public const string Marker = "gt_";

    public static string NewSecret()
    {
        Span<byte> bytes = stackalloc byte[32];
        RandomNumberGenerator.Fill(bytes);
        return Marker + Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static string Hash(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    /// <summary>The part shown in lists, so people can tell their tokens apart.</summary>
    public static string PrefixOf(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return secret[..Math.Min(ApiToken.PrefixLength, secret.Length)];
    }

    public static bool LooksLikeSecret(string? text) =>
        text is not null && text.StartsWith(Marker, StringComparison.Ordinal) && text.Length == Marker.Length + 43;
}
