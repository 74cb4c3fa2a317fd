using GoldenThread.Audit;
using GoldenThread.Indicators;

namespace GoldenThread.Storage;

/// <summary>
/// Who is writing, for the record of every figure (<see cref="History.FigureRecord"/>): the moment, the person (or
/// none, for the command line) and their name as the record keeps it; and, when the rows are loaded signed off
/// (<c>import --signed-off</c>), the sign-off they take and the reason its records give.
/// </summary>
public sealed record FigureRecording(DateTimeOffset At, int? PersonId, string Who, FigureSignOff? SignOff = null)
{
    /// <summary>The record's name for the writer, cut to the column's length.</summary>
    public string RecordedWho => Who.Length <= History.FigureRecord.NameLength ? Who : Who[..History.FigureRecord.NameLength];
}

/// <summary>A sign-off given to every values row an import loads, by a person, with the reason its records carry.</summary>
public sealed record FigureSignOff(DateTimeOffset At, int ById, string Reason);

/// <summary>A target to store, its codes already turned into stored ids.</summary>
public readonly record struct StoredTarget(int AreaId, int IndicatorId, string Period, int PeriodStart, decimal Value);

/// <summary>A value to store, its codes already turned into stored ids.</summary>
public readonly record struct StoredValue(int AreaId, int IndicatorId, string Period, int PeriodStart, decimal? Actual, decimal? ProjectedOutturn, string? Note);

/// <summary>
/// Upserts targets and values, which run to millions, by each provider's fastest path: one prepared statement
/// stepped through SQLitePCLRaw on SQLite, binary COPY into a staging table on PostgreSQL. Runs inside the
/// caller's transaction, so the caller decides what is all or nothing. Table and column names come from the
/// EF Core model (<see cref="StoredTable"/>). When an audit entry is given, every stored figure that a row
/// replaces with a different one is written to <see cref="ImportChange"/> under it, by the same set-based path
/// (a trigger on SQLite, the staging table's delete on PostgreSQL), so that recording changes costs only what
/// changed (docs/decisions/0013-import-record.md). When a <see cref="FigureRecording"/> is given, every figure a row
/// adds or changes, and every sign-off it clears or gives, is also written to the record of every figure
/// (<see cref="History.FigureRecord"/>) by the same set-based path. A values row keeps its sign-off when the upsert
/// leaves its figures as they were; a row whose figures change loses it (or takes the import's own sign-off, when
/// the import signs off what it loads). Into a table that is empty when the write starts, every row is new: the rows
/// go in by the plain path (a plain insert, or COPY straight into the keyed table) and the writer writes their records
/// itself, the same records the triggers or the staged delete write (docs/decisions/0029-import-into-empty-tables.md).
/// </summary>
public abstract class BulkWriter
{
    private protected BulkWriter(GoldenThreadDb db, long? changesOf, FigureRecording? recording)
    {
        Db = db;
        ChangesOf = changesOf;
        Recording = recording;
        Tables = FigureTables.Of(db);
    }

    private protected GoldenThreadDb Db { get; }

    /// <summary>The audit entry that replaced figures are recorded under, or null to record none.</summary>
    private protected long? ChangesOf { get; }

    private protected FigureTables Tables { get; }

    /// <summary>Who writes, for the record of every figure; null to record nothing there (and sign nothing off).</summary>
    private protected FigureRecording? Recording { get; }

    /// <summary>The writer for the context's provider. The context must have a transaction open.</summary>
    public static BulkWriter For(GoldenThreadDb db, long? changesOf, FigureRecording? recording = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The bulk writer runs inside the caller's transaction: begin one first.");
        }

        return db.Provider == DatabaseProvider.Sqlite ? new SqliteBulkWriter(db, changesOf, recording) : new PostgresBulkWriter(db, changesOf, recording);
    }

    /// <summary>Writes the rows, each replacing any stored row with its key; <paramref name="written"/> hears of rows as they go.</summary>
    public abstract Task UpsertTargetsAsync(IReadOnlyList<StoredTarget> rows, Action<int>? written, CancellationToken cancellationToken);

    /// <summary>Writes the rows, each replacing any stored row with its key; <paramref name="written"/> hears of rows as they go.</summary>
    public abstract Task UpsertValuesAsync(IReadOnlyList<StoredValue> rows, Action<int>? written, CancellationToken cancellationToken);

    /// <summary>The figures of a values row as the contract names them, with their columns.</summary>
    private protected IEnumerable<(string Figure, string Column)> ValueFigures() =>
    [
        (ImportChange.Actual, Tables.Values[nameof(IndicatorValue.Actual)]),
        (ImportChange.ProjectedOutturn, Tables.Values[nameof(IndicatorValue.ProjectedOutturn)]),
        (ImportChange.Note, Tables.Values[nameof(IndicatorValue.Note)]),
    ];

    private protected IEnumerable<(string Figure, string Column)> TargetFigures() =>
    [
        (ImportChange.Target, Tables.Targets[nameof(Target.Value)]),
    ];

    /// <summary>The columns of a figure record, in the order the writers fill them.</summary>
    private protected string RecordColumns
    {
        get
        {
            var r = Tables.Records;
            return string.Join(", ", r[nameof(History.FigureRecord.At)], r[nameof(History.FigureRecord.PersonId)], r[nameof(History.FigureRecord.Who)],
                r[nameof(History.FigureRecord.IndicatorId)], r[nameof(History.FigureRecord.AreaId)], r[nameof(History.FigureRecord.Period)],
                r[nameof(History.FigureRecord.Field)], r[nameof(History.FigureRecord.OldValue)], r[nameof(History.FigureRecord.NewValue)],
                r[nameof(History.FigureRecord.Reason)], r[nameof(History.FigureRecord.Source)]);
        }
    }

    /// <summary>The columns of a change row, in the order the writers fill them.</summary>
    private protected string ChangeColumns
    {
        get
        {
            var c = Tables.Changes;
            return string.Join(", ", c[nameof(ImportChange.AuditEntryId)], c[nameof(ImportChange.Figure)], c[nameof(ImportChange.AreaCode)],
                c[nameof(ImportChange.IndicatorCode)], c[nameof(ImportChange.Period)], c[nameof(ImportChange.OldValue)], c[nameof(ImportChange.NewValue)]);
        }
    }

    /// <summary>
    /// The rows' positions in the order of a key (the table's: area, indicator, period code; or the records' index:
    /// indicator, area, period code), so that every insert appends to the B-tree instead of splitting pages all over it.
    /// Ids must be under 2^21.
    /// </summary>
    private protected static int[] KeyOrder<T>(IReadOnlyList<T> rows, Func<T, (int First, int Second, string Period)> key)
    {
        var periodRanks = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            periodRanks.TryAdd(key(row).Period, 0);
        }

        var rank = 0L;
        foreach (var period in periodRanks.Keys.Order(StringComparer.Ordinal).ToList())
        {
            periodRanks[period] = rank++;
        }

        var sortKeys = new long[rows.Count];
        var order = new int[rows.Count];
        for (var n = 0; n < rows.Count; n++)
        {
            var (first, second, period) = key(rows[n]);
            sortKeys[n] = ((long)first << 42) | ((long)second << 21) | periodRanks[period];
            order[n] = n;
        }

        Array.Sort(sortKeys, order);
        return order;
    }
}
