using System.Security.Cryptography.X509Certificates;
using AngleSharp.Html.Parser;
using GoldenThread.Accounts;
using GoldenThread.People;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static GoldenThread.Tests.Accounts.AccountJourneys;

namespace GoldenThread.Tests.Accounts;

/// <summary>
/// A copy of the database is not a session: the key ring is encrypted with a certificate kept elsewhere,
/// authenticator keys are encrypted with it, and recovery codes are kept only as hashes.
/// </summary>
public sealed class KeysAtRestTests
{
    [Theory, BothDatabases]
    public async Task TwoSitesSharingTheDatabaseAndCertificate_ShareSessions_AndTheStoredKeysAreEncrypted(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var email = $"shared.{Guid.NewGuid():N}@keys.test";
        await TestPeople.AddAsync(database, email);
        using var certificate = NewCertificate("a password");
        using var other = NewCertificate(null);
        await using var first = await StartAsync(database, certificate);
        await using var second = await StartAsync(database, certificate);
        var cookies = new System.Net.CookieContainer();

        using (var signingIn = Client(first, cookies))
        {
            var (home, _, _) = await SignInWithPasswordAsync(signingIn, email, TestPeople.Password);
            Assert.Equal("Test Person", SignedInName(home));
        }

        using (var elsewhere = Client(second, cookies))
        {
            Assert.Equal("Test Person", SignedInName(await HomeAsync(elsewhere)));
        }

        await using (var db = database.Open())
        {
            var rows = await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync();
            Assert.NotEmpty(rows);
            Assert.All(rows, xml =>
            {
                Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
                Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
                Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            });
        }

        // A site with another certificate (as one built from a copy of the database would be) cannot read the cookie.
        await using var stranger = await StartAsync(database, other);
        using var forged = Client(stranger, cookies);
        Assert.Null(SignedInName(await HomeAsync(forged)));
    }

    [Theory, BothDatabases]
    public async Task AuthenticatorKeysAndRecoveryCodes_AreNotStoredInClear(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var person = await TestPeople.AddAsync(database, $"secrets.{Guid.NewGuid():N}@keys.test");
        using var certificate = NewCertificate(null);
        using var other = NewCertificate(null);
        string key;
        List<string> codes;
        await using (var services = PeopleServices.Create(database, certificate))
        await using (var scope = services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
            var stored = await FindAsync(users, person.Id);
            await users.ResetAuthenticatorKeyAsync(stored);
            key = (await users.GetAuthenticatorKeyAsync(stored))!;
            codes = [.. (await users.GenerateNewTwoFactorRecoveryCodesAsync(stored, 10))!];
        }

        var (storedKey, storedCodes) = await RawSecretsAsync(database, person.Id);

        Assert.Equal(32, key.Length);
        Assert.DoesNotContain(key, storedKey, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith(ProtectedPersonStore.ProtectedPrefix, storedKey, StringComparison.Ordinal);
        Assert.Equal(10, storedCodes.Split(';').Length);
        Assert.All(codes, c => Assert.DoesNotContain(c, storedCodes, StringComparison.OrdinalIgnoreCase));
        Assert.All(storedCodes.Split(';'), h => Assert.StartsWith("pbkdf2-sha256$", h, StringComparison.Ordinal));

        // Another copy of the site with the same certificate reads the key; with another certificate it cannot.
        Assert.Equal(key, await KeyAsync(database, certificate, person.Id));
        Assert.Null(await KeyAsync(database, other, person.Id));
    }

    [Theory, BothDatabases]
    public async Task SecretsStoredInClearByAnEarlierVersion_AreConvertedAtStart_AndStillWork(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var person = await TestPeople.AddAsync(database, $"upgrade.{Guid.NewGuid():N}@keys.test");
        const string ClearKey = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
        await using (var db = database.Open(tracking: true))
        {
            db.Set<IdentityUserToken<int>>().AddRange(
                new IdentityUserToken<int> { UserId = person.Id, LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey", Value = ClearKey },
                new IdentityUserToken<int> { UserId = person.Id, LoginProvider = "[AspNetUserStore]", Name = "RecoveryCodes", Value = "AAAAA-BBBBB;CCCCC-DDDDD" });
            await db.SaveChangesAsync();
        }

        // An earlier version's key ring, stored in clear, with a payload protected by it (as a forged cookie would be).
        string forged;
        var earlier = new ServiceCollection();
        earlier.AddLogging();
        earlier.AddScoped(_ => database.Open(tracking: true));
        earlier.AddDataProtection().SetApplicationName(KeyRing.ApplicationName).PersistKeysToDbContext<GoldenThreadDb>();
        await using (var earlierServices = earlier.BuildServiceProvider())
        {
            forged = earlierServices.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("administrator");
        }

        using var certificate = NewCertificate(null);
        await using var services = PeopleServices.Create(database, certificate);
        int converted;
        await using (var scope = services.CreateAsyncScope())
        {
            converted = await StoredSecretsUpgrade.ConvertAsync(scope.ServiceProvider, CancellationToken.None);
        }

        var (storedKey, storedCodes) = await RawSecretsAsync(database, person.Id);
        Assert.Equal(2, converted);
        Assert.DoesNotContain(ClearKey, storedKey, StringComparison.Ordinal);
        Assert.DoesNotContain("AAAAA-BBBBB", storedCodes, StringComparison.Ordinal);
        Assert.Equal(ClearKey, await KeyAsync(database, certificate, person.Id));
        await using (var scope = services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
            var stored = await FindAsync(users, person.Id);
            Assert.True((await users.RedeemTwoFactorRecoveryCodeAsync(stored, "CCCCC-DDDDD")).Succeeded);
            Assert.Equal(1, await users.CountRecoveryCodesAsync(stored));
            Assert.Equal(0, await StoredSecretsUpgrade.ConvertAsync(scope.ServiceProvider, CancellationToken.None));

            // The clear key is never used again, and is gone from the database.
            var protector = scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
            Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => protector.Unprotect(forged));
        }

        await using var check = database.Open();
        Assert.All(await check.DataProtectionKeys.Select(k => k.Xml!).ToListAsync(), xml => Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal));
    }

    [Fact]
    public void TheSite_WithoutACertificate_DoesNotStart_AndSaysWhatToSet()
    {
        var database = Database.Parse(Path.Combine(Path.GetTempPath(), $"no-keys-{Guid.NewGuid():N}.db"));

        var refused = Assert.Throws<UserFacingException>(() => WebApp.Build(new WebAppOptions(database, ["http://127.0.0.1:0"])));

        Assert.Contains("GoldenThread__Keys__Certificate", refused.Message, StringComparison.Ordinal);
        Assert.Contains("goldenthread keys create", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Certificates_MissingOrUnreadable_AreClearErrors()
    {
        var folder = Directory.CreateTempSubdirectory("gtkeys-").FullName;
        var path = Path.Combine(folder, "keys.pfx");
        File.WriteAllBytes(path, KeyCertificates.CreatePfx("right password"));
        var notPfx = Path.Combine(folder, "notes.txt");
        File.WriteAllText(notPfx, "not a certificate");

        var missing = Assert.Throws<UserFacingException>(() => KeyCertificates.FromConfiguration(Settings(Path.Combine(folder, "none.pfx"), null)));
        var wrongPassword = Assert.Throws<UserFacingException>(() => KeyCertificates.FromConfiguration(Settings(path, "wrong password")));
        var noPassword = Assert.Throws<UserFacingException>(() => KeyCertificates.FromConfiguration(Settings(path, null)));
        var garbage = Assert.Throws<UserFacingException>(() => KeyCertificates.FromConfiguration(Settings(notPfx, null)));
        using var loaded = KeyCertificates.FromConfiguration(Settings(path, "right password"));

        Assert.Contains("there is no such file", missing.Message, StringComparison.Ordinal);
        Assert.Contains("with the password in GoldenThread__Keys__CertificatePassword", wrongPassword.Message, StringComparison.Ordinal);
        Assert.Contains("set GoldenThread__Keys__CertificatePassword if it has one", noPassword.Message, StringComparison.Ordinal);
        Assert.Contains("could not be read as a PFX file", garbage.Message, StringComparison.Ordinal);
        Assert.True(loaded.HasPrivateKey);
    }

    [Fact]
    public async Task KeysCreate_WritesACertificateTheSiteCanUse_AndNeverOverwritesOne()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("gtkeys-").FullName, "keys.pfx");
        var environment = new Dictionary<string, string?> { [KeyCertificates.PasswordVariable] = "a long password" };

        var made = await CliRunner.RunAsync(environment, "keys", "create", "--file", path);
        var again = await CliRunner.RunAsync(environment, "keys", "create", "--file", path);
        using var loaded = KeyCertificates.Load(path, "a long password");

        Assert.Equal(0, made.ExitCode);
        Assert.Contains("GoldenThread__Keys__Certificate=" + path, made.Error, StringComparison.Ordinal);
        Assert.True(loaded.HasPrivateKey);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists", again.Error, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    private static IConfiguration Settings(string path, string? password) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { [KeyCertificates.PathSetting] = path, [KeyCertificates.PasswordSetting] = password })
        .Build();

    private static X509Certificate2 NewCertificate(string? password)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("gtkeys-").FullName, "keys.pfx");
        File.WriteAllBytes(path, KeyCertificates.CreatePfx(password));
        return KeyCertificates.Load(path, password);
    }

    private static async Task<WebApplication> StartAsync(Database database, X509Certificate2 certificate)
    {
        var app = WebApp.Build(new WebAppOptions(database, ["http://127.0.0.1:0"]) { KeyCertificate = certificate, RequireHttps = false });
        await app.StartAsync();
        return app;
    }

    private static HttpClient Client(WebApplication app, System.Net.CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = new Uri(app.Urls.First()) };

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> HomeAsync(HttpClient client) =>
        await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync(new Uri("/", UriKind.Relative)));

    private static async Task<Person> FindAsync(UserManager<Person> users, int id) =>
        (await users.FindByIdAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture)))!;

    private static async Task<string?> KeyAsync(Database database, X509Certificate2 certificate, int personId)
    {
        await using var services = PeopleServices.Create(database, certificate);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
        return await users.GetAuthenticatorKeyAsync(await FindAsync(users, personId));
    }

    private static async Task<(string Key, string Codes)> RawSecretsAsync(Database database, int personId)
    {
        await using var db = database.Open();
        var rows = await db.Set<IdentityUserToken<int>>().AsNoTracking().Where(t => t.UserId == personId && t.LoginProvider == "[AspNetUserStore]").ToListAsync();
        return (rows.Single(r => r.Name == "AuthenticatorKey").Value!, rows.Single(r => r.Name == "RecoveryCodes").Value!);
    }
}
