using System.Globalization;

namespace GoldenThread.Benchmarks.Generator;

/// <summary>
/// Builds one CSV line in a reusable buffer and writes it, formatting numbers with the invariant culture and
/// no allocation. Only for cells that never need quoting: codes, plain names and numbers.
/// </summary>
internal sealed class CsvLine(TextWriter writer)
{
    private static readonly long[] PowersOfTen = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];

    private readonly char[] _buffer = new char[4096];
    private int _length;
    private bool _cellStarted;

    /// <summary>10 to the power <paramref name="decimals"/> (0-6): the scale of a fixed-point figure.</summary>
    public static long Scale(int decimals) => PowersOfTen[decimals];

    public CsvLine Cell(string text)
    {
        Separate();
        text.AsSpan().CopyTo(_buffer.AsSpan(_length));
        _length += text.Length;
        return this;
    }

    public CsvLine Cell(int number)
    {
        Separate();
        number.TryFormat(_buffer.AsSpan(_length), out var written, default, CultureInfo.InvariantCulture);
        _length += written;
        return this;
    }

    /// <summary>An empty cell: N/A, or an optional column left out.</summary>
    public CsvLine Empty()
    {
        Separate();
        return this;
    }

    /// <summary>A fixed-point figure: <paramref name="scaled"/> / 10^<paramref name="decimals"/>, e.g. 1234 and 2 as 12.34.</summary>
    public CsvLine Fixed(long scaled, int decimals)
    {
        Separate();
        var span = _buffer.AsSpan();
        if (scaled < 0)
        {
            span[_length++] = '-';
            scaled = -scaled;
        }

        var scale = PowersOfTen[decimals];
        (scaled / scale).TryFormat(span[_length..], out var written, default, CultureInfo.InvariantCulture);
        _length += written;
        if (decimals > 0)
        {
            span[_length++] = '.';
            var fraction = scaled % scale;
            for (var unit = scale / 10; unit > 0; unit /= 10)
            {
                span[_length++] = (char)('0' + (fraction / unit % 10));
            }
        }

        return this;
    }

    /// <summary>Writes the line with a line feed and starts the next.</summary>
    public void End()
    {
        _buffer[_length++] = '\n';
        writer.Write(_buffer, 0, _length);
        _length = 0;
        _cellStarted = false;
    }

    private void Separate()
    {
        if (_cellStarted)
        {
            _buffer[_length++] = ',';
        }

        _cellStarted = true;
    }
}
