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
    [Fact]
    public async Task An_api_write_while_the_database_is_held_is_503_with_retry_after()
    {
        using var client = Hardened.WithToken(host, await Hardened.TokenForAsync(host, Role.DeliveryLead, TokenScope.Submit));
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
        using var client = host.NewClient(followRedirects: false);
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
    private async Task<IAsyncDisposable> HoldWriteLockAsync()
    {
        System.Data.Common.DbConnection connection = host.Database.Provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(new SqliteConnectionStringBuilder(host.Database.ConnectionString) { Pooling = false }.ConnectionString)
            : new NpgsqlConnection(new NpgsqlConnectionStringBuilder(host.Database.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();

        // SQLite: the write lock, readers carry on. PostgreSQL: readers carry on; writers to the figures and the audit
        // trail wait, as behind an import's transaction.
        command.CommandText = host.Database.Provider == DatabaseProvider.Sqlite
            ? "BEGIN IMMEDIATE"
            : "BEGIN; LOCK TABLE indicator_values, audit_entries IN EXCLUSIVE MODE;";
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
public sealed class DatabaseBusyOnSqliteTests(WebTestHost host) : DatabaseBusyTests(host), IClassFixture<WebTestHost>;

/// <summary>The busy database on PostgreSQL.</summary>
public sealed class DatabaseBusyOnPostgresTests(PostgresWebTestHost host) : DatabaseBusyTests(host), IClassFixture<PostgresWebTestHost>;
