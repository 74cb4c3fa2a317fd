using System.Text.Json;
using System.Text.Json.Serialization;
using GoldenThread.Api;

namespace GoldenThread.Tests.Api;

/// <summary>Reads the API's answers into its declared types, refusing any field that is missing, extra or of the wrong kind.</summary>
public static class StrictJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = ApiJson.CreateOptions();
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
