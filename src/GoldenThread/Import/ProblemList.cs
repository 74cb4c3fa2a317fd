namespace GoldenThread.Import;

/// <summary>
/// Collects the problems of one import and hands them back in the order people read them: path and file
/// problems first, then each table in bundle order, line by line, whatever order the checks ran in.
/// Only the first <see cref="MaxKept"/> in that order are kept (a broken million-row file would otherwise make
/// tens of megabytes of messages); the rest are counted.
/// </summary>
internal sealed class ProblemList
{
    /// <summary>The order of problems that belong to no table: a missing path, an unexpected file or sheet.</summary>
    public const int PathOrder = -1;

    /// <summary>How many problems an import reports in full; the others are only counted.</summary>
    public const int MaxKept = 1000;

    private static readonly Comparer<Entry> ReadingOrder = Comparer<Entry>.Create(static (a, b) =>
    {
        var byTable = a.TableOrder.CompareTo(b.TableOrder);
        if (byTable != 0)
        {
            return byTable;
        }

        var byLine = a.Line.CompareTo(b.Line);
        return byLine != 0 ? byLine : a.Sequence.CompareTo(b.Sequence);
    });

    // The kept problems with the last in reading order on top, so that an earlier one can take its place.
    private readonly PriorityQueue<Entry, Entry> _kept = new(Comparer<Entry>.Create(static (a, b) => ReadingOrder.Compare(b, a)));
    private readonly int _maxKept;

    public ProblemList(int maxKept = MaxKept)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxKept, 1);
        _maxKept = maxKept;
    }

    /// <summary>Every problem found, kept or not.</summary>
    public int Count { get; private set; }

    public void Add(int tableOrder, long line, string location, string column, string message)
    {
        var entry = new Entry(tableOrder, line, Count, new ImportProblem(location, column, message));
        Count++;
        if (_kept.Count < _maxKept)
        {
            _kept.Enqueue(entry, entry);
        }
        else if (ReadingOrder.Compare(entry, _kept.Peek()) < 0)
        {
            _kept.DequeueEnqueue(entry, entry);
        }
    }

    /// <summary>Forgets every problem found so far, for a fault that makes them meaningless (a workbook that cannot be read).</summary>
    public void Clear()
    {
        _kept.Clear();
        Count = 0;
    }

    /// <summary>The kept problems in reading order; <see cref="Count"/> less this many were left out.</summary>
    public List<ImportProblem> ToSortedList()
    {
        var entries = _kept.UnorderedItems.Select(static e => e.Element).ToList();
        entries.Sort(ReadingOrder);
        return entries.ConvertAll(static e => e.Problem);
    }

    /// <summary>The failed outcome: the kept problems and the number left out.</summary>
    public ImportOutcome ToFailure()
    {
        var problems = ToSortedList();
        return ImportOutcome.Failure(problems, Count - problems.Count);
    }

    private readonly record struct Entry(int TableOrder, long Line, int Sequence, ImportProblem Problem);
}
