using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace GoldenThread.Api;

/// <summary>
/// What the OpenAPI generator cannot see in a handler's signature: which parameters are required although their type
/// is optional (the handler checks them itself, to answer with a problem a person can act on), an example of each, and
/// what each response means for this operation rather than the status code's bare name.
/// </summary>
public static class ApiOperationDocs
{
    /// <summary>A parameter's documentation beyond its <see cref="System.ComponentModel.DescriptionAttribute"/>.</summary>
    public sealed record Parameter(string Name, bool Required, string Example);

    /// <summary>What a status code means for this operation.</summary>
    public sealed record Response(int Status, string Description);

    /// <summary>An operation transformer that applies the parameters' and responses' documentation.</summary>
    public static Func<OpenApiOperation, OpenApiOperationTransformerContext, CancellationToken, Task> Describe(
        IReadOnlyList<Parameter> parameters,
        IReadOnlyList<Response> responses) =>
        (operation, _, _) =>
        {
            foreach (var parameter in operation.Parameters ?? [])
            {
                if (parameter is OpenApiParameter concrete && parameters.FirstOrDefault(p => p.Name == concrete.Name) is { } doc)
                {
                    concrete.Required = doc.Required;
                    concrete.Example = JsonValue.Create(doc.Example);
                }
            }

            foreach (var response in responses)
            {
                var status = response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (operation.Responses?.TryGetValue(status, out var declared) == true && declared is OpenApiResponse concrete)
                {
                    concrete.Description = response.Description;
                }
            }

            return Task.CompletedTask;
        };
}
