using GoldenThread.Accounts;
using GoldenThread.Domain.Access;
using GoldenThread.People;
using GoldenThread.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using static GoldenThread.Tests.Accounts.AccountJourneys;

namespace GoldenThread.Tests.Accounts;

/// <summary>
/// A locked account answers as an unknown address does: the same words, and the same work (a password is
/// hashed), so that neither tells whether the address has an account. The work is observed by counting the
/// calls to the password hasher, never by timing.
/// </summary>
public sealed class LockoutMessageTests(LockoutMessageTests.CountingHost host) : IClassFixture<LockoutMessageTests.CountingHost>
{
    [Fact]
    public async Task LockedAccount_AnswersInTheSameWords_AndHashesThePassword_AsAnUnknownAddressDoes()
    {
        const string email = "locked.words@lockout.test";
        await TestPeople.AddAsync(host.Database, email);
        using var client = host.NewClient();
        for (var attempt = 1; attempt <= PasswordRules.AttemptsBeforeLockout; attempt++)
        {
            await SignInWithPasswordAsync(client, email, $"wrong password number {attempt}");
        }

        var before = host.Hasher.Verifications;
        var (locked, lockedPath, _) = await SignInWithPasswordAsync(client, email, TestPeople.Password);
        var lockedWork = host.Hasher.Verifications - before;

        before = host.Hasher.Verifications;
        var (unknown, _, _) = await SignInWithPasswordAsync(client, "no.such.person@lockout.test", TestPeople.Password);
        var unknownWork = host.Hasher.Verifications - before;

        Assert.StartsWith("/account/sign-in", lockedPath, StringComparison.Ordinal);
        Assert.Null(SignedInName(locked));
        Assert.Equal(FieldErrors(unknown), FieldErrors(locked));
        Assert.Contains("Enter a correct email address and password", FieldErrors(locked), StringComparison.Ordinal);
        Assert.DoesNotContain("This account is locked", locked.Body?.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, unknownWork);
        Assert.Equal(unknownWork, lockedWork);
    }

    /// <summary>The site with a password hasher that counts its verifications.</summary>
    public sealed class CountingHost : WebTestHost
    {
        public CountingHasher Hasher { get; } = new();

        protected override Role? SignedInAs => null;

        protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IPasswordHasher<Person>>(Hasher);
    }

    public sealed class CountingHasher : IPasswordHasher<Person>
    {
        private readonly PasswordHasher<Person> _inner = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(Person user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(Person user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
