using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace GoldenThread.Api;

/// <summary>The API's OpenAPI document: its name, where it is served and committed, and what it says about itself.</summary>
public static class ApiDocument
{
    /// <summary>The document's name: the API's version.</summary>
    public const string Name = "v1";

    /// <summary>Where the site serves the document; the reference page links to it.</summary>
    public const string Path = "/api/openapi/" + Name + ".json";

    /// <summary>The route template given to <c>MapOpenApi</c>.</summary>
    public const string RouteTemplate = "/api/openapi/{documentName}.json";

    /// <summary>The committed copy that the build writes, relative to the repository root.</summary>
    public const string CommittedPath = "src/GoldenThread/Api/openapi/" + Name + ".json";

    public const string Title = "GoldenThread API";

    public const string Description =
        "A partnership's performance data: the scorecard for any period, with the same figures and judgements as the command line and the scorecard page, and the indicators with their targets and values; and submitting figures.\n\n" +
        "Every request needs an API token, sent as 'Authorization: Bearer <token>'. Anyone signed in makes their own on the 'API tokens' page (/account/tokens), or an operator with 'goldenthread users token'; a token is shown once, lasts at most a year and can be revoked. A token with read scope reads everything; one with submit scope may also submit the figures its person may submit. A browser that is signed in may read, but only a token may write.\n\n" +
        "Every answer is JSON. Errors are problem details (RFC 9457, application/problem+json): 400 when a parameter or a field is missing or not valid, with it named; 401 without a usable token; 403 when the token or its person may not do that; 404 when a code names nothing that is stored; 429 when a token (or an address) makes too many requests in a minute.";

    /// <summary>The name of the bearer-token security scheme in the document's components.</summary>
    public const string BearerScheme = "bearer";

    private static readonly Dictionary<string, string> ProblemFields = new(StringComparer.Ordinal)
    {
        ["type"] = "A URI for the kind of problem.",
        ["title"] = "The kind of problem, the same for every problem of its kind.",
        ["status"] = "The HTTP status code.",
        ["detail"] = "What is wrong with this request, and what would put it right.",
        ["instance"] = "A URI for this occurrence of the problem, when there is one.",
        ["errors"] = "The parameter at fault, with what is wrong with it.",
    };

    /// <summary>Fills in the title and description, and leaves out servers so that the document is the same wherever it is generated.</summary>
    public static void Configure(OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo { Title = Title, Version = Name, Description = Description };

            // The paths are relative to wherever the site runs; a request's own address would make every copy differ.
            document.Servers?.Clear();

            // Every operation takes the API token (Tokens/TokenAuthenticationHandler.cs), so clients and tools know to send one.
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "GoldenThread API token (gt_ and 43 characters)",
                Description = "An API token made on the 'API tokens' page (/account/tokens) or with 'goldenthread users token', sent as 'Authorization: Bearer <token>'. Read scope reads; submit scope may also submit figures.",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];
            return Task.CompletedTask;
        });
        options.AddSchemaTransformer((schema, context, _) =>
        {
            // Figures are decimals, stored and compared exactly (assessment.md); "double" would tell clients otherwise.
            var type = context.JsonTypeInfo.Type;
            if ((Nullable.GetUnderlyingType(type) ?? type) == typeof(decimal))
            {
                schema.Format = "decimal";
            }

            if (context.JsonPropertyInfo is { } property && typeof(ProblemDetails).IsAssignableFrom(property.DeclaringType)
                && ProblemFields.TryGetValue(property.Name, out var field))
            {
                schema.Description = field;
            }
            else if (type == typeof(ProblemDetails))
            {
                schema.Description = "A problem (RFC 9457): what went wrong, worded for the person reading it.";
            }
            else if (type == typeof(HttpValidationProblemDetails))
            {
                schema.Description = "A problem (RFC 9457) with the request's parameters, naming the parameter at fault in errors.";
            }

            return Task.CompletedTask;
        });
    }
}
