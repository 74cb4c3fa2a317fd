using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GoldenThread.Api.V1;

/// <summary>
/// Reads the JSON body of the exceptions' and escalations' writes strictly (<see cref="ApiJson.Problems{T}"/>: no unknown,
/// repeated or miscased field), answering a problem that names the field at fault: the body when it is not a JSON
/// object, the field when a value is of the wrong kind (a date that is not <c>yyyy-mm-dd</c>, a number for words).
/// </summary>
internal static class StrictBodies
{
    public static async Task<(T? Body, ValidationProblem? Problem)> ReadAsync<T>(HttpContext context, string example, CancellationToken cancellationToken)
        where T : class
    {
        if (!context.Request.HasJsonContentType())
        {
            return (null, ApiProblems.InvalidFields([("body", $"Send the body as JSON with 'Content-Type: application/json', such as {example}.")]));
        }

        var options = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return (null, ApiProblems.InvalidFields([("body", $"The body is not valid JSON; send a JSON object such as {example}.")]));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, ApiProblems.InvalidFields([("body", $"The body is not a JSON object; send one such as {example}.")]));
            }

            if (ApiJson.Problems<T>(document.RootElement, options) is [_, ..] problems)
            {
                return (null, ApiProblems.InvalidFields(problems));
            }

            try
            {
                return (document.RootElement.Deserialize<T>(options)!, null);
            }
            catch (JsonException e)
            {
                var field = FieldOf(e.Path);
                return (null, ApiProblems.InvalidFields([(field ?? "body", field is null
                    ? $"The body holds the wrong kind of value; send a JSON object such as {example}."
                    : $"{field} holds the wrong kind of value; send a JSON object such as {example}.")]));
            }
        }
    }

    /// <summary>The top-level field a reader's error path names (<c>$.decided_on</c> gives <c>decided_on</c>); null for the whole body.</summary>
    private static string? FieldOf(string? path)
    {
        if (path is null || !path.StartsWith("$.", StringComparison.Ordinal) || path.Length == 2)
        {
            return null;
        }

        var rest = path[2..];
        var end = rest.IndexOfAny(['.', '[']);
        return end < 0 ? rest : rest[..end];
    }
}
