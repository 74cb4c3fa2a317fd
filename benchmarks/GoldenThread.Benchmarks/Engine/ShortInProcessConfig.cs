using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace GoldenThread.Benchmarks.Engine;

/// <summary>
/// One short job (BenchmarkDotNet's ShortRun: 1 launch, 3 warm-up and 3 measured iterations) run in this process:
/// the machine has 2 cores, a national pass takes a fraction of a second, and the in-process toolchain spares
/// building a generated project (whose build would also be held to this repository's strict analyzers).
/// </summary>
public class ShortInProcessConfig : ManualConfig
{
    public ShortInProcessConfig()
    {
        AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
    }
}
