using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using GoldenThread.People;
using GoldenThread.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Accounts;

/// <summary>
/// Checks the six-digit codes of authenticator apps (RFC 6238: HMAC-SHA-1, 30-second steps), in place of
/// Identity's, which accepts codes two steps either side and the same code any number of times. Here a code is
/// accepted for the current step or one either side (for a clock a little out), and only once: the step of the
/// last code used is stored on the person, and a code for that step or an earlier one is refused. The check
/// and the update are one conditional <c>UPDATE</c>, so two sign-ins racing with one code cannot both win.
/// </summary>
public sealed class OneUseAuthenticatorTokenProvider(GoldenThreadDb db, TimeProvider clock) : IUserTwoFactorTokenProvider<Person>
{
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    /// <summary>How many steps either side of now a code may be for.</summary>
    public const int Window = 1;

    public Task<string> GenerateAsync(string purpose, UserManager<Person> manager, Person user) => Task.FromResult(string.Empty);

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<Person> manager, Person user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        return !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<Person> manager, Person user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        var digits = (token ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (digits.Length != 6 || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return false;
        }

        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key) || Base32Decode(key) is not { Length: > 0 } secret)
        {
            return false;
        }

        var now = StepAt(clock.GetUtcNow());
        long? matched = null;
        for (var step = now - Window; step <= now + Window; step++)
        {
            if (CodeAt(secret, step) == code)
            {
                matched ??= step;
            }
        }

        if (matched is not { } used)
        {
            return false;
        }

        // Only if no code for this step or a later one has been used: atomic on both databases.
        var updated = await db.People
            .Where(p => p.Id == user.Id && (p.AuthenticatorLastStep == null || p.AuthenticatorLastStep < used))
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.AuthenticatorLastStep, used));
        return updated == 1;
    }

    /// <summary>The number of 30-second steps since 1970 at a moment.</summary>
    public static long StepAt(DateTimeOffset moment) => moment.ToUnixTimeSeconds() / (long)Step.TotalSeconds;

    /// <summary>The six-digit code for a step (RFC 4226's dynamic truncation of HMAC-SHA-1).</summary>
    public static int CodeAt(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[HMACSHA1.HashSizeInBytes];
#pragma warning disable CA5350 // HMAC-SHA-1 is what RFC 6238 and every authenticator app use; it is not used here as a plain hash.
        HMACSHA1.HashData(secret, counter, hash);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return binary % 1_000_000;
    }

    /// <summary>RFC 4648 base32 (the alphabet Identity's keys use), ignoring spaces and padding; null when not base32.</summary>
    public static byte[]? Base32Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var output = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text)
        {
            if (c is ' ' or '=')
            {
                continue;
            }

            var value = Alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (value < 0)
            {
                return null;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                output.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        return [.. output];
    }
}
