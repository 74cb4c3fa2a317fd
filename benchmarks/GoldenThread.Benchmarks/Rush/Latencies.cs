using System.Collections.Concurrent;
using System.Globalization;

namespace GoldenThread.Benchmarks.Rush;

/// <summary>One request the rush made: by which channel, what it was, its status (0: no answer) and how long it took.</summary>
internal readonly record struct Timed(string Channel, string Kind, int Status, double Milliseconds);

/// <summary>
/// Every request's latency, kept whole (a few tens of thousands of numbers), and summarised from sorted arrays:
/// exact percentiles (nearest rank), no bucketing.
/// </summary>
internal sealed class Latencies
{
    public const int RateLimited = 429;

    private readonly ConcurrentQueue<Timed> _all = new();

    public void Add(Timed timed) => _all.Enqueue(timed);

    public IReadOnlyList<Timed> All => [.. _all];

    /// <summary>Whether the status counts as an error: no answer, or 4xx/5xx other than the documented rate limit.</summary>
    public static bool IsError(int status) => status == 0 || (status >= 400 && status != RateLimited);

    public static double Percentile(double[] sorted, double percent)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>The table: a row per channel and kind, then per channel, then overall; throughput over the rush's wall time.</summary>
    public void Report(TextWriter output, TimeSpan wall)
    {
        var all = All;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"requests",-28} {"count",7} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8} {"req/s",8} {"429",5} {"errors",7}"));
        foreach (var group in all.GroupBy(t => (t.Channel, t.Kind)).OrderBy(g => g.Key.Channel, StringComparer.Ordinal).ThenBy(g => g.Key.Kind, StringComparer.Ordinal))
        {
            Row(output, $"{group.Key.Channel}: {group.Key.Kind}", [.. group], wall);
        }

        foreach (var group in all.GroupBy(t => t.Channel).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Row(output, $"{group.Key}: every request", [.. group], wall);
        }

        // The return's own requests: everything but signing in, whose cost is the password hash's (docs/performance.md).
        Row(output, "all but sign-in", [.. all.Where(t => t.Kind != "POST sign-in")], wall);
        Row(output, "all requests", all, wall);
        var errors = all.Where(t => IsError(t.Status)).GroupBy(t => t.Status).OrderBy(g => g.Key).ToList();
        output.WriteLine(errors.Count == 0
            ? "Errors by status: none."
            : "Errors by status: " + string.Join(", ", errors.Select(g => string.Create(CultureInfo.InvariantCulture, $"{(g.Key == 0 ? "no answer" : g.Key)} x{g.Count()}"))));
    }

    private static void Row(TextWriter output, string label, IReadOnlyList<Timed> rows, TimeSpan wall)
    {
        var sorted = rows.Select(t => t.Milliseconds).Order().ToArray();
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{label,-28} {rows.Count,7} {Percentile(sorted, 50),8:F1} {Percentile(sorted, 95),8:F1} {Percentile(sorted, 99),8:F1} {sorted[^1],8:F1} {rows.Count / wall.TotalSeconds,8:F1} {rows.Count(t => t.Status == RateLimited),5} {rows.Count(t => IsError(t.Status)),7}"));
    }
}
