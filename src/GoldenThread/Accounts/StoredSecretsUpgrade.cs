using GoldenThread.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Accounts;

/// <summary>
/// A one-off conversion when the site starts: authenticator keys and recovery codes that an earlier version stored
/// in clear are encrypted and hashed. Rows already converted are not touched, so later starts do nothing.
/// </summary>
public sealed class StoredSecretsUpgrade(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await ConvertAsync(scope.ServiceProvider, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Converts every clear value; returns how many rows changed.</summary>
    public static async Task<int> ConvertAsync(IServiceProvider scoped, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scoped);
        var db = scoped.GetRequiredService<GoldenThreadDb>();
        var store = (ProtectedPersonStore)scoped.GetRequiredService<IUserStore<People.Person>>();
        var rows = await db.Set<IdentityUserToken<int>>()
            .Where(t => t.LoginProvider == ProtectedPersonStore.InternalProvider
                && ((t.Name == ProtectedPersonStore.AuthenticatorKeyName && !t.Value!.StartsWith(ProtectedPersonStore.ProtectedPrefix))
                    || (t.Name == ProtectedPersonStore.RecoveryCodesName && t.Value != "" && !t.Value!.StartsWith(RecoveryCodeHashes.Scheme + "$"))))
            .ToListAsync(cancellationToken);
        foreach (var row in rows.Where(r => r.Value is not null))
        {
            row.Value = row.Name == ProtectedPersonStore.AuthenticatorKeyName
                ? store.Protect(row.Value!)
                : string.Join(";", row.Value!.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(e => RecoveryCodeHashes.IsHash(e) ? e : RecoveryCodeHashes.Hash(e)));
        }

        await db.SaveChangesAsync(cancellationToken);
        return rows.Count;
    }
}
