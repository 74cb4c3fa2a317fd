using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace GoldenThread.Storage;

/// <summary>
/// Brings the schema up to date. The embedded SQLite default migrates itself on first use and says so;
/// PostgreSQL is only ever migrated by the <c>migrate</c> command, never silently.
/// </summary>
/// <remarks>
/// On SQLite every pending migration is applied in one transaction, all or nothing: a process killed part-way
/// leaves the schema as it was. The transaction's write lock is also what keeps two migrating processes apart,
/// so it dies with its holder: EF Core's own lock (a row in <c>__EFMigrationsLock</c>, which a killed process
/// leaves behind and every later command then waits on forever) is not taken, and a row left by an earlier
/// crash is cleared. On PostgreSQL EF Core's lock is held by its session and dies with it
/// (docs/decisions/0014-migration-lock.md).
/// </remarks>
public static class Schema
{
    /// <summary>EF Core's SQLite migration lock table (<c>SqliteHistoryRepository</c>'s name for it).</summary>
    internal const string SqliteLockTable = "__EFMigrationsLock";

    public static Task<int> ApplyAsync(GoldenThreadDb db, CancellationToken cancellationToken) =>
        ApplyAsync(db, TextWriter.Null, cancellationToken);

    /// <summary>Applies every pending migration in one transaction; returns how many there were.</summary>
    public static async Task<int> ApplyAsync(GoldenThreadDb db, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(log);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        if (pending > 0)
        {
            await MigrateAllOrNothingAsync(db, log, cancellationToken);
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
        await MigrateAllOrNothingAsync(db, log, cancellationToken);
    }

    private static async Task MigrateAllOrNothingAsync(GoldenThreadDb db, TextWriter log, CancellationToken cancellationToken)
    {
        if (db.Provider == DatabaseProvider.Postgres)
        {
            // Npgsql's migrator cannot run inside a caller's transaction; its own lock is a table lock held by
            // its session, which PostgreSQL releases when the process dies, and each migration is its own transaction.
            await db.Database.MigrateAsync(cancellationToken);
            return;
        }

        try
        {
            // Before the migration's transaction: the journal mode cannot change inside one.
            await UseWriteAheadLogAsync(db, cancellationToken);

            // BEGIN IMMEDIATE: a second migrating process waits here (up to the command timeout) for the first.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await ClearStaleSqliteLockAsync(db, cancellationToken))
            {
                await log.WriteLineAsync("Cleared a migration lock left by a process that stopped while migrating.");
            }

            // Applied inside the transaction: every migration or none, and EF Core takes no lock of its own.
            await db.Database.MigrateAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6)
        {
            throw new UserFacingException(
                "The database is busy: another process is writing to it or migrating it. Try again when it has finished. (" + e.Message + ")");
        }
    }

    /// <summary>
    /// Puts a SQLite database file in write-ahead-log mode, if it is not already: readers then never wait for the writer
    /// and the writer never waits for readers, which a site with many people entering figures at once needs
    /// (docs/decisions/0026-sqlite-write-ahead-log.md). The mode is kept in the file, so this is done once, when the
    /// schema is first made and when the site starts on a file made before. Nothing on PostgreSQL.
    /// </summary>
    /// <returns>The journal mode the file is in afterwards (<c>wal</c>; SQLite keeps an in-memory database's own).</returns>
    public static async Task<string?> UseWriteAheadLogAsync(GoldenThreadDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Provider != DatabaseProvider.Sqlite)
        {
            return null;
        }

        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode";
            var mode = Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            if (string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                return mode;
            }

            command.CommandText = "PRAGMA journal_mode = WAL";
            return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    /// <summary>
    /// Removes EF Core's lock row, if there is one. Inside the migration's write transaction no other process of
    /// this program can be migrating (none takes that row any more), so a row found here was left by a process
    /// that died holding it.
    /// </summary>
    private static async Task<bool> ClearStaleSqliteLockAsync(GoldenThreadDb db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await using var exists = connection.CreateCommand();
        exists.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        exists.CommandText = $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{SqliteLockTable}'";
        if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            return false;
        }

        await using var delete = connection.CreateCommand();
        delete.Transaction = exists.Transaction;
        delete.CommandText = $"DELETE FROM \"{SqliteLockTable}\"";
        return await delete.ExecuteNonQueryAsync(cancellationToken) > 0;
    }
}
