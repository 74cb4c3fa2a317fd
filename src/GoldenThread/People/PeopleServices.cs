using GoldenThread.Accounts;
using GoldenThread.Administration;
using GoldenThread.Storage;
using Microsoft.AspNetCore.DataProtection;

namespace GoldenThread.People;

/// <summary>
/// Identity's account services outside the web site, for the command line's <c>users</c> commands and the
/// demonstration: the same password rules, hashing and keys as the site.
/// </summary>
public static class PeopleServices
{
    public static ServiceProvider Create(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(database);
        services.AddScoped(_ => database.Open(tracking: true));
        services.AddDataProtection().SetApplicationName("GoldenThread").PersistKeysToDbContext<GoldenThreadDb>();
        services.AddGoldenThreadIdentity();
        services.AddScoped<Audit.AuditLog>();
        services.AddScoped<Tokens.TokenIssuer>();
        services.AddGoldenThreadAdministration();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}
