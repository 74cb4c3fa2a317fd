using System.Diagnostics;
using System.Globalization;

namespace GoldenThread.Tests.Infrastructure;

/// <summary>
/// Every temporary file of a test run lives under one folder, <c>/tmp/goldenthread-tests-&lt;pid&gt;</c>, removed when
/// the run ends, with the PostgreSQL server inside it stopped first. The test runner ends its test process with a kill
/// rather than an orderly exit (no exit handler runs), so the clean-up is done by a small watchdog process that waits
/// for the test process to be gone; each run also sweeps the folders of earlier runs whose process is gone.
/// </summary>
public static class TestFolders
{
    private const string Prefix = "goldenthread-tests-";
    private static readonly Lazy<string> RunFolder = new(Start);

    /// <summary>This run's folder.</summary>
    public static string Run => RunFolder.Value;

    /// <summary>A new, empty folder inside this run's folder.</summary>
    public static string Create(string prefix) =>
        Directory.CreateDirectory(Path.Combine(Run, prefix + Guid.NewGuid().ToString("N")[..12])).FullName;

    private static void Finish(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the next run's sweep.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string Start()
    {
        SweepAbandonedRuns();
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), Prefix + Environment.ProcessId.ToString(CultureInfo.InvariantCulture))).FullName;
        StartWatchdog(folder);
        return folder;
    }

    /// <summary>
    /// A detached shell that polls once a second until this process has gone, then stops the run's PostgreSQL server
    /// (if one was started) and deletes the run's folder.
    /// </summary>
    private static void StartWatchdog(string folder)
    {
        var data = Path.Combine(folder, "postgres", "data");
        var stop = PostgresServer.StopCommand(data);
        var script = $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; " +
            $"if [ -f '{data}/postmaster.pid' ]; then {stop} >/dev/null 2>&1; fi; rm -rf '{folder}'";
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"setsid /bin/sh -c \"{script}\" </dev/null >/dev/null 2>&1 &");
        using var shell = Process.Start(start);
        shell?.WaitForExit();
    }

    private static void SweepAbandonedRuns()
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), Prefix + "*"))
        {
            if (!int.TryParse(Path.GetFileName(folder)[Prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || IsRunning(pid))
            {
                continue;
            }

            PostgresServer.StopAbandoned(Path.Combine(folder, "postgres"));
            Finish(folder);
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
