using CsvHelper;

namespace GoldenThread.Audit;

/// <summary>
/// The figures one import changed as CSV, in the order they were written:
/// <c>figure,area_code,indicator_code,period,old_value,new_value</c> (an empty old value: there was none).
/// </summary>
public static class ImportChangesCsv
{
    public static IReadOnlyList<string> Fields { get; } = ["figure", "area_code", "indicator_code", "period", "old_value", "new_value"];

    public static string FileName(long entryId) => $"import-{entryId}-changes.csv";

    public static async Task WriteAsync(IAsyncEnumerable<ImportChange> changes, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        await using var csv = CsvWriter.Create(output, new CsvWriterOptions { Injection = CsvInjection.Escape }, true);
        foreach (var field in Fields)
        {
            csv.WriteField(field);
        }

        await csv.EndRecordAsync(cancellationToken);
        await foreach (var change in changes.WithCancellation(cancellationToken))
        {
            csv.WriteField(change.Figure);
            csv.WriteField(change.AreaCode);
            csv.WriteField(change.IndicatorCode);
            csv.WriteField(change.Period);
            csv.WriteField(change.OldValue ?? string.Empty);
            csv.WriteField(change.NewValue ?? string.Empty);
            await csv.EndRecordAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }
}
