using System.CommandLine;
using System.Globalization;
using GoldenThread.Cli;
using GoldenThread.Domain.Periods;
using GoldenThread.Scorecard;
using GoldenThread.Storage;

namespace GoldenThread.Intervention;

/// <summary><c>ladder</c>: who is at which stage of the ladder of intervention at a period, and why, as a table or JSON.</summary>
public static class LadderCommand
{
    public static Command Create(Option<string?> databaseOption, Terminal terminal)
    {
        var period = new Option<string>("--period")
        {
            Description = "The period, e.g. 2009-10-Q2 (a quarter; the ladder moves quarter by quarter).",
            Required = true,
        };
        var body = new Option<string?>("--body") { Description = "Only the indicators this body (a thematic partnership) is accountable for." };
        var format = new Option<string>("--format")
        {
            Description = "table (for people: the indicators at Stage 1 or above) or json (every scorecard entry).",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "json");

        var command = new Command("ladder", "Who is at which stage of the ladder of intervention at a period, and why: the computed stage, the stage set by hand, and the stage shown.")
        {
            Options = { period, body, format },
        };
        command.SetAction((parseResult, ct) => CommandLine.GuardAsync(terminal, async () =>
        {
            var code = parseResult.GetValue(period)!;
            if (!Period.TryParse(code, out var p))
            {
                throw new UserFacingException($"--period: '{code}' is not a period code; use one such as 2009-10-Q2.");
            }

            var database = CommandLine.ResolveDatabase(parseResult, databaseOption, terminal);
            await using var db = database.Open();
            await Schema.EnsureCurrentAsync(db, database, terminal.Error, ct);
            var report = await LadderQuery.RunAsync(db, new ScorecardFilter(p, BodyCode: parseResult.GetValue(body)), await ToleranceSetting.CurrentAsync(db, ct), ct);
            if (string.Equals(parseResult.GetValue(format), "json", StringComparison.OrdinalIgnoreCase))
            {
                await terminal.Out.FlushAsync(ct);
                await LadderQuery.WriteJsonAsync(report, terminal.OutputStream, ct);
            }
            else
            {
                await WriteTableAsync(report, terminal.Out, ct);
            }

            return 0;
        }));
        return command;
    }

    /// <summary>The indicators at Stage 1 or above, highest stage first, each with the computed and manual stages and why.</summary>
    public static async Task WriteTableAsync(LadderReport report, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var on = report.Entries.Where(e => e.Stage > 0).OrderByDescending(e => e.Stage).ThenBy(e => e.Indicator, StringComparer.Ordinal).ThenBy(e => e.Area, StringComparer.Ordinal).ToList();
        var text = new System.Text.StringBuilder();
        text.Append("Ladder of intervention at ").Append(report.Period.DisplayName).Append("\n\n");
        text.Append(string.Create(CultureInfo.InvariantCulture, $"{on.Count:N0} of {report.Entries.Count:N0} indicators and areas are at Stage 1 or above.")).Append('\n');
        foreach (var entry in on)
        {
            text.Append('\n')
                .Append(CultureInfo.InvariantCulture, $"Stage {entry.Stage}  {entry.Indicator} in {entry.Area}  (computed {entry.Assessment.ComputedLadderStage}, by hand {entry.ManualStage})")
                .Append('\n')
                .Append("  ").Append(entry.Reason).Append('\n');
        }

        await output.WriteAsync(text.ToString().AsMemory(), cancellationToken);
    }
}
