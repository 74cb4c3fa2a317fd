using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Storage;

/// <summary>
/// Brings the schema up to date. The embedded SQLite default migrates itself on first use and says so;
/// PostgreSQL is only ever migrated by the <c>migrate</c> command, never silently.
/// </summary>
public static class Schema
{
    public static async Task<int> ApplyAsync(GoldenThreadDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        if (pending > 0)
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        return pending;
    }

    /// <summary>
    /// Makes sure the schema is current before a command uses it: migrates SQLite (telling <paramref name="log"/>),
    /// and refuses PostgreSQL with a message that says to run <c>migrate</c>.
    /// </summary>
    public static async Task EnsureCurrentAsync(GoldenThreadDb db, Database database, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(log);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        if (database.Provider == DatabaseProvider.Postgres)
        {
            throw new UserFacingException(
                $"The {database.Describe()} is not up to date ({pending.Count} migration(s) pending). Run 'goldenthread --database \"...\" migrate' first.");
        }

        await log.WriteLineAsync($"Preparing the database {database.Describe()} ({pending.Count} migration(s) to apply).");
        await db.Database.MigrateAsync(cancellationToken);
    }
}

