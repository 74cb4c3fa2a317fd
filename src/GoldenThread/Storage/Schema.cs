using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
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
/// crash is cleared. On PostgreSQL too every pending migration is applied in one transaction, which holds EF Core's
/// lock (the history table) and releases it when it ends or its session dies (docs/decisions/0014-migration-lock.md).
/// </remarks>
public static class Schema
{
    /// <summary>EF Core's SQLite migration lock table (<c>SqliteHistoryRepository</c>'s name for it).</summary>
    internal const string SqliteLockTable = "__EFMigrationsLock";

    /// <summary>EF Core's history of applied migrations (its default name, which this program keeps), and its key.</summary>
    internal const string HistoryTable = "__EFMigrationsHistory";

    private const string MigrationIdColumn = "MigrationId";

    /// <summary>EF Core's own migration lock on PostgreSQL (Npgsql's history repository takes the same).</summary>
    private const string LockHistory = "LOCK TABLE \"" + HistoryTable + "\" IN ACCESS EXCLUSIVE MODE";

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
        if (await IsCurrentAsync(db, cancellationToken))
        {
            return;
        }

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

    /// <summary>
    /// Whether every migration this program knows has been applied, in one small query (the history table's ids) rather
    /// than EF Core's migrations machinery, whose first use costs a command more than its whole query on the national data
    /// (docs/performance.md). False when there is no history table yet; the machinery then decides what to do.
    /// </summary>
    internal static async Task<bool> IsCurrentAsync(GoldenThreadDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            var applied = new HashSet<string>(StringComparer.Ordinal);
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = $"SELECT \"{MigrationIdColumn}\" FROM \"{HistoryTable}\"";
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied.Add(reader.GetString(0));
                }
            }

            // The same test as EF Core's pending migrations: none that this program knows is missing (a database
            // migrated by a newer program, with more, is current for this one, as it always was).
            return db.Database.GetMigrations().All(applied.Contains);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 1 && e.Message.Contains("no such table", StringComparison.Ordinal))
        {
            return false;
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.UndefinedTable)
        {
            return false;
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    private static async Task MigrateAllOrNothingAsync(GoldenThreadDb db, TextWriter log, CancellationToken cancellationToken)
    {
        if (db.Provider == DatabaseProvider.Postgres)
        {
            await MigratePostgresAllOrNothingAsync(db, cancellationToken);
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
    /// Every pending migration in one PostgreSQL transaction, so that a failure anywhere leaves the schema, the data and
    /// the history as they were (EF Core on its own commits each migration as it goes).
    /// </summary>
    /// <remarks>
    /// The history table is made first, in a transaction of its own: Npgsql's migrator reads it before anything else and
    /// treats "no such table" as "nothing applied", but inside a transaction that failed read aborts the transaction
    /// (which is why running the migrator in a transaction failed before). The caller's transaction then takes EF Core's
    /// own lock (the history table, exclusively), which PostgreSQL releases when the transaction ends or its session dies:
    /// a second migrating process waits, then finds the migrations applied.
    /// </remarks>
    private static async Task MigratePostgresAllOrNothingAsync(GoldenThreadDb db, CancellationToken cancellationToken)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            await creator.CreateAsync(cancellationToken);
        }

        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(LockHistory, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
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
