using System.CommandLine;
using GoldenThread.Cli;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Periods;
using GoldenThread.Storage;

namespace GoldenThread.Scorecard;

/// <summary><c>scorecard</c>: the assessment of every indicator for a period, as a table, CSV or JSON.</summary>
public static class ScorecardCommand
{
    public static Command Create(Option<string?> databaseOption, Terminal terminal)
    {
        var period = new Option<string>("--period")
        {
            Description = "The period to assess, e.g. 2008-09-Q2 (a quarter), 2008-09-H1, 2008-09-M04 or 2008-09 (the year).",
            Required = true,
        };
        var area = new Option<string?>("--area") { Description = "Only this area (exactly this code, not the areas under it)." };
        var body = new Option<string?>("--body") { Description = "Only the indicators this body (a thematic partnership) is accountable for." };
        var format = new Option<ScorecardFormat>("--format")
        {
            Description = "table (for people), csv or json.",
            DefaultValueFactory = _ => ScorecardFormat.Table,
        };
        format.AcceptOnlyFromAmong("table", "csv", "json");
        format.CustomParser = result => Enum.Parse<ScorecardFormat>(result.Tokens[^1].Value, ignoreCase: true);
        var wide = new Option<bool>("--wide") { Description = "With the table format: every column of the site's scorecard (projected outturn, trend, direction of travel, exception report, ladder stage), wider than 80 columns." };

        var command = new Command("scorecard", "Assess every indicator for a period: value, targets, PVT, status, trend, direction of travel, exceptions and the ladder stage.")
        {
            Options = { period, area, body, format, wide },
        };
        command.SetAction((parseResult, ct) => CommandLine.GuardAsync(terminal, async () =>
        {
            var code = parseResult.GetValue(period)!;
            if (!Period.TryParse(code, out var p))
            {
                throw new UserFacingException($"--period: '{code}' is not a period code; use one such as 2008-09-Q2, 2008-09-H1, 2008-09-M04 or 2008-09.");
            }

            var database = CommandLine.ResolveDatabase(parseResult, databaseOption, terminal);
            await using var db = database.Open();
            await Schema.EnsureCurrentAsync(db, database, terminal.Error, ct);
            var filter = new ScorecardFilter(p, parseResult.GetValue(area), parseResult.GetValue(body));
            var scorecard = await ScorecardQuery.RunAsync(db, filter, await ToleranceSetting.CurrentAsync(db, ct), ct);
            switch (parseResult.GetValue(format))
            {
                case ScorecardFormat.Json:
                    await terminal.Out.FlushAsync(ct);
                    await ScorecardOutput.WriteJsonAsync(scorecard, terminal.OutputStream, ct);
                    break;
                case ScorecardFormat.Csv:
                    await ScorecardOutput.WriteCsvAsync(scorecard, terminal.Out, ct);
                    break;
                default:
                    // The table needs only the indicators' and areas' own details from the choices, not their periods.
                    var choices = await ScorecardChoices.ReadAsync(db, new Timetable.ReportingClock(TimeProvider.System).CurrentQuarter, ct);
                    await ScorecardOutput.WriteTableAsync(scorecard, choices, terminal.Out, parseResult.GetValue(wide), ct);
                    break;
            }

            return 0;
        }));
        return command;
    }
}
