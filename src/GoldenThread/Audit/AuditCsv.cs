using System.Globalization;
using CsvHelper;

namespace GoldenThread.Audit;

/// <summary>
/// The audit trail as CSV, one entry a row, newest first: <c>at,action,actor,subject,detail,ip_address</c>, with
/// times in UTC (ISO 8601) and actions as their stored words. Names and details that a spreadsheet would read
/// as a formula (starting with <c>=</c>, <c>+</c>, <c>-</c> or <c>@</c>) are written as text.
/// </summary>
public static class AuditCsv
{
    public const string FileName = "audit-trail.csv";

    public static IReadOnlyList<string> Fields { get; } = ["at", "action", "actor", "subject", "detail", "ip_address"];

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static async Task WriteAsync(IAsyncEnumerable<AuditEntry> entries, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        await using var csv = CsvWriter.Create(output, new CsvWriterOptions { Injection = CsvInjection.Escape }, true);
        foreach (var field in Fields)
        {
            csv.WriteField(field);
        }

        await csv.EndRecordAsync(cancellationToken);
        await foreach (var entry in entries.WithCancellation(cancellationToken))
        {
            csv.WriteField(Time(entry.At));
            csv.WriteField(entry.Action);
            csv.WriteField(entry.ActorName);
            csv.WriteField(entry.SubjectName ?? string.Empty);
            csv.WriteField(entry.Detail);
            csv.WriteField(entry.IpAddress ?? string.Empty);
            await csv.EndRecordAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }
}
