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
        "A partnership's performance data: the scorecard for any period, with the same figures and judgements as the command line and the scorecard page, and the indicators with their targets and values; submitting figures; and the quarter's returns.\n\n" +
        "Every request needs an API token, sent as 'Authorization: Bearer <token>'. Anyone signed in makes their own on the 'API tokens' page (/account/tokens), or an operator with 'goldenthread users token'; a token is shown once, lasts at most a year and can be revoked. A token with read scope reads everything; one with submit scope may also submit the figures its person may submit. A browser that is signed in may read, but only a token may write.\n\n" +
        "Every answer is JSON. Errors are problem details (RFC 9457, application/problem+json): 400 when a parameter or a field is missing or not valid, with it named; 401 without a usable token; 403 when the token or its person may not do that; 404 when a code names nothing that is stored; 405 (with Allow) for a method an address does not take; 413 for a body over 1 MB; 415 for a body that is not JSON; 429 (with Retry-After) when a token, or an address sending refused tokens, makes too many requests in a minute; 503 (with Retry-After) when the database is busy with another change. A field's name must be given exactly, once; any other field is refused.\n\n" +
        "This document is public (it holds no data): " + Path + ". Answers are never to be cached (Cache-Control: no-store).";

    /// <summary>The example body of a submission, in the document and the reference page's curl line.</summary>
    public const string SubmissionExample = "{\"actual\": 0.52, \"projected_outturn\": 1.01, \"note\": \"Two incidents reclassified\"}";

    /// <summary>The example body of setting a stage by hand (POST /api/v1/ladder/triggers).</summary>
    public const string TriggerExample = "{\"indicator\": \"NI 15\", \"area\": \"HRT\", \"stage\": 2, \"reason\": \"Red for two quarters and the partnership's plan is not working\", \"evidence\": \"Crime figures for 2009-10 Q1 and Q2; inspection letter of 2 November 2009\"}";

    /// <summary>The example body of clearing a stage set by hand.</summary>
    public const string ClearanceExample = "{\"reason\": \"Back on trajectory after the improvement plan\"}";

    /// <summary>The example body of the accountable body's consideration of an exception report (POST /api/v1/exceptions/{id}/consideration).</summary>
    public const string ConsiderationExample = "{\"decision\": \"challenge\", \"text\": \"What will the extra patrols cost, and who pays?\"}";

    /// <summary>The example body of the delivery lead's answer to a challenge (POST /api/v1/exceptions/{id}/answer).</summary>
    public const string AnswerExample = "{\"answer\": \"Two officers left in December; both posts are advertised and patrols are covered by overtime\"}";

    /// <summary>The example body of closing an exception report by hand (POST /api/v1/exceptions/{id}/closure).</summary>
    public const string ExceptionClosureExample = "{\"reason\": \"Indicator withdrawn from the framework\"}";

    /// <summary>The example body of writing a data-quality exception report (POST /api/v1/exceptions/{id}/writing).</summary>
    public const string DataQualityWritingExample = "{\"reason\": \"The new case system lost two months of referrals\", \"plans\": \"Referrals re-keyed from paper by the end of January\", \"submit\": true}";

    /// <summary>The example body of escalating an issue (POST /api/v1/escalations).</summary>
    public const string EscalationExample = "{\"indicator\": \"NI 15\", \"area\": \"HRT\", \"issue\": \"Partners cannot agree who funds the extra patrols\"}";

    /// <summary>The example body of a decision on an escalation (POST /api/v1/escalations/{id}/decisions).</summary>
    public const string EscalationDecisionExample = "{\"outcome\": \"escalate\", \"decision\": \"The partnership cannot fund it: to the executive board\", \"decided_on\": \"2009-11-12\"}";

    /// <summary>The example body of a return's PUT: one line's figures, saved as a draft.</summary>
    public const string ReturnEntryExample = "{\"submit\": false, \"lines\": [{\"line\": 1, \"actual\": 12.5, \"projected_outturn\": 48, \"note\": \"Two incidents reclassified\"}]}";

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

    /// <summary>What each tag's operations are about.</summary>
    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Scorecard"] = "Every indicator's figures and judgements (status, trend, ladder stage) for one period, as the scorecard page and the command line give them.",
        ["Indicators"] = "The indicators' definitions, with their targets and values by area and period.",
        ["Figures"] = "Submitting an indicator's figures for an area and period, with a token of submit scope.",
        ["Ladder of intervention"] = "Who is at which stage of the ladder of intervention and why; the stages the executive board sets and clears by hand (with a token of submit scope, for its members and administrators); and issues escalated along the governance chain.",
        ["Returns"] = "A quarter's returns: reading yours with what is due and what the drafts give, and saving and submitting one all or nothing, with a token of submit scope.",
        ["Exceptions"] = "Exception reports, performance and data quality: reading them with their history, and the accountable body's consideration (note, challenge, accept) with a token of submit scope.",
    };

    /// <summary>The answers every operation may give besides its own: no usable token, too many requests.</summary>
    private static readonly (int Status, string Description)[] EveryOperation =
    [
        (StatusCodes.Status401Unauthorized, "No API token came with the request, or it is unknown, expired or revoked; the WWW-Authenticate header says which."),
        (StatusCodes.Status429TooManyRequests, "Too many requests in a minute from this token (or, for refused tokens and requests without one, from this address); Retry-After says how many seconds to wait."),
    ];

    /// <summary>
    /// Fills in the title, description, licence, servers and tags, the answers every operation may give, and the example
    /// of a submission. The server is a template (scheme and host), so the document is the same wherever it is generated.
    /// </summary>
    public static void Configure(OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = Title,
                Version = Name,
                Description = Description,
                License = new OpenApiLicense { Name = "Open Government Licence v3.0", Url = new Uri("https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/") },
            };

            // The paths are relative to wherever the site runs; a request's own address would make every copy differ.
            document.Servers =
            [
                new OpenApiServer
                {
                    Url = "{scheme}://{host}",
                    Description = "Your partnership's GoldenThread site.",
                    Variables = new Dictionary<string, OpenApiServerVariable>(StringComparer.Ordinal)
                    {
                        ["scheme"] = new() { Default = "https", Enum = ["https", "http"], Description = "https, except for a site on this machine." },
                        ["host"] = new() { Default = "127.0.0.1:5000", Description = "The site's host name (and port), such as performance.council.gov.uk." },
                    },
                },
            ];

            foreach (var tag in document.Tags ?? Enumerable.Empty<OpenApiTag>())
            {
                if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var about))
                {
                    tag.Description = about;
                }
            }

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

            foreach (var operation in (document.Paths ?? []).SelectMany(p => p.Value.Operations ?? []))
            {
                operation.Value.Responses ??= [];
                var answers = EveryOperation.ToList();
                if (operation.Key == HttpMethod.Put)
                {
                    answers.Add((StatusCodes.Status503ServiceUnavailable, "The database is busy with another change (an import, say); nothing was changed. Retry-After says when to try again."));
                }

                foreach (var (status, description) in answers)
                {
                    var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    if (!operation.Value.Responses.ContainsKey(key))
                    {
                        operation.Value.Responses[key] = new OpenApiResponse
                        {
                            Description = description,
                            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                            {
                                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(nameof(ProblemDetails), document) },
                            },
                        };
                    }
                }

                if (operation.Value.RequestBody?.Content?.TryGetValue("application/json", out var body) == true && body is OpenApiMediaType media)
                {
                    var example = operation.Value.OperationId switch
                    {
                        nameof(V1.SubmitFigure) => SubmissionExample,
                        nameof(V1.SaveReturn) => ReturnEntryExample,
                        nameof(V1.RaiseTrigger) => TriggerExample,
                        nameof(V1.ClearTrigger) => ClearanceExample,
                        "ConsiderException" => ConsiderationExample,
                        V1.AnswerExceptionOperation.Name => AnswerExample,
                        V1.CloseExceptionOperation.Name => ExceptionClosureExample,
                        V1.WriteDataQualityOperation.Name => DataQualityWritingExample,
                        V1.RaiseEscalationOperation.Name => EscalationExample,
                        V1.DecideEscalationOperation.Name => EscalationDecisionExample,
                        _ => null,
                    };
                    if (example is not null)
                    {
                        media.Example = System.Text.Json.Nodes.JsonNode.Parse(example);
                    }
                }
            }

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

            // The enumerations are written as words (ApiJson); say so, so that generated clients make them strings.
            if ((Nullable.GetUnderlyingType(type) ?? type).IsEnum && schema.Enum is { Count: > 0 } && schema.Type is null)
            {
                schema.Type = JsonSchemaType.String;
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
