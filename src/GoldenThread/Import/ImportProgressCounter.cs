namespace GoldenThread.Import;

/// <summary>Counts rows and bytes across the files of an import and tells an <see cref="IProgress{T}"/> now and then.</summary>
internal sealed class ImportProgressCounter(IProgress<ImportProgress>? progress, long totalBytes)
{
    /// <summary>Report every this many rows: often enough for a smooth bar, rarely enough to cost nothing.</summary>
    private const long Every = 1 << 16;

    private long _bytesDone;

    public long RowsRead { get; private set; }

    public void Start(TableSource source) => Report(source);

    public void Row(TableSource source)
    {
        RowsRead++;
        if (progress is not null && RowsRead % Every == 0)
        {
            Report(source);
        }
    }

    public void Finish(TableSource source)
    {
        _bytesDone += source.TotalBytes;
        progress?.Report(new ImportProgress(source.DisplayName, RowsRead, _bytesDone, totalBytes));
    }

    private void Report(TableSource source) =>
        progress?.Report(new ImportProgress(source.DisplayName, RowsRead, _bytesDone + source.BytesRead, totalBytes));
}
