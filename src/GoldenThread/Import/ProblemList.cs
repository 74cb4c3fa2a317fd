namespace GoldenThread.Import;

/// <summary>
/// Collects the problems of one import and hands them back in the order people read them: path and file
/// problems first, then each table in bundle order, line by line, whatever order the checks ran in.
/// </summary>
internal sealed class ProblemList
{
    /// <summary>The order of problems that belong to no table: a missing path, an unexpected file or sheet.</summary>
    public const int PathOrder = -1;

    private readonly List<Entry> _entries = [];

    public int Count => _entries.Count;

    public void Add(int tableOrder, long line, string location, string column, string message) =>
        _entries.Add(new Entry(tableOrder, line, _entries.Count, new ImportProblem(location, column, message)));

    public List<ImportProblem> ToSortedList()
    {
        _entries.Sort(static (a, b) =>
        {
            var byTable = a.TableOrder.CompareTo(b.TableOrder);
            if (byTable != 0)
            {
                return byTable;
            }

            var byLine = a.Line.CompareTo(b.Line);
            return byLine != 0 ? byLine : a.Sequence.CompareTo(b.Sequence);
        });

        var problems = new List<ImportProblem>(_entries.Count);
        foreach (var entry in _entries)
        {
            problems.Add(entry.Problem);
        }

        return problems;
    }

    private readonly record struct Entry(int TableOrder, long Line, int Sequence, ImportProblem Problem);
}
