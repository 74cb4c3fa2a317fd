using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace GoldenThread.Tests.Infrastructure;

/// <summary>
/// A real SMTP server on a free loopback port for the length of a test class: Debian's aiosmtpd, which writes
/// each message it accepts into a maildir before answering 250. Tests read the messages back with MimeKit.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private readonly Process _process;
    private readonly string _directory;

    private SmtpServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    private string NewMail => Path.Combine(_directory, "maildir", "new");

    /// <summary>Starts the server, on <paramref name="port"/> when given (a test that has had mail fail on it first).</summary>
    public static async Task<SmtpServer> StartAsync(int? port = null)
    {
        // /usr/bin/python3, not the one on PATH: Debian's package is only visible to Debian's Python.
        const string python = "/usr/bin/python3";
        var directory = Directory.CreateTempSubdirectory("goldenthread-smtp-").FullName;
        port ??= FreePort();
        var start = new ProcessStartInfo(python)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        // -n: no setuid to nobody (which could not write the maildir when running as root).
        foreach (var argument in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", Path.Combine(directory, "maildir") })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start aiosmtpd.");
        var server = new SmtpServer(process, directory, port.Value);
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                var error = await process.StandardError.ReadToEndAsync();
                await server.DisposeAsync();
                throw new InvalidOperationException($"aiosmtpd stopped at once (install it with: apt-get install python3-aiosmtpd): {error}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port.Value);
                return server;
            }
            catch (SocketException) when (stopwatch.Elapsed < StartTimeout)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Every message received so far.</summary>
    public async Task<IReadOnlyList<MimeMessage>> MessagesAsync()
    {
        if (!Directory.Exists(NewMail))
        {
            return [];
        }

        var messages = new List<MimeMessage>();
        foreach (var file in Directory.GetFiles(NewMail).Order(StringComparer.Ordinal))
        {
            messages.Add(await MimeMessage.LoadAsync(file));
        }

        return messages;
    }

    /// <summary>
    /// The first message to <paramref name="address"/>, as soon as the server has written it to its mail folder
    /// (watched, not polled; a bound of 15 seconds fails the test rather than hanging it).
    /// </summary>
    public async Task<MimeMessage> WaitForMessageToAsync(string address)
    {
        Directory.CreateDirectory(NewMail);
        using var arrived = new SemaphoreSlim(0);
        using var watcher = new FileSystemWatcher(NewMail) { EnableRaisingEvents = true };
        watcher.Created += (_, _) => arrived.Release();
        watcher.Renamed += (_, _) => arrived.Release();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            var message = (await MessagesAsync()).FirstOrDefault(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)));
            if (message is not null)
            {
                return message;
            }

            try
            {
                await arrived.WaitAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"No email to {address} arrived.");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temporary folder; nothing depends on it.
        }
    }

    /// <summary>A loopback port nothing listens on (for the moment).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
