using System.Diagnostics;
using System.Globalization;

namespace GoldenThread.Benchmarks.Rush;

/// <summary>
/// The rush itself: every partner of the plan starts at the same moment against the running site, the API's half
/// through <see cref="ApiPartner"/> and the web's half through <see cref="WebPartner"/>; every request is timed.
/// Before it, a warm-up reads a return through each channel (nothing written), so that the figures are those of a
/// site that has been running, not of the first requests after a start.
/// </summary>
internal static class RushDrive
{
    public static async Task<(Latencies Latencies, TimeSpan Wall, IReadOnlyList<string> Failures, IReadOnlySet<int> Unfinished)> RunAsync(Uri site, RushPlan plan, TextWriter output, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        };
        using var http = new HttpClient(handler) { BaseAddress = site, Timeout = TimeSpan.FromMinutes(2) };

        await WarmUpAsync(http, plan, cancellationToken);

        var latencies = new Latencies();
        var failures = new List<string>();
        var unfinished = new HashSet<int>();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var partners = plan.Partners.Select((partner, index) => Task.Run(
            async () =>
            {
                var client = new RushClient(http, latencies, partner.Channel, RushClient.AddressOf(index + 1));
                await start.Task;
                var failure = partner.Channel == PlannedPartner.Api
                    ? await ApiPartner.RunAsync(client, partner, cancellationToken)
                    : await WebPartner.RunAsync(client, partner, cancellationToken);
                if (failure is not null)
                {
                    lock (failures)
                    {
                        failures.Add($"{partner.Email} ({partner.Channel}, return {partner.ReturnId.ToString(CultureInfo.InvariantCulture)}): {failure}");
                        unfinished.Add(partner.ReturnId);
                    }
                }
            },
            cancellationToken)).ToList();

        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Rush: {plan.Partners.Count} partners ({plan.Partners.Count(p => p.Channel == PlannedPartner.Api)} by the API, {plan.Partners.Count(p => p.Channel == PlannedPartner.Web)} by the web form), {plan.Partners.Sum(p => p.Lines.Count):N0} lines, quarter {plan.Quarter}; load before: {Load()}"));
        var clock = Stopwatch.StartNew();
        start.SetResult();
        await Task.WhenAll(partners);
        clock.Stop();
        return (latencies, clock.Elapsed, failures, unfinished);
    }

    /// <summary>Reads one return by each channel (the API's return, the sign-in, the return's and a line's pages): writes nothing.</summary>
    private static async Task WarmUpAsync(HttpClient http, RushPlan plan, CancellationToken cancellationToken)
    {
        var scratch = new Latencies();
        if (plan.Partners.FirstOrDefault(p => p.Channel == PlannedPartner.Api) is { } api)
        {
            var client = new RushClient(http, scratch, "warm-up", RushClient.AddressOf(0)) { Bearer = api.Token };
            for (var i = 0; i < 3; i++)
            {
                await client.GetAsync("warm-up", string.Create(CultureInfo.InvariantCulture, $"/api/v1/returns/{api.ReturnId}"), cancellationToken);
            }
        }

        if (plan.Partners.FirstOrDefault(p => p.Channel == PlannedPartner.Web) is { } web)
        {
            var client = new RushClient(http, scratch, "warm-up", RushClient.AddressOf(0));
            await WebPartner.WarmUpAsync(client, web, cancellationToken);
        }
    }

    public static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
