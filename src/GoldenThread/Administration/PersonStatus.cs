using System.Globalization;

namespace GoldenThread.Administration;

/// <summary>Whether a person may sign in, in words (never a colour alone): active, locked out until when, or deactivated.</summary>
public static class PersonStatus
{
    public const string Active = "Active";

    public static string Describe(DateTimeOffset? deactivatedAt, DateTimeOffset? lockoutEnd, DateTimeOffset now)
    {
        if (deactivatedAt is { } deactivated)
        {
            return $"Deactivated on {When(deactivated)}";
        }

        return lockoutEnd is { } end && end > now ? $"Locked out until {When(end)}" : Active;
    }

    /// <summary>Whether the person is locked out now.</summary>
    public static bool IsLockedOut(DateTimeOffset? lockoutEnd, DateTimeOffset now) => lockoutEnd is { } end && end > now;

    /// <summary>A moment for people, in UTC: "14:05 UTC on 3 May 2026".</summary>
    public static string When(DateTimeOffset at) =>
        at.UtcDateTime.ToString("HH:mm 'UTC on' d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string TwoFactor(bool enabled) => enabled ? "Two-factor sign-in on" : "Two-factor sign-in off";
}
