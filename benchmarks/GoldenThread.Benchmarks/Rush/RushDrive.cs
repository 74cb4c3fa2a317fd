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
    /// <summary>
    /// Runs the rush. With <paramref name="pacing"/> at its default, every partner starts at the same instant and sends
    /// each request as soon as the last is answered. Otherwise the partners start spread evenly, in a shuffled order,
    /// over <see cref="Pacing.Window"/>, and a web partner pauses <see cref="Pacing.Think"/> before each request after
    /// their first, as a person reading the page and typing does (a partner's system does not pause).
    /// </summary>
    public static async Task<(Latencies Latencies, TimeSpan Wall, IReadOnlyList<string> Failures, IReadOnlySet<int> Unfinished)> RunAsync(Uri site, RushPlan plan, TextWriter output, CancellationToken cancellationToken, Pacing pacing = default)
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
        var order = Enumerable.Range(0, plan.Partners.Count).ToArray();
        new Random(1).Shuffle(order);
        var partners = plan.Partners.Select((partner, index) => Task.Run(
            async () =>
            {
                var think = partner.Channel == PlannedPartner.Web ? pacing.Think : TimeSpan.Zero;
                var client = new RushClient(http, latencies, partner.Channel, RushClient.AddressOf(index + 1)) { Think = think };
                await start.Task;
                if (pacing.Window > TimeSpan.Zero)
                {
                    await Task.Delay(pacing.Window * order[index] / plan.Partners.Count, cancellationToken);
                }

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
            $"Rush: {pacing.Describe()}; {plan.Partners.Count} partners ({plan.Partners.Count(p => p.Channel == PlannedPartner.Api)} by the API, {plan.Partners.Count(p => p.Channel == PlannedPartner.Web)} by the web form), {plan.Partners.Sum(p => p.Lines.Count):N0} lines, quarter {plan.Quarter}; load before: {Load()}"));
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

/// <summary>How the partners arrive: all at once (the default), or spread over a window, with people's pauses.</summary>
/// <param name="Window">The partners' starts are spread evenly over this; zero: all at the same instant.</param>
/// <param name="Think">A web partner's pause before each request after their first; zero: none.</param>
internal readonly record struct Pacing(TimeSpan Window, TimeSpan Think)
{
    public string Describe() => Window == TimeSpan.Zero && Think == TimeSpan.Zero
        ? "every partner at the same instant, no pause between requests"
        : string.Create(CultureInfo.InvariantCulture, $"partners starting over {Window.TotalSeconds:0.#} s, a web partner pausing {Think.TotalSeconds:0.#} s before each request after the first");
}
