using System.Buffers;
using System.Globalization;
using System.Text;
using CsvHelper;

namespace GoldenThread.Import;

/// <summary>
/// A bundle table from a CSV file (UTF-8, optional BOM, RFC 4180 quoting, header first), read through
/// CsvHelper's UTF-8 reader: fields are taken by position as spans and decoded into reused buffers, so a
/// row costs no allocation here.
/// </summary>
internal sealed class CsvTableSource : TableSource
{
    /// <summary>The longest row accepted; an unclosed quote would otherwise read the rest of a large file as one value.</summary>
    private const int MaxRecordBytes = 1 << 20;

    /// <summary>What a row of nothing but separators (Excel leaves them below the data) is made of.</summary>
    private static readonly SearchValues<byte> BlankRowBytes = SearchValues.Create(", \t\""u8);

    private readonly CsvReader _reader;
    private readonly long _totalBytes;
    private readonly ProblemList _problems;
    private readonly Queue<CsvMalformedRecord> _malformed = new();
    private char[][] _buffers = new char[8][];
    private IReadOnlyList<string> _header = [];
    private long _headerLine;
    private long _line;
    private bool _finished;

    public CsvTableSource(TableSpec spec, string path, ProblemList problems)
        : base(spec, Path.GetFileName(path))
    {
        _problems = problems;
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        try
        {
            _totalBytes = stream.Length;
            var options = new CsvReaderOptions
            {
                Separator = ',',
                HasHeader = true,
                Mode = CsvMode.Rfc4180,
                AllowLineBreaksInQuotes = true,
                SkipEmptyLines = true,
                DetectSeparatorHint = false,
                TrackLineNumbers = true,
                MalformedData = CsvMalformedDataHandling.Recover,
                FieldCountMismatch = CsvFieldCountHandling.Allow,
                MissingField = CsvMissingFieldHandling.ReturnEmpty,
                MaxRecordSize = MaxRecordBytes,
                OnMalformedRecord = _malformed.Enqueue,
            };
            _reader = CsvReader.Create(stream, options, leaveOpen: false);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public override long HeaderLine => _headerLine;

    public override long Line => _line;

    public override int FieldCount => _reader.FieldCount;

    public override bool FixedWidth => true;

    public override long BytesRead => _finished ? _totalBytes : _reader.ByteOffset;

    public override long TotalBytes => _totalBytes;

    public override string Location(long line) => string.Create(CultureInfo.InvariantCulture, $"{DisplayName}:{line}");

    public override IReadOnlyList<string>? ReadHeader()
    {
        try
        {
            _reader.ReadHeader();
            _header = _reader.Headers;
        }
        catch (CsvFormatException e)
        {
            ReportTooLong(e);
            return null;
        }

        if (_header.Count == 0)
        {
            return null;
        }

        _headerLine = _reader.LineNumber;
        ReportMalformed(_headerLine);
        return _header;
    }

    public override bool Read()
    {
        if (_finished)
        {
            return false;
        }

        try
        {
            while (_reader.Read())
            {
                if (_reader.RawRecord.IndexOfAnyExcept(BlankRowBytes) < 0)
                {
                    continue;
                }

                _line = _reader.LineNumber;
                if (_malformed.Count > 0)
                {
                    ReportMalformed(_line);
                }

                return true;
            }
        }
        catch (CsvFormatException e)
        {
            ReportTooLong(e);
        }

        _finished = true;
        ReportMalformed(long.MaxValue);
        return false;
    }

    public override ReadOnlySpan<char> Field(int index)
    {
        if ((uint)index >= (uint)_reader.FieldCount)
        {
            return default;
        }

        var bytes = _reader.GetSpan(index);
        if (bytes.IsEmpty)
        {
            return default;
        }

        if (index >= _buffers.Length)
        {
            Array.Resize(ref _buffers, Math.Max(index + 1, _buffers.Length * 2));
        }

        // UTF-8 never decodes to more UTF-16 units than it has bytes.
        var buffer = _buffers[index];
        if (buffer is null || buffer.Length < bytes.Length)
        {
            buffer = _buffers[index] = new char[Math.Max(bytes.Length, 32)];
        }

        var length = Encoding.UTF8.GetChars(bytes, buffer);
        return buffer.AsSpan(0, length).Trim();
    }

    public override string ColumnLabel(int index) => string.Create(CultureInfo.InvariantCulture, $"column {index + 1}");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _reader.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Reports the quoting problems that CsvHelper found up to and including <paramref name="upToLine"/>.</summary>
    private void ReportMalformed(long upToLine)
    {
        while (_malformed.Count > 0 && _malformed.Peek().LineNumber <= upToLine)
        {
            var record = _malformed.Dequeue();
            var at = record.LineNumber;
            var column = at == _line ? ColumnOfProblem(record) : at == _headerLine ? "header" : "row";
            _problems.Add(Spec.Order, at, Location(at), column, QuotingMessage(record.Reason));
        }
    }

    /// <summary>The column whose value holds a quoting problem of the current record, found by counting separators.</summary>
    private string ColumnOfProblem(CsvMalformedRecord record)
    {
        var raw = _reader.RawRecord;
        var offset = record.ByteOffset - _reader.ByteOffset;
        if (offset < 0 || offset > raw.Length)
        {
            return "row";
        }

        var field = 0;
        var quoted = false;
        for (var i = 0; i < offset && i < raw.Length; i++)
        {
            if (raw[i] == (byte)'"')
            {
                quoted = !quoted;
            }
            else if (raw[i] == (byte)',' && !quoted)
            {
                field++;
            }
        }

        return field < _header.Count && _header[field].Trim().Length > 0 ? _header[field].Trim() : ColumnLabel(field);
    }

    private static string QuotingMessage(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote =>
            "a quote inside a value that does not start with one; put the whole value in quotes and write each quote inside it twice (\"\")",
        CsvMalformedReason.TextAfterClosingQuote =>
            "text after the closing quote of a value; write each quote inside a quoted value twice (\"\")",
        CsvMalformedReason.UnterminatedQuote =>
            "a quote that is never closed, so the rest of the file reads as one value; close the quote or write it twice (\"\")",
        _ => "the quoting of this row is malformed; quote values as RFC 4180 says (\"a, b\", with each inner quote written twice)",
    };

    private void ReportTooLong(CsvFormatException e)
    {
        _finished = true;
        var at = e.LineNumber > 0 ? e.LineNumber : Math.Max(_line, 1);
        _problems.Add(
            Spec.Order,
            at,
            Location(at),
            "row",
            string.Create(CultureInfo.InvariantCulture, $"a row longer than {MaxRecordBytes / 1024 / 1024} MB, probably from a quote that is never closed; the rest of the file was not read"));
    }
}
