using GoldenThread.Accounts;
using GoldenThread.Domain.Access;
using GoldenThread.People;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static GoldenThread.Tests.Accounts.AccountJourneys;

namespace GoldenThread.Tests.Accounts;

/// <summary>
/// Authenticator codes are taken once, for the current 30-second step or one either side: a code (or an earlier
/// one) that has been used is refused, as are codes two steps away. Time comes from a fake clock.
/// </summary>
public sealed class AuthenticatorCodeTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    [Theory, BothDatabases]
    public async Task ACode_WorksOnce_AndNoEarlierCodeWorksAfterIt(DatabaseProvider provider)
    {
        var (database, clock, personId, key) = await PersonWithAuthenticatorAsync(provider);
        var now = clock.GetUtcNow();

        Assert.True(await VerifyAsync(database, clock, personId, Forms.CodeAt(key, now)));
        Assert.False(await VerifyAsync(database, clock, personId, Forms.CodeAt(key, now)));
        Assert.False(await VerifyAsync(database, clock, personId, Forms.CodeAt(key, now - Step)));
        Assert.True(await VerifyAsync(database, clock, personId, Forms.CodeAt(key, now + Step)));
        Assert.False(await VerifyAsync(database, clock, personId, Forms.CodeAt(key, now + Step)));
    }

    [Theory, BothDatabases]
    public async Task CodesOneStepEitherSide_AreAccepted_TwoStepsAway_AreNot(DatabaseProvider provider)
    {
        var (database, clock, personId, key) = await PersonWithAuthenticatorAsync(provider);
        var now = clock.GetUtcNow();

        Assert.False(await VerifyAsync(database, clock, personId, Forms.CodeAt(key, now - (2 * Step))));
        Assert.False(await VerifyAsync(database, clock, personId, Forms.CodeAt(key, now + (2 * Step))));
        Assert.True(await VerifyAsync(database, clock, personId, Forms.CodeAt(key, now - Step)));
        Assert.True(await VerifyAsync(database, clock, personId, Forms.CodeAt(key, now + Step)));

        // Later, the code of that later step is still refused: it has been used.
        clock.Advance(Step);
        Assert.False(await VerifyAsync(database, clock, personId, Forms.CodeAt(key, clock.GetUtcNow())));
        clock.Advance(Step);
        Assert.True(await VerifyAsync(database, clock, personId, Forms.CodeAt(key, clock.GetUtcNow())));
    }

    [Theory, BothDatabases]
    public async Task TwoSignInsRacingWithOneCode_OnlyOneWins(DatabaseProvider provider)
    {
        var (database, clock, personId, key) = await PersonWithAuthenticatorAsync(provider);
        var code = Forms.CodeAt(key, clock.GetUtcNow());

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => VerifyAsync(database, clock, personId, code)));

        Assert.Single(results, r => r);
    }

    [Theory, BothDatabases]
    public async Task RecoveryCodes_StillWorkOnce(DatabaseProvider provider)
    {
        var (database, clock, personId, _) = await PersonWithAuthenticatorAsync(provider);
        await using var services = PeopleServices.Create(database, KeyCertificates.ForThisRun, clock);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
        var person = (await users.FindByIdAsync(personId.ToString(System.Globalization.CultureInfo.InvariantCulture)))!;
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(person, 10))!.ToList();

        Assert.True((await users.RedeemTwoFactorRecoveryCodeAsync(person, codes[4])).Succeeded);
        Assert.False((await users.RedeemTwoFactorRecoveryCodeAsync(person, codes[4])).Succeeded);
        Assert.False((await users.RedeemTwoFactorRecoveryCodeAsync(person, "AAAAA-AAAAA")).Succeeded);
        Assert.True((await users.RedeemTwoFactorRecoveryCodeAsync(person, codes[9])).Succeeded);
        Assert.Equal(8, await users.CountRecoveryCodesAsync(person));
    }

    [Fact]
    public async Task OneCode_CannotOpenTwoSessions_OnTheSite()
    {
        await using var host = new FakeClockHost();
        await host.InitializeAsync();
        var admin = host.Account(Role.Administrator);
        var code = Forms.CodeAt(admin.AuthenticatorKey!, host.Clock.GetUtcNow());
        using var first = host.NewClient();
        using var second = host.NewClient();

        var (_, firstCodePath, _) = await SignInWithPasswordAsync(first, admin.Email, admin.Password);
        var (firstHome, _, _) = await PostAsync(first, firstCodePath, ("Code", code));
        var (_, secondCodePath, _) = await SignInWithPasswordAsync(second, admin.Email, admin.Password);
        var (replayed, replayedPath, _) = await PostAsync(second, secondCodePath, ("Code", code));

        Assert.Equal(admin.FullName, SignedInName(firstHome));
        Assert.StartsWith("/account/two-factor", replayedPath, StringComparison.Ordinal);
        Assert.Null(SignedInName(replayed));
        Assert.Contains("The code is not right", FieldErrors(replayed), StringComparison.Ordinal);
    }

    private static async Task<bool> VerifyAsync(Database database, TimeProvider clock, int personId, string code)
    {
        await using var services = PeopleServices.Create(database, KeyCertificates.ForThisRun, clock);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
        var person = await users.FindByIdAsync(personId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return await users.VerifyTwoFactorTokenAsync(person!, TokenOptions.DefaultAuthenticatorProvider, code);
    }

    private static async Task<(Database Database, FakeTimeProvider Clock, int PersonId, string Key)> PersonWithAuthenticatorAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 12, 0, 10, TimeSpan.Zero));
        var person = await TestPeople.AddAsync(database, $"codes.{Guid.NewGuid():N}@authenticator.test");
        await using var services = PeopleServices.Create(database, KeyCertificates.ForThisRun, clock);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
        var stored = (await users.FindByIdAsync(person.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))!;
        Assert.True((await users.ResetAuthenticatorKeyAsync(stored)).Succeeded);
        Assert.True((await users.SetTwoFactorEnabledAsync(stored, true)).Succeeded);
        var key = (await users.GetAuthenticatorKeyAsync(stored))!;
        await using var db = database.Open();
        Assert.Null(await db.People.Where(p => p.Id == person.Id).Select(p => p.AuthenticatorLastStep).SingleAsync());
        return (database, clock, person.Id, key);
    }

    /// <summary>The site on a fake clock, so that a test knows which 30-second step it is in.</summary>
    private sealed class FakeClockHost : WebTestHost, IAsyncDisposable
    {
        public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

        protected override Role? SignedInAs => null;

        protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

        ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());
    }
}
