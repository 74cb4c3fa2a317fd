using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using GoldenThread.Access;
using GoldenThread.Audit;
using GoldenThread.Domain.Indicators;
using GoldenThread.Returns;
using GoldenThread.Tokens;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace GoldenThread.Api.V1;

/// <summary>
/// <c>PUT /api/v1/figures/{indicator}/{area}/{period}</c>: submits one values row. Only a bearer token with submit
/// scope may write: the browser's cookie is not accepted here, so no other site can make a signed-in browser submit.
/// </summary>
public static class SubmitFigure
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPut("/figures/{indicator}/{area}/{period}", HandleAsync)
            .WithName(nameof(SubmitFigure))
            .WithTags("Figures")
            .WithSummary("Submit an indicator's figures for an area and period")
            .WithDescription(
                "Creates or replaces one values row, as a row of the import bundle's values.csv would: the body's actual, projected_outturn and note " +
                "replace the stored ones, and a field that is left out or null is N/A. The answer is the row as stored.\n\n" +
                "The figures are checked as the import checks them: the period must fit the indicator's frequency (an actual is for a year or one of its " +
                "reporting periods; a projected outturn may also be for any quarter) and must have started, numbers must lie within the indicator's " +
                "min_value and max_value and be at most a trillion either side of zero (the site's configured maximum), with no more than 28 " +
                "significant digits (a figure is never rounded), and a note may have at most 4000 characters. A refused row is a 400 problem naming " +
                "the field in errors, and nothing is changed. A row entered by mistake is withdrawn with DELETE on the same address.\n\n" +
                "Send an API token with submit scope as 'Authorization: Bearer <token>' (make one on the 'API tokens' page). The token's person must " +
                "be allowed to submit these figures: figures belong to the indicator's lead organisation, and are submitted by its performance officers, " +
                "the indicator's owner and deputy, or the delivery lead for that area. Every submission is recorded in the audit trail.\n\n" +
                "Body: a JSON object with actual (number or null), projected_outturn (number or null) and note (text or null), for example " +
                "{\"actual\": 0.52, \"projected_outturn\": 1.01, \"note\": \"Two incidents reclassified\"}. Put the indicator code in the path " +
                "with its space percent-encoded: /api/v1/figures/NI%2015/HRT/2009-10-Q2.")
            .Accepts<FigureSubmissionDocument>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(new AuthorizeAttribute { Policy = Policies.Submit, AuthenticationSchemes = TokenAuthenticationHandler.SchemeName })
            .AddOpenApiOperationTransformer(ApiOperationDocs.Describe(
                [
                    new("indicator", Required: true, Example: "NI 15"),
                    new("area", Required: true, Example: "HRT"),
                    new("period", Required: true, Example: "2009-10-Q2"),
                ],
                [
                    new(StatusCodes.Status200OK, "The figures were stored; the answer is the row as stored."),
                    new(StatusCodes.Status400BadRequest, "The body is not a figure, or a figure breaks the import's rules; errors names the field. Nothing was changed."),
                    new(StatusCodes.Status401Unauthorized, "No API token came with the request, or it is unknown, expired or revoked. A browser's session cookie is not accepted here."),
                    new(StatusCodes.Status403Forbidden, "The token has read scope only, or its person may not submit this indicator's figures for this area."),
                    new(StatusCodes.Status404NotFound, "There is no indicator, or no area, with the code given."),
                ]));

    private static async Task<Results<Ok<FigureDocument>, ProblemHttpResult, ValidationProblem>> HandleAsync(
        [Description("The indicator's code, exactly as imported (codes are case-sensitive), e.g. NI 15.")]
        string indicator,
        [Description("The area's code, e.g. HRT.")]
        string area,
        [Description("The period code: a year such as 2009-10, or a half year, quarter or month of one: 2009-10-H1, 2009-10-Q2, 2009-10-M07.")]
        string period,
        HttpContext context,
        [FromServices] FigureSubmission submission,
        [FromServices] IAuthorizationService authorization,
        [FromServices] IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await ReadBodyAsync(context.Request, json.Value.SerializerOptions, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var user = context.User;
        var actor = await HttpAuditActor.OfAsync(context);
        var outcome = await submission.SubmitAsync(
            indicator,
            area,
            period,
            new FigureInput(body.Actual, body.ProjectedOutturn, body.Note),
            async figures => (await authorization.AuthorizeAsync(user, figures, SubmitFiguresRequirement.Instance)).Succeeded,
            actor,
            cancellationToken);
        if (outcome is SubmissionOutcome.Refused refused)
        {
            await Audit.AccessAudit.DeniedAsync(context, refused.Detail);
        }

        return outcome switch
        {
            SubmissionOutcome.Submitted s => TypedResults.Ok(new FigureDocument(
                s.Figure.Indicator, s.Figure.Area, s.Figure.Period, s.Figure.Actual, s.Figure.ProjectedOutturn, s.Figure.Note)),
            SubmissionOutcome.NotFound n => ApiProblems.NotFound(n.Detail),
            SubmissionOutcome.Refused r => ApiProblems.Forbidden(r.Detail),
            SubmissionOutcome.Invalid i => ApiProblems.InvalidFields(i.Problems.Select(p => (p.Field, p.Message)).ToList()),
            _ => throw new InvalidOperationException($"Unexpected outcome {outcome}."),
        };
    }

    /// <summary>Reads the JSON body strictly, answering a problem that names the field when it is not a figure.</summary>
    internal static async Task<(FigureSubmissionDocument? Body, ValidationProblem? Problem)> ReadBodyAsync(
        HttpRequest request, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        const string Example = "such as {\"actual\": 12.5, \"projected_outturn\": null, \"note\": null}";
        if (!request.HasJsonContentType())
        {
            return (null, ApiProblems.InvalidFields([("body", $"Send the figures as JSON with 'Content-Type: application/json', {Example}.")]));
        }

        // The JSON reader checks the encoding of names only when they are read, later: check the whole body first.
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (!System.Text.Unicode.Utf8.IsValid(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))
        {
            return (null, ApiProblems.InvalidFields([("body", $"The body is not UTF-8 text; send a JSON object {Example}.")]));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        }
        catch (JsonException e)
        {
            return (null, ApiProblems.InvalidFields([("body", $"The body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}); send a JSON object {Example}.")]));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, ApiProblems.InvalidFields([("body", $"The body is JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object; send a JSON object {Example}.")]));
            }

            if (ApiJson.Problems<FigureSubmissionDocument>(document.RootElement, options) is [_, ..] problems)
            {
                return (null, ApiProblems.InvalidFields(problems));
            }

            // Reading a number into a decimal rounds what it cannot hold: refuse such a figure rather than change it.
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.Number
                    && property.Name is FigureFields.Actual or FigureFields.ProjectedOutturn
                    && FigureRules.Digits(property.Value.GetRawText()) is { } tooPrecise)
                {
                    return (null, ApiProblems.InvalidFields([(property.Name, tooPrecise)]));
                }
            }

            try
            {
                return (document.RootElement.Deserialize<FigureSubmissionDocument>(options)!, null);
            }
            catch (JsonException e)
            {
                var field = FieldOf(e.Path);
                var message = field switch
                {
                    "actual" or "projected_outturn" => $"{field} must be a JSON number, such as 12.5 (not in quotes), or null for N/A.",
                    "note" => "note must be JSON text, in quotes, or null.",
                    not null => $"'{field}' is not a field of a figure; the fields are actual, projected_outturn and note.",
                    null => $"The body is not a figure; send a JSON object {Example}.",
                };
                return (null, ApiProblems.InvalidFields([(field is "actual" or "projected_outturn" or "note" ? field : "body", message)]));
            }
        }
    }

    /// <summary>The top-level property a reading error is at: <c>$.actual</c> or <c>$['actual']</c> gives <c>actual</c>.</summary>
    private static string? FieldOf(string? path)
    {
        if (path is null || path.Length <= 2 || !path.StartsWith('$'))
        {
            return null;
        }

        var rest = path[1..];
        if (rest.StartsWith('.'))
        {
            var name = rest[1..];
            var end = name.IndexOfAny(['.', '[']);
            return end < 0 ? name : name[..end];
        }

        if (rest.StartsWith("['", StringComparison.Ordinal))
        {
            // Search after the opening [' : a name that starts with ] would otherwise end before it begins.
            var end = rest.IndexOf("']", 2, StringComparison.Ordinal);
            return end < 0 ? null : rest[2..end];
        }

        return null;
    }
}

/// <summary>The body of a submission: one values row's figures, as in values.csv.</summary>
[Description("The figures for one values row, as in the import bundle's values.csv. A field left out or null is N/A; any other field is an error.")]
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record FigureSubmissionDocument(
    [property: JsonPropertyName("actual"), Description("The actual for the period, or null. A year's actual is that year's outturn.")]
    decimal? Actual = null,
    [property: JsonPropertyName("projected_outturn"), Description("The projected outturn (the forecast of the year-end figure), or null.")]
    decimal? ProjectedOutturn = null,
    [property: JsonPropertyName("note"), Description("A note given with the figures (at most 4000 characters), or null.")]
    string? Note = null);

/// <summary>A values row as stored after a submission.</summary>
[Description("A values row as stored, as in the import bundle's values.csv; a missing figure is null.")]
public sealed record FigureDocument(
    [property: JsonPropertyName("indicator"), Description("The indicator's code.")]
    string Indicator,
    [property: JsonPropertyName("area"), Description("The area's code.")]
    string Area,
    [property: JsonPropertyName("period"), Description("The period code, as stored (its letter in capitals).")]
    string Period,
    [property: JsonPropertyName("actual"), Description("The actual, or null.")]
    decimal? Actual,
    [property: JsonPropertyName("projected_outturn"), Description("The projected outturn (the forecast of the year-end figure), or null.")]
    decimal? ProjectedOutturn,
    [property: JsonPropertyName("note"), Description("The note given with the figures, or null.")]
    string? Note);
