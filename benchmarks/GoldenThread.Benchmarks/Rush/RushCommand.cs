using System.Globalization;
using GoldenThread.Storage;

namespace GoldenThread.Benchmarks.Rush;

/// <summary>
/// <c>rush bundle|prepare|drive</c>: the quarter-end rush benchmark's steps, which <c>scripts/bench-rush</c> runs in
/// order around the site it starts. See docs/performance.md, "The quarter-end rush".
/// </summary>
internal static class RushCommand
{
    public const string Name = "rush";

    private const string Usage =
        """
        Usage:
          rush bundle --out <folder>                        the partnership and its history, as an import bundle
          rush prepare --database <db> --plan <file>       partners, credentials, forms issued, returns; writes the plan
          rush drive --url <site> --database <db> --plan <file> [--only api|web] [--window S] [--think S]
                                                            every partner at once against the site, then the check
                                                            (--only: the partners of one channel alone, to see its share;
                                                            --window: partners start spread over S seconds instead;
                                                            --think: a web partner pauses S seconds between requests)
        """;

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Count; i += 2)
        {
            options[args[i]] = args[i + 1];
        }

        string Need(string name) => options.TryGetValue(name, out var value) ? value : throw new ArgumentException($"{name} is required.");
        try
        {
            switch (args.Count > 0 ? args[0] : null)
            {
                case "bundle":
                    RushBundle.Write(Need("--out"));
                    output.WriteLine($"Wrote the rush bundle to {Path.GetFullPath(Need("--out"))}.");
                    return 0;
                case "prepare":
                    {
                        var plan = RushPrepare.RunAsync(Database.Parse(Need("--database")), output, CancellationToken.None).GetAwaiter().GetResult();
                        plan.Save(Need("--plan"));
                        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Prepared {plan.Partners.Count} partners, {plan.Partners.Sum(p => p.Lines.Count):N0} lines ({plan.Partners.Sum(p => p.Lines.Count(l => l.MovementNote is not null)):N0} with a figure the unusual-movement check warns about); the plan is in {Need("--plan")}."));
                        return 0;
                    }

                case "drive":
                    {
                        var plan = RushPlan.Load(Need("--plan"));
                        if (options.TryGetValue("--only", out var only))
                        {
                            plan = plan with { Partners = [.. plan.Partners.Where(p => p.Channel == only)] };
                        }

                        var pacing = new Pacing(Seconds(options, "--window"), Seconds(options, "--think"));
                        return DriveAsync(new Uri(Need("--url")), Database.Parse(Need("--database")), plan, pacing, output).GetAwaiter().GetResult();
                    }
                default:
                    errors.WriteLine(Usage);
                    return 2;
            }
        }
        catch (ArgumentException exception)
        {
            errors.WriteLine(exception.Message);
            errors.WriteLine(Usage);
            return 2;
        }
    }

    private static TimeSpan Seconds(Dictionary<string, string> options, string name) =>
        !options.TryGetValue(name, out var text) ? TimeSpan.Zero
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 ? TimeSpan.FromSeconds(seconds)
        : throw new ArgumentException($"{name} is a number of seconds, not '{text}'.");

    private static async Task<int> DriveAsync(Uri site, Database database, RushPlan plan, Pacing pacing, TextWriter output)
    {
        var (latencies, wall, failures, unfinished) = await RushDrive.RunAsync(site, plan, output, CancellationToken.None, pacing);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Done in {wall.TotalSeconds:F2} s; load after: {RushDrive.Load()}"));
        output.WriteLine();
        latencies.Report(output, wall);
        var lines = plan.Partners.Sum(p => p.Lines.Count);
        var submittedReturns = plan.Partners.Count - failures.Count;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Throughput: {submittedReturns / wall.TotalSeconds:F1} returns/s, {lines / wall.TotalSeconds:F0} lines/s, {latencies.All.Count / wall.TotalSeconds:F0} requests/s over {wall.TotalSeconds:F2} s."));
        output.WriteLine(failures.Count == 0 ? "Partners who could not finish: none." : string.Create(CultureInfo.InvariantCulture, $"Partners who could not finish: {failures.Count}"));
        foreach (var failure in failures.Take(10))
        {
            output.WriteLine("  " + failure);
        }

        output.WriteLine();
        var check = await RushCheck.RunAsync(database, plan, unfinished, output, CancellationToken.None);
        var all = latencies.All;
        var sorted = all.Select(t => t.Milliseconds).Order().ToArray();
        var p99 = Latencies.Percentile(sorted, 99);
        var p99ButSignIn = Latencies.Percentile([.. all.Where(t => t.Kind != "POST sign-in").Select(t => t.Milliseconds).Order()], 99);
        var errors = all.Count(t => Latencies.IsError(t.Status));
        output.WriteLine();
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Goal: p99 under 200 ms: {(p99 < 200 ? "met" : "NOT met")} ({p99:F1} ms; {p99ButSignIn:F1} ms without the sign-in posts); no errors but the rate limit: {(errors == 0 ? "met" : "NOT met")} ({errors}); every return submitted: {(failures.Count == 0 ? "met" : "NOT met")} ({plan.Partners.Count - failures.Count} of {plan.Partners.Count}); no figure lost or duplicated: {(check == 0 ? "met" : "NOT met")}."));
        return check == 0 && errors == 0 && failures.Count == 0 ? 0 : 1;
    }
}
