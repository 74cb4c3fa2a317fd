using System.Diagnostics;
using System.Net;
using System.Text.Json;
using GoldenThread.Domain.Access;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Tokens;
using GoldenThread.Web;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace GoldenThread.Tests.Access;

/// <summary>
/// Item 19 (last part): while another writer (a long import) holds the database, a web write waits a few seconds, not
/// 30, then answers 503 with Retry-After: a problem on the API, the friendly page on the site. The tests hold a write
/// transaction open on the database themselves while the request arrives.
/// </summary>
public abstract class DatabaseBusyTests(WebTestHost host)
{
    protected WebTestHost Host { get; } = host;

    [Fact]
    public async Task An_api_write_while_the_database_is_held_is_503_with_retry_after()
    {
        using var client = Hardened.WithToken(Host, await Hardened.TokenForAsync(Host, Role.DeliveryLead, TokenScope.Submit));
        await using var holder = await HoldWriteLockAsync();
        var clock = Stopwatch.StartNew();
        using var response = await Hardened.PutJsonAsync(client, "/api/v1/figures/NI%2015/HRT/2009-10-Q1", """{"actual": 0.44}""");
        clock.Stop();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(DatabaseBusy.RetryAfterSeconds), response.Headers.RetryAfter?.Delta);
        Assert.Contains("busy", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"The write waited {clock.Elapsed} for the lock.");
    }

    [Fact]
    public async Task A_page_write_while_the_database_is_held_is_the_friendly_503_page()
    {
        using var client = Host.NewClient(followRedirects: false);
        var (_, antiforgery) = await Forms.ReadAsync(client, "/account/sign-in");
        await using var holder = await HoldWriteLockAsync();
        using var form = new FormUrlEncodedContent([new("Email", "nobody@example.org"), new("Password", "wrong wrong wrong"), new(Forms.TokenField, antiforgery!)]);
        using var response = await client.PostAsync(new Uri("/account/sign-in", UriKind.Relative), form);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("The service is busy", page, StringComparison.Ordinal);
    }

    /// <summary>A transaction that holds the write lock until disposed (then rolled back), as an import does.</summary>
    private Task<IAsyncDisposable> HoldWriteLockAsync() => HoldWriteLockAsync(Host.Database, "indicator_values, audit_entries");

    /// <summary>
    /// A transaction that holds the write lock until disposed (then rolled back), as an import does. SQLite: the write
    /// lock, readers carry on. PostgreSQL: readers carry on; writers to <paramref name="tables"/> wait, as behind an
    /// import's transaction.
    /// </summary>
    internal static async Task<IAsyncDisposable> HoldWriteLockAsync(Database database, string tables, string mode = "EXCLUSIVE")
    {
        System.Data.Common.DbConnection connection = database.Provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(new SqliteConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString)
            : new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = database.Provider == DatabaseProvider.Sqlite
            ? "BEGIN IMMEDIATE"
            : $"BEGIN; LOCK TABLE {tables} IN {mode} MODE;";
        await command.ExecuteNonQueryAsync();
        return new Held(connection);
    }

    private sealed class Held(System.Data.Common.DbConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using (var rollback = connection.CreateCommand())
            {
                rollback.CommandText = "ROLLBACK";
                await rollback.ExecuteNonQueryAsync();
            }

            await connection.DisposeAsync();
        }
    }
}

/// <summary>The busy database on SQLite.</summary>
public sealed class DatabaseBusyOnSqliteTests(WebTestHost host) : DatabaseBusyTests(host), IClassFixture<WebTestHost>
{
    [Fact]
    public async Task The_site_keeps_its_sqlite_file_in_write_ahead_log_mode()
    {
        // Readers never wait for the writer, nor the writer for readers (docs/decisions/0026-sqlite-write-ahead-log.md).
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(Host.Database.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_file_in_rollback_journal_mode_is_switched_once_as_the_site_starts()
    {
        // serve switches a file made before write-ahead logging was the product's choice.
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var plain = new SqliteConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString;
        await using (var connection = new SqliteConnection(plain))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = DELETE";
            Assert.Equal("delete", (string?)await command.ExecuteScalarAsync());
        }

        await using (var db = database.Open())
        {
            Assert.Equal("wal", await Schema.UseWriteAheadLogAsync(db, CancellationToken.None));
        }

        await using var again = new SqliteConnection(plain);
        await again.OpenAsync();
        await using var read = again.CreateCommand();
        read.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await read.ExecuteScalarAsync());
    }
}

/// <summary>The busy database on PostgreSQL, where a test can also keep readers waiting.</summary>
public sealed class DatabaseBusyOnPostgresTests(PostgresWebTestHost host) : DatabaseBusyTests(host), IClassFixture<PostgresWebTestHost>
{
    [Fact]
    public async Task A_signed_in_page_whose_session_cannot_be_read_is_the_503_page_not_500()
    {
        // The error page shown for the busy answer must not ask the busy database again (which turned 503 into 500).
        using var browser = await Host.SignInAsync(Role.PerformanceOfficer, followRedirects: false);
        using var response = await WhileSessionsAreLockedAsync(() => browser.GetAsync(new Uri("/scorecard", UriKind.Relative)));
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("The service is busy", page, StringComparison.Ordinal);

        // The person is still signed in: the busy answer did not end their session or remove its cookie.
        using var after = await browser.GetAsync(new Uri("/scorecard", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task A_failed_request_of_another_method_gets_the_failures_status_not_405()
    {
        // The error page is run again for the failed request with its own method: a PUT that failed is 503, not 405.
        using var browser = await Host.SignInAsync(Role.PerformanceOfficer, followRedirects: false);
        using var content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        using var response = await WhileSessionsAreLockedAsync(() => browser.PutAsync(new Uri("/scorecard", UriKind.Relative), content));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    private async Task<HttpResponseMessage> WhileSessionsAreLockedAsync(Func<Task<HttpResponseMessage>> send)
    {
        // ACCESS EXCLUSIVE: even reading the session waits, then gives up after the site's lock timeout.
        await using (await HoldWriteLockAsync(Host.Database, "sessions", "ACCESS EXCLUSIVE"))
        {
            return await send();
        }
    }
}
