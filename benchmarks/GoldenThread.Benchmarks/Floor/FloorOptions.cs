using System.Globalization;

namespace GoldenThread.Benchmarks.Floor;

/// <summary>The options of the <c>floor</c> subcommands: <c>--name value</c> pairs, each given at most once.</summary>
internal sealed class FloorOptions
{
    private readonly Dictionary<string, string> _values;

    private FloorOptions(Dictionary<string, string> values) => _values = values;

    public static FloorOptions? Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> allowed, out string? error)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!allowed.Contains(name))
            {
                error = $"{name}: unknown option (expected {string.Join(", ", allowed)}).";
                return null;
            }

            if (i + 1 >= args.Count)
            {
                error = $"{name}: a value is missing.";
                return null;
            }

            if (!values.TryAdd(name, args[++i]))
            {
                error = $"{name}: given twice.";
                return null;
            }
        }

        error = null;
        return new FloorOptions(values);
    }

    public string? Text(string name) => _values.GetValueOrDefault(name);

    public string Required(string name) =>
        _values.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new ArgumentException($"{name} is required.");

    public int Number(string name, int fallback, int min = 1, int max = 1000)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"{name}: '{text}' is not a whole number from {min} to {max}.");
    }
}
