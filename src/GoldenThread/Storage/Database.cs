using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GoldenThread.Storage;

/// <summary>The two databases the program runs on.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Where the data lives, read from <c>--database</c> or <c>GOLDENTHREAD_DATABASE</c>: a file path or
/// <c>Data Source=...</c> means SQLite, <c>Host=...</c> means PostgreSQL.
/// </summary>
public sealed record Database(DatabaseProvider Provider, string ConnectionString)
{
    public const string EnvironmentVariable = "GOLDENTHREAD_DATABASE";
    public const string DefaultFile = "goldenthread.db";

    public static Database Parse(string? value)
    {
        var text = string.IsNullOrWhiteSpace(value) ? DefaultFile : value.Trim();
        if (LooksLikePostgres(text))
        {
            var builder = new NpgsqlConnectionStringBuilder(text);
            return new Database(DatabaseProvider.Postgres, builder.ConnectionString);
        }

        var sqlite = text.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder(text)
            : new SqliteConnectionStringBuilder { DataSource = text };
        sqlite.ForeignKeys = true;
        return new Database(DatabaseProvider.Sqlite, sqlite.ConnectionString);
    }

    /// <summary>A description for people and logs, with no password in it.</summary>
    public string Describe()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            return new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        }

        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL database '{builder.Database}' on {builder.Host}:{builder.Port}";
    }

    /// <summary>A context that does not track what it reads (the command line and reports), or one that does (the web site's accounts).</summary>
    public GoldenThreadDb Open(bool tracking = false)
    {
        var behaviour = tracking ? QueryTrackingBehavior.TrackAll : QueryTrackingBehavior.NoTracking;
        if (Provider == DatabaseProvider.Sqlite)
        {
            var options = new DbContextOptionsBuilder<SqliteGoldenThreadDb>()
                .UseSqlite(ConnectionString)
                .UseQueryTrackingBehavior(behaviour)
                .Options;
            return new SqliteGoldenThreadDb(options);
        }

        var pgOptions = new DbContextOptionsBuilder<PostgresGoldenThreadDb>()
            .UseNpgsql(ConnectionString)
            .UseQueryTrackingBehavior(behaviour)
            .Options;
        return new PostgresGoldenThreadDb(pgOptions);
    }

    private static bool LooksLikePostgres(string text)
    {
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var key = part.Split('=', 2)[0].Trim();
            if (key.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                return part.Contains('=', StringComparison.Ordinal);
            }
        }

        return false;
    }
}
