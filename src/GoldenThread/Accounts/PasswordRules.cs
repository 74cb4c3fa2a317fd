using GoldenThread.People;
using Microsoft.AspNetCore.Identity;

namespace GoldenThread.Accounts;

/// <summary>The password and lockout rules, in one place for the pages that describe them.</summary>
public static class PasswordRules
{
    /// <summary>Cyber Essentials' minimum for accounts without a second factor; long passphrases are welcome.</summary>
    public const int MinimumLength = 12;

    /// <summary>Long enough for any passphrase, short enough not to make hashing a denial of service.</summary>
    public const int MaximumLength = 256;

    public const int AttemptsBeforeLockout = 10;

    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    /// <summary>How long the link in a password reset email works.</summary>
    public static readonly TimeSpan ResetLinkLifetime = TimeSpan.FromHours(2);

    public static string Hint =>
        $"Use at least {MinimumLength} characters. A good way to make a strong password is to put three random words together. Common passwords and ones that are easy to guess are not accepted.";
}

/// <summary>Refuses passwords longer than <see cref="PasswordRules.MaximumLength"/>.</summary>
public sealed class LongestPasswordValidator : IPasswordValidator<Person>
{
    public Task<IdentityResult> ValidateAsync(UserManager<Person> manager, Person user, string? password) =>
        Task.FromResult(password is { Length: > PasswordRules.MaximumLength }
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordTooLong", Description = $"Use at most {PasswordRules.MaximumLength} characters." })
            : IdentityResult.Success);
}
