using GoldenThread.Storage;
using GoldenThread.Web;
using GoldenThread.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GoldenThread.Tests.Worker;

/// <summary>The worker runs inside the web site only when asked (<c>serve --worker</c>); its services are always there to enqueue jobs.</summary>
public sealed class HostedWorkerTests
{
    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 1)]
    public async Task Site_RunsTheWorker_OnlyWhenAsked(bool runWorker, int expected)
    {
        var database = Database.Parse(Path.Combine(Directory.CreateTempSubdirectory("gtdb-").FullName, "unused.db"));

        await using var app = WebApp.Build(new WebAppOptions(database, ["http://127.0.0.1:0"]) { RunWorker = runWorker, EphemeralKeys = true });

        Assert.Equal(expected, app.Services.GetServices<IHostedService>().OfType<WorkerService>().Count());
        Assert.NotNull(app.Services.GetService<JobRunner>());
    }
}
