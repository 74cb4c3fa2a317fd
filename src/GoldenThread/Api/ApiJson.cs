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
    }

    /// <summary>Options with the API's settings, for reading the API's answers back (tests, clients in this repository).</summary>
    public static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions();
        Configure(options);
        return options;
    }
}
