using System.Globalization;

namespace GoldenThread.Domain;

/// <summary>
/// What the codes and names of areas, organisations, bodies, indicators and people may hold, wherever they are entered
/// (the import, the administration pages). A control character breaks the lines and files a name is written into; an
/// invisible direction mark or override reverses the text shown after it; a <c>/</c> in a code makes a web address that
/// cannot be reached. Each rule gives what follows the field's name in a message: "holds ...; remove it".
/// </summary>
public static class Names
{
    /// <summary>Why a code cannot be used, or null when it can.</summary>
    public static string? CodeProblem(ReadOnlySpan<char> code)
    {
        if (code.Contains('/'))
        {
            return "holds a /, which cannot be part of a web address; use another character, such as -";
        }

        return NameProblem(code);
    }

    /// <summary>Why a name (or a title) cannot be used, or null when it can.</summary>
    public static string? NameProblem(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
        {
            if (char.IsControl(c))
            {
                return $"holds the control character {Unicode(c)} (a tab, line break or other character that is not shown); remove it";
            }

            if (IsDirectionControl(c))
            {
                return $"holds the invisible character {Unicode(c)}, which changes the direction of the text shown after it; remove it";
            }
        }

        return null;
    }

    /// <summary>
    /// The explicit direction marks, embeddings, overrides and isolates of Unicode's bidirectional algorithm: invisible,
    /// and able to make text read differently from what it holds.
    /// </summary>
    public static bool IsDirectionControl(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private static string Unicode(char c) => "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
}
