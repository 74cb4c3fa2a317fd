using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using GoldenThread.Access;
using GoldenThread.Audit;
using GoldenThread.Domain.Indicators;
using GoldenThread.History;
using GoldenThread.Returns;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using GoldenThread.Tokens;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace GoldenThread.Api.V1;

/// <summary>
/// <c>PUT /api/v1/returns/{id}</c>: saves lines of a return and, with <c>submit</c>, submits it, all or nothing,
/// through <see cref="ReturnEntry"/> as the web form and the workbook do (source <c>api</c>). Only a bearer token with
/// submit scope may write, as for a single figure.
/// </summary>
public static class SaveReturn
{
    public const string InvalidTitle = "The return's figures are not valid";

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPut("/returns/{id:int}", HandleAsync)
            .WithName(nameof(SaveReturn))
            .WithTags("Returns")
            .WithSummary("Save a return's lines, and submit it")
            .WithDescription(
                "Saves the lines given (each replaces that line's draft: a figure left out or null is N/A; an exception left out keeps the one drafted) and, " +
                "with \"submit\": true, submits the return. All or nothing: the figures are checked exactly as the web form and the workbook check them " +
                "(the indicator's range and the site's limits, the commentary and exception fields' lengths; and to submit, every due figure given or explained " +
                "in the commentary, every exception report the status needs complete, every unusual movement confirmed with a movement_note, the reason for " +
                "changing signed-off figures, the answer to a query). Any problem refuses the whole request with 422 and changes nothing: errors is keyed " +
                "'<line id>/<field>' (or 'reason', 'query_answer' for the return as a whole), and problems lists each with its line, field and message.\n\n" +
                "Send an API token with submit scope as 'Authorization: Bearer <token>'. Its person must be allowed to enter the return: its assignee, the " +
                "central team, or someone who may submit the figures of its lines (who then saves only those lines, and submits only a return whose every " +
                "line they may submit). A return that is submitted, quality-assured or signed off cannot be changed (409) until the central team sends it back " +
                "or reopens it. The answer is the return as GET gives it, after saving.\n\n" +
                "Body: {\"submit\": true, \"lines\": [{\"line\": 57, \"actual\": 0.52, \"projected_outturn\": 1.01, \"note\": \"Two incidents reclassified\", " +
                "\"exception\": {\"cause\": \"targeted_activity\", \"explanation\": \"Extra patrols\"}}]}.")
            .Accepts<ReturnEntryDocument>("application/json")
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(new AuthorizeAttribute { Policy = Policies.Submit, AuthenticationSchemes = TokenAuthenticationHandler.SchemeName })
            .AddOpenApiOperationTransformer(ApiOperationDocs.Describe(
                [new("id", Required: true, Example: "12")],
                [
                    new(StatusCodes.Status200OK, "Saved (and submitted, when asked); the answer is the return after saving."),
                    new(StatusCodes.Status400BadRequest, "The body is not a return's lines: errors names the field. Nothing was changed."),
                    new(StatusCodes.Status401Unauthorized, "No API token came with the request, or it is unknown, expired or revoked. A browser's session cookie is not accepted here."),
                    new(StatusCodes.Status403Forbidden, "The token has read scope only, or its person may not enter this return (or these lines)."),
                    new(StatusCodes.Status404NotFound, "There is no return with this id."),
                    new(StatusCodes.Status409Conflict, "The return is submitted, quality-assured or signed off, so it cannot be changed."),
                    new(StatusCodes.Status422UnprocessableEntity, "The figures break the rules, or the return is not ready to submit: problems names each line and field. Nothing was changed."),
                ]));

    private static async Task<Results<Ok<ReturnDocument>, ProblemHttpResult, ValidationProblem>> HandleAsync(
        [Description("The return's id, from GET /api/v1/returns.")] int id,
        HttpContext context,
        [FromServices] ReturnEntry entry,
        [FromServices] GoldenThreadDb db,
        [FromServices] CurrentPerson current,
        [FromServices] ReportingClock clock,
        [FromServices] FigureLimits limits,
        [FromServices] IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await ReadBodyAsync(context.Request, json.Value.SerializerOptions, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var person = (await current.GetAsync(cancellationToken))!;
        var inputs = (body.Lines ?? []).Select(l => new LineInput(
            l.Line,
            l.Actual,
            l.ProjectedOutturn,
            l.Note,
            l.MovementNote,
            l.Exception is { } e ? new ExceptionInput(e.Reason, e.Plans, e.Timescales, e.LeadPartners, e.Resources, e.Cause, e.Explanation, e.Assurance) : null)).ToList();
        var request = new EntryRequest(await HttpAuditActor.OfAsync(context), person.Actor, FigureSources.Api, body.Reason, body.QueryAnswer);
        var outcome = await entry.SaveAsync(id, inputs, request, body.Submit, cancellationToken);
        switch (outcome)
        {
            case EntryOutcome.Saved or EntryOutcome.Submitted:
                var snapshot = await ReturnSnapshot.LoadAsync(db, id, cancellationToken);
                return TypedResults.Ok(await ReturnReader.DocumentAsync(db, snapshot!, clock.Today, limits, cancellationToken));
            case EntryOutcome.NotFound notFound:
                return ApiProblems.NotFound(notFound.Detail);
            case EntryOutcome.Refused refused:
                await AccessAudit.DeniedAsync(context, refused.Detail);
                return ApiProblems.Forbidden(refused.Detail);
            case EntryOutcome.Closed closed:
                return TypedResults.Problem(detail: closed.Detail, statusCode: StatusCodes.Status409Conflict, title: "The return cannot be changed");
            case EntryOutcome.Invalid invalid:
                return Unprocessable(invalid);
            default:
                throw new InvalidOperationException($"Unexpected outcome {outcome}.");
        }
    }

    /// <summary>422: every problem, keyed <c>57/actual</c> (line 0's by field alone), and listed with its line; the warnings beside them.</summary>
    private static ProblemHttpResult Unprocessable(EntryOutcome.Invalid invalid)
    {
        static string Key(int line, string field) => line == 0 ? field : string.Create(CultureInfo.InvariantCulture, $"{line}/{field}");
        var errors = invalid.Problems
            .GroupBy(p => Key(p.LineId, p.Field), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray(), StringComparer.Ordinal);
        var details = new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = InvalidTitle,
            Detail = string.Join(" ", invalid.Problems.Select(p => $"{Key(p.LineId, p.Field)}: {p.Message}")),
        };
        details.Extensions["problems"] = invalid.Problems.Select(p => new ReturnIssueDocument(p.LineId, p.Field, p.Message)).ToList();
        details.Extensions["warnings"] = invalid.Warnings.Select(w => new ReturnIssueDocument(w.LineId, w.Field, w.Message)).ToList();
        return TypedResults.Problem(details);
    }

    /// <summary>Reads the JSON body strictly, as a single figure's is read, answering a problem that names the field.</summary>
    private static async Task<(ReturnEntryDocument? Body, ValidationProblem? Problem)> ReadBodyAsync(
        HttpRequest request, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        const string Example = "such as {\"submit\": false, \"lines\": [{\"line\": 57, \"actual\": 12.5}]}";
        if (!request.HasJsonContentType())
        {
            return (null, ApiProblems.InvalidFields([("body", $"Send the return's lines as JSON with 'Content-Type: application/json', {Example}.")]));
        }

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
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, ApiProblems.InvalidFields([("body", $"The body is JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object; send a JSON object {Example}.")]));
            }

            if (ApiJson.Problems<ReturnEntryDocument>(root, options) is [_, ..] problems)
            {
                return (null, ApiProblems.InvalidFields(problems));
            }

            // Reading a number into a decimal rounds what it cannot hold: refuse such a figure rather than change it.
            if (root.TryGetProperty("lines", out var lines) && lines.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var line in lines.EnumerateArray())
                {
                    if (line.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var property in line.EnumerateObject())
                        {
                            if (property.Value.ValueKind == JsonValueKind.Number
                                && property.Name is FigureFields.Actual or FigureFields.ProjectedOutturn
                                && FigureRules.Digits(property.Value.GetRawText()) is { } tooPrecise)
                            {
                                return (null, ApiProblems.InvalidFields([(string.Create(CultureInfo.InvariantCulture, $"lines[{index}].{property.Name}"), tooPrecise)]));
                            }
                        }
                    }

                    index++;
                }
            }

            try
            {
                return (root.Deserialize<ReturnEntryDocument>(options)!, null);
            }
            catch (JsonException e)
            {
                var path = e.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : "body";
                return (null, ApiProblems.InvalidFields([(path, $"'{path}' is not what a return's body holds there: {Describe(e)} Send {Example}; a line has line, actual, projected_outturn, note, movement_note and exception.")]));
            }
        }
    }

    private static string Describe(JsonException e) =>
        e.Message.Contains("could not be mapped", StringComparison.Ordinal)
            ? "it is not a field of a return."
            : "it is the wrong kind of value (a number where text is expected, text where a number is, or a word that is not one of the allowed ones).";
}
