using System.Text;
using GoldenThread.Cli;

namespace GoldenThread.Tests.Infrastructure;

/// <summary>Runs the command line in-process, as <c>./goldenthread</c> would, capturing what it prints.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static async Task<Result> RunAsync(params string[] args) => await RunAsync(new Dictionary<string, string?>(), args);

    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var output = new MemoryStream();
        var error = new StringWriter();
        int exit;
        await using (var terminal = new Terminal(output, error, interactive: false, name => environment.GetValueOrDefault(name)))
        {
            exit = await CommandLine.RunAsync(args, terminal);
        }

        return new Result(exit, Encoding.UTF8.GetString(output.ToArray()), error.ToString());
    }
}
