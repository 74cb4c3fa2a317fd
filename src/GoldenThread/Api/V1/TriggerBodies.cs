using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GoldenThread.Api.V1;

/// <summary>
/// Reads the JSON body of the ladder's writes after the caller's right to write was checked (so that a refusal does not
/// depend on the body), answering a problem that names the body when it is not the JSON object asked for.
/// </summary>
internal static class TriggerBodies
{
    public static async Task<(T? Body, ValidationProblem? Problem)> ReadAsync<T>(HttpContext context, CancellationToken cancellationToken)
        where T : class
    {
        var example = typeof(T) == typeof(TriggerRequestDocument)
            ? "{\"indicator\": \"NI 15\", \"area\": \"HRT\", \"stage\": 2, \"reason\": \"...\", \"evidence\": \"...\"}"
            : "{\"reason\": \"...\"}";
        if (!context.Request.HasJsonContentType())
        {
            return (null, ApiProblems.InvalidFields([("body", $"Send the body as JSON with 'Content-Type: application/json', such as {example}.")]));
        }

        var options = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        try
        {
            var body = await context.Request.ReadFromJsonAsync<T>(options, cancellationToken);
            return body is null
                ? (null, ApiProblems.InvalidFields([("body", $"The body is empty: send a JSON object such as {example}.")]))
                : (body, null);
        }
        catch (JsonException e)
        {
            return (null, ApiProblems.InvalidFields([("body", $"The body is not the JSON object asked for ({e.Message}); send one such as {example}.")]));
        }
    }
}
