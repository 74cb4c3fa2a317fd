using System.Text.Json;
using System.Text.Json.Serialization;

namespace GoldenThread.Api;

/// <summary>
/// How the API writes JSON, and how its OpenAPI schemas are derived: the contract's snake_case words for every
/// enumeration (<c>half_yearly</c>, <c>strong_green</c>), numbers as JSON numbers, and nullability and required
/// fields taken from the C# types.
/// </summary>
public static class ApiJson
{
    /// <summary>Applies the API's settings to the options that minimal APIs and the OpenAPI generator share.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // SnakeCaseLower gives exactly Codes.Of and StatusCodes.Code for every domain enumeration (a test checks).
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));

        // The web defaults read numbers from strings too, which makes every number "number or string" in the schema.
        options.NumberHandling = JsonNumberHandling.Strict;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.WriteIndented = true;

        // The web defaults match names whatever their case, so {"Actual": 1} was read although the schema has only
        // "actual"; a property given twice kept the last. Both are refused (see also Problems, which names them).
        options.PropertyNameCaseInsensitive = false;
        options.AllowDuplicateProperties = false;

        // The web host's options come with a resolver; options made here need one for Problems to read the schema.
        options.TypeInfoResolver ??= new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver();
    }

    /// <summary>
    /// What is wrong with a request body's JSON object as a <typeparamref name="T"/>, before it is read: each property that
    /// is not one of the type's (names are matched exactly, so a name in the wrong case is refused and the right one
    /// suggested), each property given more than once, and each number too large for a decimal field. Empty when none.
    /// </summary>
    public static IReadOnlyList<(string Field, string Message)> Problems<T>(JsonElement body, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (body.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var properties = options.GetTypeInfo(typeof(T)).Properties.ToDictionary(p => p.Name, p => p.PropertyType, StringComparer.Ordinal);
        var fields = string.Join(", ", properties.Keys);
        var problems = new List<(string Field, string Message)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in body.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                problems.Add((property.Name, $"'{property.Name}' is given more than once; give each field once."));
                continue;
            }

            if (!properties.TryGetValue(property.Name, out var type))
            {
                var near = properties.Keys.FirstOrDefault(k => string.Equals(k, property.Name, StringComparison.OrdinalIgnoreCase));
                problems.Add(("body", near is null
                    ? $"'{property.Name}' is not a field; the fields are {fields}."
                    : $"'{property.Name}' is not a field; field names are in lower case: '{near}'."));
                continue;
            }

            var numeric = Nullable.GetUnderlyingType(type) ?? type;
            if (numeric == typeof(decimal) && property.Value.ValueKind == JsonValueKind.Number && !property.Value.TryGetDecimal(out _))
            {
                problems.Add((property.Name, $"{property.Name} is too large to store: a figure may be at most {decimal.MaxValue:0} either side of zero."));
            }
        }

        return problems;
    }

    /// <summary>Options with the API's settings, for reading the API's answers back (tests, clients in this repository).</summary>
    public static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions();
        Configure(options);
        return options;
    }
}
