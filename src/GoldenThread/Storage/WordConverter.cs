using System.Linq.Expressions;
using GoldenThread.Domain;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GoldenThread.Storage;

/// <summary>
/// The one way an enumeration is stored: as its word (<c>half_yearly</c>, <c>delivery_lead</c>), so that the
/// stored rows read as the contract does and reordering an enumeration never changes what a row means. The
/// words are the contract's (<see cref="Codes"/>) unless the enumeration has its own table of words.
/// </summary>
/// <remarks>
/// The conversions are expressions that call static methods and read static fields only, never a captured delegate or
/// table: the compiled model (<c>Storage/CompiledModels</c>) is generated C# that must spell each conversion out.
/// </remarks>
public sealed class WordConverter<T> : ValueConverter<T, string>
    where T : struct, Enum
{
    /// <summary>Words from <see cref="Codes"/>, the contract's words for the domain's enumerations.</summary>
    public WordConverter()
        : base(v => Codes.Of(v), s => StoredWords.FromCode<T>(s))
    {
    }

    /// <summary>
    /// Words from the enumeration's own table (roles, token scopes): <paramref name="table"/> reads a static field or
    /// property that holds it, for example <c>() =&gt; RoleWords</c>, which must be public (the compiled model reads it).
    /// </summary>
    public WordConverter(Expression<Func<WordTable<T>>> table)
        : base(ToWord(table), FromWord(table))
    {
    }

    private static Expression<Func<T, string>> ToWord(Expression<Func<WordTable<T>>> table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var value = Expression.Parameter(typeof(T), "v");
        return Expression.Lambda<Func<T, string>>(Expression.Call(table.Body, typeof(WordTable<T>).GetMethod(nameof(WordTable<T>.Word))!, value), value);
    }

    private static Expression<Func<string, T>> FromWord(Expression<Func<WordTable<T>>> table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var word = Expression.Parameter(typeof(string), "s");
        return Expression.Lambda<Func<string, T>>(Expression.Call(table.Body, typeof(WordTable<T>).GetMethod(nameof(WordTable<T>.Value))!, word), word);
    }
}

/// <summary>The conversions <see cref="WordConverter{T}"/> calls.</summary>
public static class StoredWords
{
    /// <summary>The value of a contract's word; a word that is not one is refused.</summary>
    public static T FromCode<T>(string word)
        where T : struct, Enum =>
        Codes.TryParse<T>(word, out var value) ? value : throw WordTable<T>.NotStored(word);
}

/// <summary>An enumeration's own words, both ways (<see cref="WordConverter{T}"/>).</summary>
public sealed class WordTable<T>(IEnumerable<(T Value, string Word)> words)
    where T : struct, Enum
{
    private readonly Dictionary<T, string> _words = words.ToDictionary(w => w.Value, w => w.Word);

    public string Word(T value) =>
        _words.TryGetValue(value, out var word) ? word : throw new ArgumentOutOfRangeException(nameof(value), value, null);

    /// <summary>The value of a word, ignoring case and surrounding spaces; a word that is not one is refused.</summary>
    public T Value(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        foreach (var (value, candidate) in _words)
        {
            if (string.Equals(candidate, word.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        throw NotStored(word);
    }

    internal static InvalidOperationException NotStored(string word) => new($"'{word}' is not a stored {typeof(T).Name}.");
}
