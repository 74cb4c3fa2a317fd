using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace GoldenThread.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL server from Debian's package, started once per test run in the run's folder
/// (<see cref="TestFolders"/>) on a free loopback port, and stopped when the run ends. Each test gets its own
/// database on it, cloned from a migrated template (<see cref="TestDatabase"/>) rather than migrated anew.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);
    private static int _databaseCounter;

    private readonly string _bin;

    private PostgresServer(string bin, int port)
    {
        _bin = bin;
        Port = port;
    }

    public int Port { get; }

    public string AdminConnectionString =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";

    public static Task<PostgresServer> InstanceAsync() => Shared.Value;

    /// <summary>Creates a database, empty or as a copy of <paramref name="template"/>, and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? template = null)
    {
        var name = $"test_{Environment.ProcessId}_{Interlocked.Increment(ref _databaseCounter)}";
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            var copy = template is null ? "" : $" TEMPLATE {template}";
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}{copy}", connection);
            await command.ExecuteNonQueryAsync();
        }

        // Many databases live through a run, each with its hosts' pools: idle connections are closed within seconds
        // rather than Npgsql's five minutes, so that the server's connection slots go to the tests that are running.
        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name};Connection Idle Lifetime=2;Connection Pruning Interval=1";
    }

    /// <summary>Stops a server that a killed run left running in <paramref name="directory"/>, if there is one.</summary>
    internal static void StopAbandoned(string directory)
    {
        var data = Path.Combine(directory, "data");
        if (!File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            return;
        }

        var bin = FindBin();
        if (bin is null)
        {
            return;
        }

        try
        {
            new PostgresServer(bin, 0).PgAsync("pg_ctl", "-D", data, "-m", "immediate", "-w", "-t", "30", "stop").GetAwaiter().GetResult();
        }
        catch (InvalidOperationException)
        {
            // Not running after all (a stale pid file): the folder is removed all the same.
        }
    }

    /// <summary>The shell command that stops a server on <paramref name="data"/> at once, for the run's watchdog.</summary>
    internal static string StopCommand(string data)
    {
        var pgCtl = Path.Combine(FindBin() ?? "/usr/lib/postgresql/15/bin", "pg_ctl");
        var stop = $"{pgCtl} -D '{data}' -m immediate -w -t 30 stop";
        return IsRoot ? $"runuser -u postgres -- {stop}" : stop;
    }

    private static string? FindBin()
    {
        var versions = Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [];
        return versions
            .Where(d => int.TryParse(Path.GetFileName(d), out _) && File.Exists(Path.Combine(d, "bin", "initdb")))
            .OrderByDescending(d => int.Parse(Path.GetFileName(d), CultureInfo.InvariantCulture))
            .Select(d => Path.Combine(d, "bin"))
            .FirstOrDefault();
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static async Task<PostgresServer> StartAsync()
    {
        var bin = FindBin()
            ?? throw new InvalidOperationException("PostgreSQL is not installed (no /usr/lib/postgresql/<version>/bin/initdb). Run the test command in the README, which installs it.");

        var directory = Directory.CreateDirectory(Path.Combine(TestFolders.Run, "postgres")).FullName;
        if (IsRoot)
        {
            // The server runs as the postgres user, which must be able to reach its folder.
            await RunAsync("chmod", ["755", TestFolders.Run]);
            await RunAsync("chown", ["postgres:postgres", directory]);
        }

        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var server = new PostgresServer(bin, port);
        await server.PgAsync("initdb", "-D", $"{directory}/data", "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
        await server.PgAsync(
            "pg_ctl", "-D", $"{directory}/data", "-l", $"{directory}/server.log", "-w", "-t", "60", "-o",
            $"-c listen_addresses=127.0.0.1 -p {port} -k {directory} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400",
            "start");
        return server;
    }

    private Task PgAsync(string tool, params string[] arguments) =>
        IsRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. arguments])
            : RunAsync(Path.Combine(_bin, tool), arguments);

    private static async Task RunAsync(string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', start.ArgumentList)} failed ({process.ExitCode}): {await stdout}{await stderr}");
        }
    }
}
