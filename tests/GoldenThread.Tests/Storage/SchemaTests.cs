using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Tests.Storage;

public sealed class SchemaTests
{
    [Theory, BothDatabases]
    public async Task Apply_OnEmptyDatabase_CreatesEveryTableAndLeavesNothingPending(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider, migrate: false);
        await using var db = database.Open();

        var applied = await Schema.ApplyAsync(db, CancellationToken.None);

        Assert.True(applied > 0);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await db.Values.CountAsync());
        Assert.Equal(0, await Schema.ApplyAsync(db, CancellationToken.None));
    }

    [Theory, BothDatabases]
    public async Task Migrations_MatchTheModel_NoChangeIsMissingAMigration(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider, migrate: false);
        await using var db = database.Open();

        Assert.False(db.Database.HasPendingModelChanges(), $"The {provider} model has changes with no migration: run scripts/add-migration.");
    }

    [Fact]
    public async Task EnsureCurrent_OnUnmigratedPostgres_RefusesAndSaysToRunMigrate()
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, migrate: false);
        await using var db = database.Open();

        var error = await Assert.ThrowsAsync<UserFacingException>(() => Schema.EnsureCurrentAsync(db, database, TextWriter.Null, CancellationToken.None));

        Assert.Contains("migrate", error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(await db.Database.GetPendingMigrationsAsync());
    }

    [Theory, BothDatabases]
    public async Task IsCurrent_OneKnownMigrationNotRecorded_IsNotCurrentAndEnsureCurrentActs(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        Assert.True(await Schema.IsCurrentAsync(db, CancellationToken.None));

        // An older migration missing (a branch's migration that sorts before one already applied), not the last.
        var first = db.Database.GetMigrations().First();
        await db.Database.ExecuteSqlAsync($"DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {first}");

        Assert.False(await Schema.IsCurrentAsync(db, CancellationToken.None));
        if (provider == DatabaseProvider.Postgres)
        {
            await Assert.ThrowsAsync<UserFacingException>(() => Schema.EnsureCurrentAsync(db, database, TextWriter.Null, CancellationToken.None));
        }
    }

    [Fact]
    public async Task EnsureCurrent_OnNewSqliteFile_MigratesAndSaysSo()
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false);
        await using var db = database.Open();
        var log = new StringWriter();

        await Schema.EnsureCurrentAsync(db, database, log, CancellationToken.None);

        Assert.Contains("Preparing the database", log.ToString(), StringComparison.Ordinal);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }
}
