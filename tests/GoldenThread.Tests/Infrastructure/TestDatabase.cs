using System.Reflection;
using GoldenThread.Demo;
using GoldenThread.People;
using GoldenThread.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Sdk;

namespace GoldenThread.Tests.Infrastructure;

/// <summary>
/// A fresh database of either provider: a temporary SQLite file or a new PostgreSQL database. A migrated one is a copy
/// of a template migrated once per test run (a file copy on SQLite, <c>CREATE DATABASE ... TEMPLATE</c> on
/// PostgreSQL), which is several times cheaper than running every migration for every test. The web tests' database,
/// the demonstration partnership and its people (<see cref="CreateDemoAsync"/>), is likewise a copy of one made once.
/// </summary>
public static class TestDatabase
{
    private static readonly Lazy<Task<string>> SqliteTemplate = new(CreateSqliteTemplateAsync);
    private static readonly Lazy<Task<string>> PostgresTemplate = new(CreatePostgresTemplateAsync);
    private static readonly Lazy<Task<DemoTemplate>> SqliteDemoTemplate = new(() => CreateDemoTemplateAsync(DatabaseProvider.Sqlite));
    private static readonly Lazy<Task<DemoTemplate>> PostgresDemoTemplate = new(() => CreateDemoTemplateAsync(DatabaseProvider.Postgres));

    /// <summary>
    /// A fresh database holding the demonstration partnership (<see cref="DemoBundle"/>) and its people
    /// (<see cref="DemoPeople"/>), as <c>serve --demo</c> starts, with their credentials. It is a copy of one loaded once
    /// per run: the people's passwords are the same in every copy, but the administrator's authenticator key is new
    /// in each, as the site takes each code once and the tests track the codes they have used by key
    /// (<see cref="Forms.UnusedCode"/>).
    /// </summary>
    public static async Task<(Database Database, IReadOnlyList<DemoAccount> Accounts)> CreateDemoAsync(DatabaseProvider provider)
    {
        Database database;
        DemoTemplate template;
        if (provider == DatabaseProvider.Postgres)
        {
            template = await PostgresDemoTemplate.Value;
            var server = await PostgresServer.InstanceAsync();
            database = Database.Parse(await server.CreateDatabaseAsync(template.Source));
        }
        else
        {
            template = await SqliteDemoTemplate.Value;
            var file = Path.Combine(TestFolders.Create("sqlite-"), "test.db");
            File.Copy(template.Source, file);
            database = Database.Parse(file);
        }

        return (database, await WithNewAuthenticatorKeyAsync(database, template.Accounts));
    }

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

    /// <summary>A copy of the migrated template with the demonstration loaded, opened without pooling so that no connection outlives the loading.</summary>
    private static async Task<DemoTemplate> CreateDemoTemplateAsync(DatabaseProvider provider)
    {
        var migrated = await CreateAsync(provider);
        var database = migrated with
        {
            ConnectionString = provider == DatabaseProvider.Sqlite
                ? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(migrated.ConnectionString) { Pooling = false }.ConnectionString
                : new Npgsql.NpgsqlConnectionStringBuilder(migrated.ConnectionString) { Pooling = false }.ConnectionString,
        };
        await using (var db = database.Open())
        {
            await DemoBundle.LoadIntoEmptyAsync(db, CancellationToken.None);
        }

        var accounts = await DemoPeople.PrepareAsync(database, CancellationToken.None);
        var source = provider == DatabaseProvider.Sqlite
            ? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource
            : new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString).Database!;
        return new DemoTemplate(source, accounts);
    }

    /// <summary>Gives the administrator a new authenticator key in this copy, and returns the accounts with it.</summary>
    private static async Task<IReadOnlyList<DemoAccount>> WithNewAuthenticatorKeyAsync(Database database, IReadOnlyList<DemoAccount> accounts)
    {
        await using var services = PeopleServices.Create(database, GoldenThread.Accounts.KeyCertificates.ForThisRun);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
        var renewed = new List<DemoAccount>();
        foreach (var account in accounts)
        {
            if (account.AuthenticatorKey is null)
            {
                renewed.Add(account);
                continue;
            }

            var person = await users.FindByEmailAsync(account.Email)
                ?? throw new InvalidOperationException($"The demonstration template has no {account.Email}.");
            Check(await users.ResetAuthenticatorKeyAsync(person));
            renewed.Add(account with { AuthenticatorKey = await users.GetAuthenticatorKeyAsync(person) });
        }

        return renewed;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    /// <summary>Where the demonstration's template is (a file, or a PostgreSQL database's name) and its people's credentials.</summary>
    private sealed record DemoTemplate(string Source, IReadOnlyList<DemoAccount> Accounts);
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
