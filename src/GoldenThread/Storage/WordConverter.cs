using GoldenThread.Domain;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GoldenThread.Storage;

/// <summary>
/// The one way an enumeration is stored: as its word (<c>half_yearly</c>, <c>delivery_lead</c>), so that the
/// stored rows read as the contract does and reordering an enumeration never changes what a row means. The
/// words are the contract's (<see cref="Codes"/>) unless the enumeration has its own table of words.
/// </summary>
public sealed class WordConverter<T> : ValueConverter<T, string>
    where T : struct, Enum
{
    /// <summary>Words from <see cref="Codes"/>, the contract's words for the domain's enumerations.</summary>
    public WordConverter()
        : this(Codes.Of, word => Codes.TryParse<T>(word, out var value) ? value : null)
    {
    }

    /// <summary>Words from the enumeration's own table (roles, token scopes).</summary>
    public WordConverter(IEnumerable<(T Value, string Word)> words)
        : this(new Table(words))
    {
    }

    private WordConverter(Table table)
        : this(table.Word, table.Value)
    {
    }

    private WordConverter(Func<T, string> toWord, Func<string, T?> fromWord)
        : base(v => toWord(v), s => fromWord(s) ?? Refuse(s))
    {
    }

    private static T Refuse(string word) =>
        throw new InvalidOperationException($"'{word}' is not a stored {typeof(T).Name}.");

    private sealed class Table(IEnumerable<(T Value, string Word)> words)
    {
        private readonly Dictionary<T, string> _words = words.ToDictionary(w => w.Value, w => w.Word);

        public string Word(T value) =>
            _words.TryGetValue(value, out var word) ? word : throw new ArgumentOutOfRangeException(nameof(value), value, null);

        public T? Value(string word)
        {
            foreach (var (value, candidate) in _words)
            {
                if (string.Equals(candidate, word.Trim(), StringComparison.OrdinalIgnoreCase))
                {
                    return value;
                }
            }

            return null;
        }
    }
}
