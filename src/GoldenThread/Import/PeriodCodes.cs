using GoldenThread.Domain.Periods;

namespace GoldenThread.Import;

/// <summary>
/// Period codes read so far and what they mean, so that a million rows over twelve quarters parse twelve codes.
/// </summary>
internal sealed class PeriodCodes
{
    /// <summary>Beyond this many distinct texts (a file of junk), codes are parsed without being remembered.</summary>
    private const int MaxRemembered = 10_000;

    private readonly Dictionary<string, Parsed> _parsed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Parsed>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private string? _lastText;
    private Parsed _last;

    public PeriodCodes() => _bySpan = _parsed.GetAlternateLookup<ReadOnlySpan<char>>();

    public bool TryParse(ReadOnlySpan<char> text, out Period period)
    {
        if (_lastText is null || !text.SequenceEqual(_lastText))
        {
            if (_bySpan.TryGetValue(text, out var key, out var known))
            {
                _lastText = key;
                _last = known;
            }
            else
            {
                var valid = Cells.TryParsePeriod(text, out var value);
                known = new Parsed(valid, value);
                if (_parsed.Count >= MaxRemembered)
                {
                    period = value;
                    return valid;
                }

                _lastText = text.ToString();
                _last = known;
                _parsed.Add(_lastText, known);
            }
        }

        period = _last.Period;
        return _last.Valid;
    }

    private readonly record struct Parsed(bool Valid, Period Period);
}
