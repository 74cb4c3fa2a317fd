using Microsoft.Data.Sqlite;
using Npgsql;

namespace GoldenThread.Web;

/// <summary>
/// A write that found the database held by another writer (a long import, say) for longer than the site waits: SQLite's
/// busy or locked errors and PostgreSQL's lock timeout. The web site waits <see cref="WebTimeout"/> rather than SQLite's
/// 30 seconds, then answers 503 with <c>Retry-After</c> (a problem on the API, the friendly error page on pages).
/// </summary>
public static class DatabaseBusy
{
    /// <summary>How long a web request waits for another writer before giving up.</summary>
    public static readonly TimeSpan WebTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The <c>Retry-After</c> sent with a busy answer.</summary>
    public const int RetryAfterSeconds = 30;

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>PostgreSQL's <c>lock_not_available</c>: <c>lock_timeout</c> ran out.</summary>
    private const string PostgresLockNotAvailable = "55P03";

    /// <summary>Whether the exception, or one it wraps, says the database was busy with another writer.</summary>
    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException sqlite when sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked:
                    return true;
                case PostgresException postgres when postgres.SqlState == PostgresLockNotAvailable:
                    return true;
            }
        }

        return false;
    }

    /// <summary>The database as the web site opens it: another writer's lock is waited for at most <see cref="WebTimeout"/>.</summary>
    public static Storage.Database ForWeb(Storage.Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.Provider == Storage.DatabaseProvider.Sqlite)
        {
            // SQLite retries a busy database for the command's timeout, which defaults to the connection's (30 s).
            var sqlite = new SqliteConnectionStringBuilder(database.ConnectionString) { DefaultTimeout = (int)WebTimeout.TotalSeconds };
            return database with { ConnectionString = sqlite.ConnectionString };
        }

        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var setting = $"-c lock_timeout={(int)WebTimeout.TotalMilliseconds}";
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? setting : builder.Options + " " + setting;
        return database with { ConnectionString = builder.ConnectionString };
    }
}
