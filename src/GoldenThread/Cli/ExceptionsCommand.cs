using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using GoldenThread.Api;
using GoldenThread.Api.V1;
using GoldenThread.Domain.Intervention;
using GoldenThread.Exceptions;
using GoldenThread.Storage;

namespace GoldenThread.Cli;

/// <summary>
/// <c>exceptions --period P [--body B] [--state S] [--kind K] [--format table|json]</c>: the exception reports of a quarter,
/// the same rows as <c>GET /api/v1/exceptions</c> (the same query, <see cref="ExceptionQueries"/>, and with
/// <c>--format json</c> the same JSON, followed by a newline), so that a board's secretary can script the agenda.
/// </summary>
public static class ExceptionsCommand
{
    public static Command Create(Option<string?> databaseOption, Terminal terminal)
    {
        var period = new Option<string>("--period") { Description = "The quarter, e.g. 2009-10-Q3.", Required = true };
        var body = new Option<string?>("--body") { Description = "Only the reports of the indicators this body is accountable for (its code, e.g. SSC)." };
        var state = new Option<string?>("--state")
        {
            Description = "Only the reports in this state: required, drafted, submitted, noted, challenged, accepted, closed, or open (every state but closed).",
        };
        var kind = new Option<string?>("--kind") { Description = "Only performance or data_quality reports." };
        var format = new Option<string>("--format")
        {
            Description = "table (for people) or json (the API's document).",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "json");

        var command = new Command("exceptions", "List the exception reports of a quarter, as GET /api/v1/exceptions does: what each is about, what raised it, its state and the body that considers it.")
        {
            Options = { period, body, state, kind, format },
        };
        command.SetAction((parseResult, ct) => CommandLine.GuardAsync(terminal, async () =>
        {
            var filter = new ExceptionFilter(parseResult.GetValue(period), parseResult.GetValue(body), parseResult.GetValue(state), parseResult.GetValue(kind));
            var (quarter, _, _, errors) = filter.Read();
            if (errors.Count > 0)
            {
                throw new UserFacingException(string.Join(Environment.NewLine, errors.Select(e => $"--{e.Field}: {e.Message}.")));
            }

            var database = CommandLine.ResolveDatabase(parseResult, databaseOption, terminal);
            await using var db = database.Open();
            await Schema.EnsureCurrentAsync(db, database, terminal.Error, ct);
            var rows = await ExceptionQueries.ListAsync(db, filter, ct);
            if (string.Equals(parseResult.GetValue(format), "json", StringComparison.OrdinalIgnoreCase))
            {
                await terminal.Out.FlushAsync(ct);
                await WriteJsonAsync(rows, terminal.OutputStream, ct);
            }
            else
            {
                await WriteTableAsync(quarter!.Value.DisplayName, rows, terminal.Out, ct);
            }

            return 0;
        }));
        return command;
    }

    /// <summary>The document of <c>GET /api/v1/exceptions</c>, written with the API's JSON settings, and a newline.</summary>
    public static async Task WriteJsonAsync(IReadOnlyList<ExceptionRow> rows, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(output);
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApiJson.Configure(options);
        await JsonSerializer.SerializeAsync(output, new ExceptionListDocument([.. rows.Select(ExceptionSummaryDocument.From)]), options, cancellationToken);
        await output.WriteAsync("\n"u8.ToArray(), cancellationToken);
    }

    /// <summary>One line per report: its id, the pair, what raised it, its state, the body and (data quality) its stage; then the counts by state.</summary>
    public static async Task WriteTableAsync(string quarterName, IReadOnlyList<ExceptionRow> rows, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(output);
        if (rows.Count == 0)
        {
            await output.WriteLineAsync($"No exception reports at {quarterName} match.".AsMemory(), cancellationToken);
            return;
        }

        string[] headers = ["Id", "Indicator", "Area", "Kind", "Raised by", "State", "Body", "Stage"];
        var cells = rows.Select(r => new[]
        {
            r.Id.ToString(CultureInfo.InvariantCulture),
            r.IndicatorCode,
            r.AreaCode,
            r.Kind == ExceptionKind.DataQuality ? "data quality" : "performance",
            r.Raised,
            ExceptionStates.Name(r.State),
            r.BodyCode ?? "-",
            r.Stage is { } stage ? stage.ToString(CultureInfo.InvariantCulture) : "-",
        }).ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, cells.Max(row => row[i].Length))).ToArray();
        var text = new StringBuilder();
        text.Append("Exception reports at ").Append(quarterName).Append("\n\n");
        foreach (var row in cells.Prepend(headers))
        {
            var line = new StringBuilder();
            for (var i = 0; i < row.Length; i++)
            {
                line.Append(row[i].PadRight(widths[i] + 2));
            }

            text.Append(line.ToString().TrimEnd()).Append('\n');
        }

        var counts = string.Join(", ", rows.GroupBy(r => r.State).OrderBy(g => g.Key).Select(g => $"{g.Count()} {ExceptionStates.Name(g.Key).ToLowerInvariant()}"));
        text.Append('\n').Append(CultureInfo.InvariantCulture, $"{rows.Count} exception report{(rows.Count == 1 ? "" : "s")}: {counts}.").Append('\n');
        await output.WriteAsync(text.ToString().AsMemory(), cancellationToken);
    }
}
