using BenchmarkDotNet.Running;
using GoldenThread.Benchmarks.Floor;
using GoldenThread.Benchmarks.Generator;
using GoldenThread.Benchmarks.Rush;

namespace GoldenThread.Benchmarks;

/// <summary>
/// <c>generate ...</c> writes a synthetic import bundle (Generator/); <c>floor ...</c> times the floors that
/// <c>scripts/bench-commands</c> compares the commands with (Floor/); <c>rush ...</c> the quarter-end rush
/// (Rush/, run by <c>scripts/bench-rush</c>); anything else runs the BenchmarkDotNet benchmarks
/// in this assembly with BenchmarkDotNet's own arguments (--filter, --list, ...).
/// </summary>
/// <remarks>
/// A named class rather than top-level statements: the application's own top-level Program is visible here
/// through InternalsVisibleTo, and the two would clash.
/// </remarks>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == GenerateCommand.Name)
        {
            return GenerateCommand.Run(args[1..], Console.Out, Console.Error);
        }

        if (args.Length > 0 && args[0] == FloorCommand.Name)
        {
            return FloorCommand.Run(args[1..], Console.Out, Console.Error);
        }

        if (args.Length > 0 && args[0] == RushCommand.Name)
        {
            return RushCommand.Run(args[1..], Console.Out, Console.Error);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
