using System.Reflection;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Internal;

namespace GoldenThread.Tests.Storage;

/// <summary>
/// A <c>migrate</c> that fails part-way leaves the database as it was, on both databases: the schema, the data and the
/// history of applied migrations (docs/decisions/0014-migration-lock.md).
/// </summary>
public sealed class MigrationTransactionTests
{
    private const string Changed = "99990101000000_ChangesDataAndAddsATable";
    private const string Fails = "99990101000001_FailsHalfWay";

    [Theory, BothDatabases]
    public async Task Migrate_ASecondMigrationFailsHalfWay_NeitherItNorTheFirstIsLeftApplied(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.Open())
        {
            await db.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.Sqlite
                ? "INSERT INTO tolerance_settings (id, amber_percent, strong_green_percent, changed_at) VALUES (1, 5, 10, 0)"
                : "INSERT INTO tolerance_settings (id, amber_percent, strong_green_percent, changed_at) VALUES (1, 5, 10, now())");
        }

        var appliedBefore = await AppliedAsync(database);

        await using (var failing = OpenWithFailingMigrations(database))
        {
            await AssertFailsOnTheMissingTableAsync(failing);
        }

        Assert.Equal(appliedBefore, await AppliedAsync(database));
        await using (var db = database.Open())
        {
            Assert.Equal(5m, (await db.ToleranceSettings.SingleAsync()).AmberPercent);
            Assert.False(await TableExistsAsync(db, "added_by_a_failed_migrate"));
            Assert.False(await TableExistsAsync(db, "half_done"));
            Assert.True(await Schema.IsCurrentAsync(db, CancellationToken.None));
        }
    }

    [Fact]
    public async Task Migrate_OnAnEmptyPostgresDatabaseTheLastMigrationFails_NoTableIsLeftAndNothingIsRecorded()
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, migrate: false);

        await using (var failing = OpenWithFailingMigrations(database))
        {
            await AssertFailsOnTheMissingTableAsync(failing);
        }

        var applied = await AppliedAsync(database);
        Assert.True(applied.Count == 0, "Applied: " + string.Join(", ", applied));
        await using var db = database.Open();
        Assert.False(await TableExistsAsync(db, "areas"));
        Assert.NotEmpty(await db.Database.GetPendingMigrationsAsync());
    }

    /// <summary>The migrate fails where the second migration reads a table that does not exist, not anywhere earlier.</summary>
    private static async Task AssertFailsOnTheMissingTableAsync(GoldenThreadDb failing)
    {
        var error = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => Schema.ApplyAsync(failing, CancellationToken.None));
        Assert.Contains("no_such_table", error.Message, StringComparison.Ordinal);
    }

    private static GoldenThreadDb OpenWithFailingMigrations(Database database)
    {
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            return new SqliteGoldenThreadDb(new DbContextOptionsBuilder<SqliteGoldenThreadDb>()
                .UseSqlite(database.ConnectionString)
                .ReplaceService<IMigrationsAssembly, WithFailingMigrations>()
                .Options);
        }

        return new PostgresGoldenThreadDb(new DbContextOptionsBuilder<PostgresGoldenThreadDb>()
            .UseNpgsql(database.ConnectionString)
            .ReplaceService<IMigrationsAssembly, WithFailingMigrations>()
            .Options);
    }

    private static async Task<List<string>> AppliedAsync(Database database)
    {
        await using var db = database.Open();
        try
        {
            return [.. (await db.Database.GetAppliedMigrationsAsync()).Order(StringComparer.Ordinal)];
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.UndefinedTable)
        {
            return [];
        }
    }

    private static async Task<bool> TableExistsAsync(GoldenThreadDb db, string table)
    {
        var sql = db.Provider == DatabaseProvider.Sqlite
            ? $"SELECT count(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '{table}'"
            : $"SELECT count(*)::int AS \"Value\" FROM pg_tables WHERE schemaname = 'public' AND tablename = '{table}'";
        return await db.Database.SqlQueryRaw<int>(sql).SingleAsync() > 0;
    }

    /// <summary>The program's migrations, then two more: one that changes data and adds a table, and one that fails half way.</summary>
#pragma warning disable EF1001 // Internal EF Core API: the migrations assembly is replaced to add migrations that fail.
    private sealed class WithFailingMigrations(
        ICurrentDbContext currentContext,
        IDbContextOptions options,
        IMigrationsIdGenerator idGenerator,
        IDiagnosticsLogger<DbLoggerCategory.Migrations> logger)
        : MigrationsAssembly(currentContext, options, idGenerator, logger)
    {
        public override IReadOnlyDictionary<string, TypeInfo> Migrations => new SortedDictionary<string, TypeInfo>(
            base.Migrations.ToDictionary(m => m.Key, m => m.Value),
            StringComparer.Ordinal)
        {
            [Changed] = typeof(ChangesDataAndAddsATable).GetTypeInfo(),
            [Fails] = typeof(FailsHalfWay).GetTypeInfo(),
        };
    }
#pragma warning restore EF1001

    [Migration(Changed)]
    private sealed class ChangesDataAndAddsATable : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE tolerance_settings SET amber_percent = 99");
            migrationBuilder.CreateTable(
                name: "added_by_a_failed_migrate",
                columns: table => new { id = table.Column<int>(nullable: false) },
                constraints: table => table.PrimaryKey("pk_added_by_a_failed_migrate", x => x.id));
        }
    }

    [Migration(Fails)]
    private sealed class FailsHalfWay : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "half_done",
                columns: table => new { id = table.Column<int>(nullable: false) });
            migrationBuilder.Sql("INSERT INTO half_done (id) SELECT id FROM no_such_table");
        }
    }
}
