using System.Globalization;
using System.Text.Json;
using CsvHelper;
using GoldenThread.Domain.Assessment;
using GoldenThread.Storage;
using Spectre.Console;

namespace GoldenThread.Scorecard;

/// <summary>The formats a scorecard is printed in: the JSON and CSV of interchange.md, and a table for people.</summary>
public enum ScorecardFormat
{
    Table,
    Csv,
    Json,
}

/// <summary>Writes a scorecard in the interchange contract's field names and order.</summary>
public static class ScorecardOutput
{
    /// <summary>The contract's field names, in order; also the CSV header.</summary>
    public static readonly IReadOnlyList<string> Fields =
    [
        "indicator", "area", "period", "actual", "period_target", "current_target", "projected_outturn", "pvt",
        "status", "trend", "trend_periods", "direction_of_travel", "exception_required", "off_trajectory", "ladder_stage",
    ];

    public static async Task WriteJsonAsync(ScorecardResult scorecard, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("period", scorecard.Period.Code);
        json.WriteStartArray("entries");
        foreach (var entry in scorecard.Entries)
        {
            var a = entry.Assessment;
            json.WriteStartObject();
            json.WriteString("indicator", entry.Indicator);
            json.WriteString("area", entry.Area);
            json.WriteString("period", a.Period.Code);
            WriteNumber(json, "actual", a.Actual);
            WriteNumber(json, "period_target", a.PeriodTarget);
            WriteNumber(json, "current_target", a.CurrentTarget);
            WriteNumber(json, "projected_outturn", a.ProjectedOutturn);
            WriteNumber(json, "pvt", a.Pvt);
            json.WriteString("status", a.Status.Code());
            json.WriteString("trend", a.Trend.Code());
            json.WriteNumber("trend_periods", a.TrendPeriods);
            json.WriteString("direction_of_travel", a.DirectionOfTravel.Code());
            if (a.ExceptionRequired is { } exception)
            {
                json.WriteString("exception_required", exception.Code());
            }
            else
            {
                json.WriteNull("exception_required");
            }

            json.WriteBoolean("off_trajectory", a.OffTrajectory);
            json.WriteNumber("ladder_stage", a.LadderStage);
            json.WriteEndObject();
            if (json.BytesPending > 64 * 1024)
            {
                await json.FlushAsync(cancellationToken);
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
        await output.WriteAsync("\n"u8.ToArray(), cancellationToken);
    }

    public static async Task WriteCsvAsync(ScorecardResult scorecard, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        await using var csv = CsvWriter.Create(output, new CsvWriterOptions(), true);
        foreach (var field in Fields)
        {
            csv.WriteField(field);
        }

        await csv.EndRecordAsync(cancellationToken);
        foreach (var entry in scorecard.Entries)
        {
            var a = entry.Assessment;
            csv.WriteField(entry.Indicator);
            csv.WriteField(entry.Area);
            csv.WriteField(a.Period.Code);
            csv.WriteField(Text(a.Actual));
            csv.WriteField(Text(a.PeriodTarget));
            csv.WriteField(Text(a.CurrentTarget));
            csv.WriteField(Text(a.ProjectedOutturn));
            csv.WriteField(Text(a.Pvt));
            csv.WriteField(a.Status.Code());
            csv.WriteField(a.Trend.Code());
            csv.WriteField(a.TrendPeriods.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(a.DirectionOfTravel.Code());
            csv.WriteField(a.ExceptionRequired?.Code() ?? string.Empty);
            csv.WriteField(a.OffTrajectory ? "true" : "false");
            csv.WriteField(a.LadderStage.ToString(CultureInfo.InvariantCulture));
            await csv.EndRecordAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }

    /// <summary>A table for people: statuses and trends in words, PVT with its sign.</summary>
    public static void WriteTable(ScorecardResult scorecard, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        ArgumentNullException.ThrowIfNull(console);
        if (scorecard.Entries.Count == 0)
        {
            console.WriteLine($"No indicators have data or targets for {scorecard.Period.DisplayName}.");
            return;
        }

        var table = new Table { Title = new TableTitle($"Scorecard for {scorecard.Period.DisplayName}") };
        table.AddColumns("Indicator", "Area", "Actual", "Target", "Projected", "PVT %", "Status", "Trend", "Direction", "Exception", "Ladder");
        foreach (var column in table.Columns.Skip(2).Take(4))
        {
            column.RightAligned();
        }

        foreach (var entry in scorecard.Entries)
        {
            var a = entry.Assessment;
            table.AddRow(
                Markup.Escape(entry.Indicator),
                Markup.Escape(entry.Area),
                Text(a.Actual),
                Text(a.CurrentTarget),
                Text(a.ProjectedOutturn),
                a.Pvt is { } pvt ? pvt.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) : "-",
                a.Status.Name(),
                a.Trend == Direction.None ? "-" : $"{a.Trend.Name()} ({a.TrendPeriods})",
                a.DirectionOfTravel == Direction.None ? "-" : a.DirectionOfTravel.Name(),
                a.ExceptionRequired is { } exception ? exception.Name() : "-",
                a.LadderStage == 0 ? "-" : $"Stage {a.LadderStage}");
        }

        console.Write(table);
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, FigureStore.Normalise(v));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string Text(decimal? value) => value is { } v ? FigureStore.Normalise(v).ToString(CultureInfo.InvariantCulture) : string.Empty;

}
