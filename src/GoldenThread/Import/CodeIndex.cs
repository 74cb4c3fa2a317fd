namespace GoldenThread.Import;

/// <summary>
/// The codes of one kind (areas, indicators...) seen in an import, each with a dense id and facts about it.
/// Looking a code up by span allocates nothing, so a million rows that name 400 areas share 400 strings.
/// A code is known from the bundle (the line that declares it), known from the catalogue, or known not to
/// exist, so the catalogue is asked once per code, not once per row.
/// </summary>
internal sealed class CodeIndex<TInfo>
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _idsBySpan;
    private readonly List<Entry> _entries = [];
    private readonly Func<string, (bool Exists, TInfo Info)> _catalogue;

    // Rows usually come sorted, so the code of the last row is the likeliest code of the next.
    private string? _lastCode;
    private int _lastId = -1;

    public CodeIndex(Func<string, (bool Exists, TInfo Info)> catalogue)
    {
        _catalogue = catalogue;
        _idsBySpan = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _entries.Count;

    public string Code(int id) => _entries[id].Code;

    /// <summary>The line of the bundle row that declares the code; 0 for a code from the catalogue.</summary>
    public long Line(int id) => _entries[id].Line;

    public TInfo Info(int id) => _entries[id].Info;

    public void SetInfo(int id, TInfo info) => _entries[id] = _entries[id] with { Info = info };

    /// <summary>Whether the code exists, in the bundle or the catalogue.</summary>
    public bool Exists(int id) => _entries[id].Line >= 0;

    /// <summary>Records a code that a bundle row declares; when an earlier row declared it, returns false and that row's id.</summary>
    public bool TryDeclare(ReadOnlySpan<char> code, long line, TInfo info, out int id)
    {
        if (_idsBySpan.TryGetValue(code, out id))
        {
            if (_entries[id].Line > 0)
            {
                return false;
            }

            // Known from an earlier lookup (the catalogue): the bundle's row supersedes it.
            _entries[id] = _entries[id] with { Line = line, Info = info };
            return true;
        }

        id = Add(code.ToString(), line, info);
        return true;
    }

    /// <summary>
    /// Finds a code that a row refers to, asking the catalogue about codes the bundle does not declare.
    /// Returns the id; <see cref="Exists"/> says whether the code exists.
    /// </summary>
    public int Find(ReadOnlySpan<char> code)
    {
        if (_lastCode is not null && code.SequenceEqual(_lastCode))
        {
            return _lastId;
        }

        if (!_idsBySpan.TryGetValue(code, out var id))
        {
            var text = code.ToString();
            var (exists, info) = _catalogue(text);
            id = Add(text, exists ? 0 : -1, info);
        }

        _lastCode = _entries[id].Code;
        _lastId = id;
        return id;
    }

    private int Add(string code, long line, TInfo info)
    {
        var id = _entries.Count;
        _entries.Add(new Entry(code, line, info));
        _ids.Add(code, id);
        return id;
    }

    private readonly record struct Entry(string Code, long Line, TInfo Info);
}
