using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using GoldenThread.Domain.Periods;
using GoldenThread.Domain.Returns;
using GoldenThread.Returns.Review;
using GoldenThread.Storage;
using GoldenThread.Timetable;

namespace GoldenThread.Cli;

/// <summary>How <c>returns</c> prints: a table for people, or the JSON of interchange.md for scripts.</summary>
public enum ReturnsFormat
{
    Table,
    Json,
}

/// <summary>
/// <c>returns --period P</c>: every return of a quarter with its state, whether it is late, its assignee, organisation
/// and what is missing, so the central team can script a chase. The same query as the dashboard.
/// </summary>
public static class ReturnsCommand
{
    public static Command Create(Option<string?> databaseOption, Terminal terminal)
    {
        var period = new Option<string>("--period") { Description = "The quarter, e.g. 2009-10-Q3.", Required = true };
        var format = new Option<ReturnsFormat>("--format")
        {
            Description = "table (for people) or json.",
            DefaultValueFactory = _ => ReturnsFormat.Table,
        };
        format.AcceptOnlyFromAmong("table", "json");
        format.CustomParser = result => Enum.Parse<ReturnsFormat>(result.Tokens[^1].Value, ignoreCase: true);

        var command = new Command("returns", "List every return of a quarter: its state, late or not, its assignee, organisation and what is missing.")
        {
            Options = { period, format },
        };
        command.SetAction((parseResult, ct) => CommandLine.GuardAsync(terminal, async () =>
        {
            var code = parseResult.GetValue(period)!;
            if (!Period.TryParse(code, out var quarter) || quarter.Kind != PeriodKind.Quarter)
            {
                throw new UserFacingException($"--period: '{code}' is not a quarter; use one such as 2009-10-Q3.");
            }

            var database = CommandLine.ResolveDatabase(parseResult, databaseOption, terminal);
            await using var db = database.Open();
            await Schema.EnsureCurrentAsync(db, database, terminal.Error, ct);
            var today = new ReportingClock(TimeProvider.System).Today;
            var returns = await ReturnsOverview.ReadAsync(db, quarter.Code, today, ct);
            var deadline = await ReturnsOverview.DeadlineAsync(db, quarter.Code, ct);
            if (parseResult.GetValue(format) == ReturnsFormat.Json)
            {
                await terminal.Out.FlushAsync(ct);
                await WriteJsonAsync(quarter.Code, deadline, returns, terminal.OutputStream, ct);
            }
            else
            {
                await WriteTableAsync(quarter, returns, terminal.Out, ct);
            }

            return 0;
        }));
        return command;
    }

    /// <summary>The JSON of interchange.md, The returns output.</summary>
    public static async Task WriteJsonAsync(string period, DateOnly? deadline, IReadOnlyList<ReturnSummary> returns, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(returns);
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("period", period);
        if (deadline is { } d)
        {
            json.WriteString("deadline", d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        else
        {
            json.WriteNull("deadline");
        }

        json.WriteStartArray("returns");
        foreach (var r in returns)
        {
            json.WriteStartObject();
            json.WriteNumber("id", r.Id);
            json.WriteString("state", ReturnStates.Code(r.State));
            json.WriteBoolean("late", r.Late);
            if (r.AssigneeId is null)
            {
                json.WriteNull("assignee");
            }
            else
            {
                json.WriteStartObject("assignee");
                json.WriteString("name", r.AssigneeName);
                json.WriteString("email", r.AssigneeEmail);
                json.WriteEndObject();
            }

            if (r.OrganisationCode is null)
            {
                json.WriteNull("organisation");
            }
            else
            {
                json.WriteStartObject("organisation");
                json.WriteString("code", r.OrganisationCode);
                json.WriteString("name", r.OrganisationName);
                json.WriteEndObject();
            }

            json.WriteStartArray("bodies");
            foreach (var body in r.Bodies)
            {
                json.WriteStringValue(body.Code);
            }

            json.WriteEndArray();
            json.WriteNumber("lines", r.Lines);
            json.WriteNumber("query_count", r.QueryCount);
            json.WriteBoolean("amended_after_sign_off", r.AmendedAfterSignOff);
            if (r.ChasedAt is { } chased)
            {
                json.WriteString("chased_at", chased.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            }
            else
            {
                json.WriteNull("chased_at");
            }

            json.WriteStartArray("missing");
            foreach (var item in r.Missing)
            {
                json.WriteStartObject();
                json.WriteString("indicator", item.Indicator);
                json.WriteString("area", item.Area);
                json.WriteString("period", item.Period);
                json.WriteString("field", item.Field);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
        await output.WriteAsync("\n"u8.ToArray(), cancellationToken);
    }

    private static async Task WriteTableAsync(Period quarter, IReadOnlyList<ReturnSummary> returns, TextWriter output, CancellationToken cancellationToken)
    {
        if (returns.Count == 0)
        {
            await output.WriteLineAsync($"No returns have been issued for {quarter.DisplayName}.".AsMemory(), cancellationToken);
            return;
        }

        string[] headers = ["Organisation", "Assignee", "State", "Late", "Missing"];
        var rows = returns.Select(r => new[]
        {
            r.OrganisationCode ?? "-",
            r.AssigneeEmail ?? "(no assignee)",
            ReturnStates.Name(r.State),
            r.Late ? "late" : "",
            r.Missing.Count.ToString(CultureInfo.InvariantCulture),
        }).ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Max(row => row[i].Length))).ToArray();
        foreach (var row in rows.Prepend(headers))
        {
            var line = new StringBuilder();
            for (var i = 0; i < row.Length; i++)
            {
                line.Append(i == row.Length - 1 ? row[i].PadLeft(widths[i]) : row[i].PadRight(widths[i] + 2));
            }

            await output.WriteLineAsync(line.ToString().TrimEnd().AsMemory(), cancellationToken);
        }

        var (byState, late) = ReturnsOverview.Count(returns);
        var counts = string.Join(", ", byState.Where(s => s.Count > 0).Select(s => $"{s.Count} {ReturnStates.Name(s.State).ToLowerInvariant()}"));
        await output.WriteLineAsync($"{returns.Count} returns: {counts}; {late} late.".AsMemory(), cancellationToken);
    }
}
