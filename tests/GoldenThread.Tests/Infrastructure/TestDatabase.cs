using System.Reflection;
using GoldenThread.Storage;
using Xunit.Sdk;

namespace GoldenThread.Tests.Infrastructure;

/// <summary>
/// A fresh database of either provider: a temporary SQLite file or a new PostgreSQL database. A migrated one is a copy
/// of a template migrated once per test run (a file copy on SQLite, <c>CREATE DATABASE ... TEMPLATE</c> on
/// PostgreSQL), which is several times cheaper than running every migration for every test.
/// </summary>
public static class TestDatabase
{
    private static readonly Lazy<Task<string>> SqliteTemplate = new(CreateSqliteTemplateAsync);
    private static readonly Lazy<Task<string>> PostgresTemplate = new(CreatePostgresTemplateAsync);

    public static async Task<Database> CreateAsync(DatabaseProvider provider, bool migrate = true)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            var server = await PostgresServer.InstanceAsync();
            var template = migrate ? await PostgresTemplate.Value : null;
            return Database.Parse(await server.CreateDatabaseAsync(template));
        }

        var file = Path.Combine(TestFolders.Create("sqlite-"), "test.db");
        if (migrate)
        {
            File.Copy(await SqliteTemplate.Value, file);
        }

        return Database.Parse(file);
    }

    private static async Task<string> CreateSqliteTemplateAsync()
    {
        var file = Path.Combine(TestFolders.Create("sqlite-template-"), "template.db");
        var database = Database.Parse(file);
        await using (var db = database.Open())
        {
            await Schema.ApplyAsync(db, CancellationToken.None);
        }

        // Closes the pooled connection, so the file is complete (no write-ahead log beside it) before it is copied.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return file;
    }

    private static async Task<string> CreatePostgresTemplateAsync()
    {
        var server = await PostgresServer.InstanceAsync();
        var connectionString = await server.CreateDatabaseAsync();
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using (var db = Database.Parse(builder.ConnectionString).Open())
        {
            await Schema.ApplyAsync(db, CancellationToken.None);
        }

        // A template cannot be copied while anyone is connected to it; without pooling, no one is.
        return builder.Database!;
    }
}

/// <summary>Runs a theory once on SQLite and once on PostgreSQL: the same integration suite for both.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BothDatabasesAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
    [
        [DatabaseProvider.Sqlite],
        [DatabaseProvider.Postgres],
    ];
}
