using System.Globalization;
using System.Text.Json;
using CsvHelper;
using GoldenThread.Domain.Assessment;
using GoldenThread.Storage;

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
        "status", "trend", "trend_periods", "direction_of_travel", "exception_required", "off_trajectory", "ladder_stage", "final",
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
            json.WriteBoolean("final", entry.Final);
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

    /// <summary>
    /// The CSV of interchange.md, for the command line and the page's download alike. Text that a spreadsheet would
    /// run as a formula (starting with =, +, -, @, tab or CR) gets a leading apostrophe, as the audit CSV does;
    /// numbers are written as numbers, so a negative PVT stays -7.27.
    /// </summary>
    public static async Task WriteCsvAsync(ScorecardResult scorecard, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        await using var csv = CsvWriter.Create(output, new CsvWriterOptions { Injection = CsvInjection.Escape, FormatProvider = CultureInfo.InvariantCulture }, true);
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
            csv.WriteField(Number(a.Actual));
            csv.WriteField(Number(a.PeriodTarget));
            csv.WriteField(Number(a.CurrentTarget));
            csv.WriteField(Number(a.ProjectedOutturn));
            csv.WriteField(Number(a.Pvt));
            csv.WriteField(a.Status.Code());
            csv.WriteField(a.Trend.Code());
            csv.WriteField(a.TrendPeriods);
            csv.WriteField(a.DirectionOfTravel.Code());
            csv.WriteField(a.ExceptionRequired?.Code() ?? string.Empty);
            csv.WriteField(a.OffTrajectory ? "true" : "false");
            csv.WriteField(a.LadderStage);
            csv.WriteField(entry.Final ? "true" : "false");
            await csv.EndRecordAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// A table for people, in the site's words: its column names, figures at the indicator's decimals, PVT with its
    /// sign, statuses and trends in words, indicators in natural order (NI 15 before NI 109). The default columns fit an
    /// 80-column terminal; <paramref name="wide"/> adds the rest of the site's columns.
    /// </summary>
    public static async Task WriteTableAsync(ScorecardResult scorecard, ScorecardChoices choices, TextWriter output, bool wide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        ArgumentNullException.ThrowIfNull(choices);
        ArgumentNullException.ThrowIfNull(output);
        if (scorecard.Entries.Count == 0)
        {
            await output.WriteLineAsync($"No indicators have data or targets for {scorecard.Period.DisplayName}.".AsMemory(), cancellationToken);
            return;
        }

        var rows = scorecard.Entries.Select(e => new ScorecardRow(e, choices.Indicator(e.Indicator), choices.Area(e.Area))).ToList();
        rows.Sort(ScorecardSorting.DefaultOrder);
        var columns = wide ? TableColumns : TableColumns.Where(c => !c.WideOnly).ToArray();
        var cells = rows.Select(row => columns.Select(c => c.Value(row)).ToArray()).ToList();
        var widths = columns.Select((c, i) => Math.Max(c.Name.Length, cells.Count == 0 ? 0 : cells.Max(r => r[i].Length))).ToArray();

        var text = new System.Text.StringBuilder();
        text.Append("Scorecard for ").Append(scorecard.Period.DisplayName).Append('\n').Append('\n');
        if (scorecard.InProgress)
        {
            // Two lines, to fit 80 columns.
            text.Append(scorecard.Period.DisplayName).Append(" is still in progress: its cycle has not been closed,\n")
                .Append("so its figures may change until it is.\n\n");
        }

        var provisional = scorecard.Entries.Count(e => !e.Final && (e.Assessment.Actual is not null || e.Assessment.ProjectedOutturn is not null));
        if (provisional > 0)
        {
            text.Append(string.Create(CultureInfo.InvariantCulture, $"{provisional:N0} of {scorecard.Entries.Count:N0} entries rest on provisional figures, not signed off yet.")).Append('\n').Append('\n');
        }

        AppendLine(text, columns, widths, columns.Select(c => c.Name).ToArray());
        AppendLine(text, columns, widths, widths.Select(w => new string('-', w)).ToArray());
        foreach (var row in cells)
        {
            AppendLine(text, columns, widths, row);
        }

        if (!wide)
        {
            text.Append('\n')
                .Append("Add --wide for the rest of the site's columns: projected outturn, trend,\n")
                .Append("direction of travel, exception report and ladder stage.\n");
        }

        await output.WriteAsync(text.ToString().AsMemory(), cancellationToken);
        await output.FlushAsync(cancellationToken);
    }

    /// <summary>The site's scorecard columns, in its order; the ones marked wide-only are left out of the 80-column table.</summary>
    private static readonly TableColumn[] TableColumns =
    [
        new("Indicator", false, false, r => r.Entry.Indicator),
        new("Area", false, false, r => r.Entry.Area),
        new("Actual", true, false, r => r.Figure(r.Assessment.Actual) ?? "-"),
        new("Annual target", true, false, r => r.Figure(r.Assessment.CurrentTarget) ?? "-"),
        new("Projected outturn", true, true, r => r.Figure(r.Assessment.ProjectedOutturn) ?? "-"),
        new("PVT %", true, false, r => r.Pvt ?? "-"),
        new("Status", false, false, r => r.Assessment.Status.Name()),
        new("Trend", false, true, r => r.Trend),
        new("Direction of travel", false, true, r => r.DirectionOfTravel),
        new("Exception report", false, true, r => r.Assessment.ExceptionRequired is null ? "No" : "Yes"),
        new("Ladder stage", false, true, r => r.LadderStage ?? "-"),
    ];

    private static void AppendLine(System.Text.StringBuilder text, TableColumn[] columns, int[] widths, string[] values)
    {
        var line = new System.Text.StringBuilder();
        for (var i = 0; i < columns.Length; i++)
        {
            if (i > 0)
            {
                line.Append("  ");
            }

            line.Append(columns[i].Numeric ? values[i].PadLeft(widths[i]) : values[i].PadRight(widths[i]));
        }

        text.Append(line.ToString().TrimEnd()).Append('\n');
    }

    private sealed record TableColumn(string Name, bool Numeric, bool WideOnly, Func<ScorecardRow, string> Value);

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

    private static decimal? Number(decimal? value) => value is { } v ? FigureStore.Normalise(v) : null;

    private static string Text(decimal? value) => value is { } v ? FigureStore.Normalise(v).ToString(CultureInfo.InvariantCulture) : string.Empty;

}
