using System.Reflection;
using GoldenThread.Storage;
using Xunit.Sdk;

namespace GoldenThread.Tests.Infrastructure;

/// <summary>A fresh, migrated database of either provider: a temporary SQLite file or a new PostgreSQL database.</summary>
public static class TestDatabase
{
    public static async Task<Database> CreateAsync(DatabaseProvider provider, bool migrate = true)
    {
        Database database;
        if (provider == DatabaseProvider.Postgres)
        {
            var server = await PostgresServer.InstanceAsync();
            database = Database.Parse(await server.CreateDatabaseAsync());
        }
        else
        {
            var file = Path.Combine(Directory.CreateTempSubdirectory("gtdb-").FullName, "test.db");
            database = Database.Parse(file);
        }

        if (migrate)
        {
            await using var db = database.Open();
            await Schema.ApplyAsync(db, CancellationToken.None);
        }

        return database;
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
