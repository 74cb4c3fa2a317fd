using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GoldenThread.Accounts;

/// <summary>
/// Recovery codes are kept only as salted PBKDF2 hashes (HMAC-SHA-256), one per code, in the form
/// <c>pbkdf2-sha256$iterations$salt$hash</c> (base64), so that a copy of the database does not give them away.
/// A code has about 50 random bits; with the iterations, trying them all for one stored hash is out of reach.
/// </summary>
public static class RecoveryCodeHashes
{
    public const string Scheme = "pbkdf2-sha256";

    public const int Iterations = 100_000;

    private const int SaltBytes = 16;

    private const int HashBytes = 32;

    public static string Hash(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(code), salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Create(CultureInfo.InvariantCulture, $"{Scheme}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>Whether a stored entry is a hash in this form (rather than a code stored in clear by an earlier version).</summary>
    public static bool IsHash(string stored) => stored is not null && stored.StartsWith(Scheme + "$", StringComparison.Ordinal);

    /// <summary>Whether <paramref name="code"/> is the code behind <paramref name="stored"/>; a code stored in clear is compared as it is.</summary>
    public static bool Matches(string stored, string code)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(code);
        if (!IsHash(stored))
        {
            return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(stored), Encoding.UTF8.GetBytes(code));
        }

        var parts = stored.Split('$');
        if (parts.Length != 4 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            return false;
        }

        byte[] salt, expected;
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            expected = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(code), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
