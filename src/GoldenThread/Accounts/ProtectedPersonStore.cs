using GoldenThread.People;
using GoldenThread.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace GoldenThread.Accounts;

/// <summary>
/// Identity's store for people, except that the second factor's secrets are not kept in clear: an authenticator
/// key is encrypted with data protection (whose key ring is encrypted with the certificate, not in the database)
/// and recovery codes are kept only as hashes. Values an earlier version stored in clear are still read, and are
/// converted when the site starts (<see cref="StoredSecretsUpgrade"/>).
/// </summary>
public sealed class ProtectedPersonStore(GoldenThreadDb context, IDataProtectionProvider protection, IdentityErrorDescriber? describer = null)
    : UserOnlyStore<Person, GoldenThreadDb, int>(context, describer)
{
    /// <summary>Where Identity keeps its own values in the person tokens table, and their names.</summary>
    public const string InternalProvider = "[AspNetUserStore]";
    public const string AuthenticatorKeyName = "AuthenticatorKey";
    public const string RecoveryCodesName = "RecoveryCodes";

    /// <summary>The start of an authenticator key that is encrypted (an earlier version stored it in clear).</summary>
    public const string ProtectedPrefix = "dp1:";

    private const string Purpose = "GoldenThread.AuthenticatorKey.v1";

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    public override Task SetAuthenticatorKeyAsync(Person user, string key, CancellationToken cancellationToken = default) =>
        base.SetAuthenticatorKeyAsync(user, Protect(key), cancellationToken);

    public override async Task<string?> GetAuthenticatorKeyAsync(Person user, CancellationToken cancellationToken = default)
    {
        var stored = await base.GetAuthenticatorKeyAsync(user, cancellationToken);
        return Unprotect(stored);
    }

    public override Task ReplaceCodesAsync(Person user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recoveryCodes);
        return SetTokenAsync(user, InternalProvider, RecoveryCodesName, string.Join(";", recoveryCodes.Select(RecoveryCodeHashes.Hash)), cancellationToken);
    }

    public override async Task<bool> RedeemCodeAsync(Person user, string code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        var stored = await GetTokenAsync(user, InternalProvider, RecoveryCodesName, cancellationToken) ?? "";
        var entries = stored.Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();

        // Every entry is checked, so that the time taken does not tell which one matched.
        var match = -1;
        for (var i = 0; i < entries.Count; i++)
        {
            if (RecoveryCodeHashes.Matches(entries[i], code) && match < 0)
            {
                match = i;
            }
        }

        if (match < 0)
        {
            return false;
        }

        entries.RemoveAt(match);
        var left = entries.Select(e => RecoveryCodeHashes.IsHash(e) ? e : RecoveryCodeHashes.Hash(e));
        await SetTokenAsync(user, InternalProvider, RecoveryCodesName, string.Join(";", left), cancellationToken);
        return true;
    }

    public override async Task<int> CountCodesAsync(Person user, CancellationToken cancellationToken = default)
    {
        var stored = await GetTokenAsync(user, InternalProvider, RecoveryCodesName, cancellationToken) ?? "";
        return stored.Split(';', StringSplitOptions.RemoveEmptyEntries).Length;
    }

    /// <summary>An authenticator key as it is stored: encrypted, marked as such.</summary>
    public string Protect(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return ProtectedPrefix + _protector.Protect(key);
    }

    /// <summary>
    /// The key from its stored form; a key stored in clear by an earlier version is returned as it is. A key that
    /// cannot be decrypted (the certificate was replaced) counts as no key: the person sets up their app again.
    /// </summary>
    public string? Unprotect(string? stored)
    {
        if (stored is null || !stored.StartsWith(ProtectedPrefix, StringComparison.Ordinal))
        {
            return stored;
        }

        try
        {
            return _protector.Unprotect(stored[ProtectedPrefix.Length..]);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}

/// <summary>Registers the protected store and the one-use authenticator codes with Identity.</summary>
public static class SecondFactorProtection
{
    public static IdentityBuilder AddSecondFactorProtection(this IdentityBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddUserStore<ProtectedPersonStore>()
            .AddTokenProvider<OneUseAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);
    }
}
