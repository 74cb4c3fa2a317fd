using System.Text;
using Spectre.Console;

namespace GoldenThread.Cli;

/// <summary>
/// Where a command's output goes: standard output as bytes (JSON is written straight to it), standard error
/// as text, and whether a person is watching (progress bars only then). Tests pass their own streams.
/// </summary>
public sealed class Terminal : IAsyncDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public Terminal(Stream output, TextWriter error, bool interactive, Func<string, string?> environment, bool outputIsTerminal = false)
    {
        OutputIsTerminal = outputIsTerminal;
        OutputStream = output;
        Out = new StreamWriter(output, Utf8, bufferSize: 64 * 1024, leaveOpen: true) { AutoFlush = false };
        Error = error;
        Interactive = interactive;
        Environment = environment;
    }

    public Stream OutputStream { get; }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>True when standard error is a terminal, so a progress display will be seen and not pollute a log.</summary>
    public bool Interactive { get; }

    public Func<string, string?> Environment { get; }

    /// <summary>True when standard output is a terminal, whose width the table should fit.</summary>
    public bool OutputIsTerminal { get; }

    public static Terminal FromConsole() =>
        new(Console.OpenStandardOutput(), Console.Error, !Console.IsErrorRedirected, System.Environment.GetEnvironmentVariable, !Console.IsOutputRedirected);

    /// <summary>A Spectre console over standard output, wide enough for the scorecard table when piped.</summary>
    public IAnsiConsole OutConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Out),
            Ansi = OutputIsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = OutputIsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        if (!OutputIsTerminal)
        {
            console.Profile.Width = 200;
        }

        return console;
    }

    /// <summary>A Spectre console over standard error, for progress displays.</summary>
    public IAnsiConsole ErrorConsole() =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Error) });

    public async ValueTask DisposeAsync()
    {
        await Out.FlushAsync();
        await Out.DisposeAsync();
        await OutputStream.FlushAsync();
    }
}
