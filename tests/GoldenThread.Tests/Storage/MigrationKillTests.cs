using System.Diagnostics;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Tests.Storage;

/// <summary>
/// A process killed while it migrates a new SQLite database leaves nothing that stops the next command: the
/// migrations are all or nothing, and no lock outlives its holder (issue 9 item 15).
/// </summary>
public sealed class MigrationKillTests
{
    /// <summary>A guard against hanging for ever, not a measure of speed: a clean migrate takes about a second.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Migrate_KilledPartWay_TheNextCommandCompletesAndTheSchemaIsWhole()
    {
        var killedWhileMigrating = 0;
        // Kill at a spread of moments after the migration starts writing (its rollback journal appears), so that
        // some kills land in the middle of the migrations, whatever the machine's speed.
        foreach (var delay in new[] { 0, 0, 10, 25, 50, 100, 200 })
        {
            var folder = Directory.CreateTempSubdirectory("goldenthread-kill-");
            try
            {
                var file = Path.Combine(folder.FullName, "new.db");
                using (var migrating = Start("--database", file, "migrate"))
                {
                    if (await KillOnceWritingAsync(migrating, file + "-journal", TimeSpan.FromMilliseconds(delay)))
                    {
                        killedWhileMigrating++;
                    }
                }

                // The next command runs in this process: the same code as ./goldenthread migrate, without starting a
                // second program for every kill (only the killed one must be a process of its own).
                var next = await RunGuardedAsync("--database", file, "migrate");
                Assert.True(next is not null, $"'migrate' after a kill (at +{delay} ms) did not finish within {Guard.TotalSeconds} s: it is waiting on a stale lock.");
                Assert.True(next.ExitCode == 0, next.Error);
                await AssertSchemaIsWholeAsync(file);
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                folder.Delete(recursive: true);
            }
        }

        Assert.True(killedWhileMigrating > 0, "No kill landed while the migration was running: the test proved nothing.");
    }

    private static async Task AssertSchemaIsWholeAsync(string file)
    {
        var database = Database.Parse(file);
        await using var db = database.Open();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        var tables = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct())
        {
            Assert.Contains(table, tables);
        }

        if (tables.Contains(Schema.SqliteLockTable))
        {
            await using var locks = connection.CreateCommand();
            locks.CommandText = $"SELECT count(*) FROM \"{Schema.SqliteLockTable}\"";
            Assert.Equal(0L, (long)(await locks.ExecuteScalarAsync())!);
        }
    }

    /// <summary>Kills the process <paramref name="delay"/> after the file's journal first appears; true if it was still running then.</summary>
    private static async Task<bool> KillOnceWritingAsync(Process process, string journal, TimeSpan delay)
    {
        var clock = Stopwatch.StartNew();
        while (!File.Exists(journal))
        {
            if (process.HasExited || clock.Elapsed > Guard)
            {
                await WaitAsync(process, Guard);
                return false;
            }

            await Task.Yield();
        }

        var seen = Stopwatch.StartNew();
        while (seen.Elapsed < delay && !process.HasExited)
        {
            await Task.Yield();
        }

        if (process.HasExited)
        {
            return false;
        }

        process.Kill(entireProcessTree: true);
        await WaitAsync(process, Guard);
        return true;
    }

    /// <summary>The command line run in this process, or null when it has not finished within <see cref="Guard"/>.</summary>
    private static async Task<CliRunner.Result?> RunGuardedAsync(params string[] args)
    {
        try
        {
            return await CliRunner.RunAsync(args).WaitAsync(Guard);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    private static async Task<bool> WaitAsync(Process process, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return false;
        }
    }

    /// <summary>The real program, as it is run: <c>dotnet goldenthread.dll ...</c>, from the test's own build output.</summary>
    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "goldenthread.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove(Database.EnvironmentVariable);
        return Process.Start(start) ?? throw new InvalidOperationException("The program did not start.");
    }
}
