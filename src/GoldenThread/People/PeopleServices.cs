using System.Security.Cryptography.X509Certificates;
using GoldenThread.Accounts;
using GoldenThread.Administration;
using GoldenThread.Storage;

namespace GoldenThread.People;

/// <summary>
/// Identity's account services outside the web site, for the command line's <c>users</c> commands and the
/// demonstration: the same password rules, hashing and keys as the site.
/// </summary>
public static class PeopleServices
{
    /// <param name="keyCertificate">The certificate of the site's key ring, for work that needs the keys (the demonstration's people); without it, such work is refused.</param>
    /// <param name="clock">The time, when not the system's (tests).</param>
    public static ServiceProvider Create(Database database, X509Certificate2? keyCertificate = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(database);
        services.AddScoped(_ => database.Open(tracking: true));
        services.AddGoldenThreadKeyRing(keyCertificate);
        services.AddGoldenThreadIdentity();
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        services.AddScoped<Audit.AuditLog>();
        services.AddScoped<History.FigureLedger>();
        services.AddScoped<Tokens.TokenIssuer>();
        services.AddGoldenThreadAdministration();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}
