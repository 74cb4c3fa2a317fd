using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using GoldenThread.Access;
using GoldenThread.Audit;
using GoldenThread.Exceptions;
using GoldenThread.Storage;
using GoldenThread.Tokens;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GoldenThread.Api.V1;

/// <summary>
/// <c>POST /api/v1/exceptions/{id}/consideration</c>: the accountable body notes, challenges or accepts an exception report
/// through <see cref="ConsiderException"/>, as on the page. Only a bearer token with submit scope may write.
/// </summary>
public static class ConsiderExceptionOperation
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/exceptions/{id:int}/consideration", HandleAsync)
            .WithName("ConsiderException")
            .WithTags("Exceptions")
            .WithSummary("Consider an exception report")
            .WithDescription(
                "Records the accountable body's consideration of a submitted exception report: note, challenge (text is the question the delivery lead must answer) " +
                "or accept (a noted report may still be accepted). Send an API token with submit scope as 'Authorization: Bearer <token>'; its person must be a member " +
                "of the body accountable for the indicator, or an administrator. The answer is the exception report after the change.\n\n" +
                "Body: {\"decision\": \"challenge\", \"text\": \"Why did the recruitment slip?\"}.")
            .Accepts<ConsiderationDocument>("application/json")
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(new AuthorizeAttribute { Policy = Policies.Submit, AuthenticationSchemes = TokenAuthenticationHandler.SchemeName })
            .AddOpenApiOperationTransformer(ApiOperationDocs.Describe(
                [new("id", Required: true, Example: "1")],
                [
                    new(StatusCodes.Status200OK, "Recorded; the answer is the exception report after the change."),
                    new(StatusCodes.Status400BadRequest, "The body is not a consideration: errors names the field. Nothing was changed."),
                    new(StatusCodes.Status401Unauthorized, "No API token came with the request, or it is unknown, expired or revoked. A browser's session cookie is not accepted here."),
                    new(StatusCodes.Status403Forbidden, "The token has read scope only, or its person is not a member of the accountable body."),
                    new(StatusCodes.Status404NotFound, "There is no exception report with this id."),
                    new(StatusCodes.Status422UnprocessableEntity, "The decision is not allowed in the report's state, or a challenge has no question: errors names the field. Nothing was changed."),
                ]));

    private static async Task<Results<Ok<ExceptionReportDocument>, ProblemHttpResult, ValidationProblem>> HandleAsync(
        [Description("The exception report's id, from GET /api/v1/exceptions.")] int id,
        HttpContext context,
        [FromServices] ConsiderException consider,
        [FromServices] GoldenThreadDb db,
        [FromServices] CurrentPerson current,
        [FromServices] IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await ReadBodyAsync(context.Request, json.Value.SerializerOptions, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        if (!await db.ExceptionReports.AnyAsync(e => e.Id == id, cancellationToken))
        {
            return ApiProblems.NotFound(string.Create(CultureInfo.InvariantCulture, $"There is no exception report {id}. GET /api/v1/exceptions lists them."));
        }

        var person = (await current.GetAsync(cancellationToken))!;
        var outcome = await consider.RunAsync(await HttpAuditActor.OfAsync(context), new Consideration(id, person.Actor, body.Decision, body.Text), cancellationToken);
        if (!outcome.Succeeded)
        {
            var error = outcome.Errors[0];
            if (error.Message.StartsWith("Only ", StringComparison.Ordinal))
            {
                await AccessAudit.DeniedAsync(context, error.Message + ".");
                return ApiProblems.Forbidden(error.Message + ".");
            }

            var details = new HttpValidationProblemDetails(outcome.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message + ".").ToArray()))
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "The consideration cannot be recorded",
                Detail = string.Join(" ", outcome.Errors.Select(e => $"{e.Field}: {e.Message}.")),
            };
            return TypedResults.Problem(details);
        }

        return TypedResults.Ok(ExceptionReportDocument.From((await ExceptionQueries.FindAsync(db, id, cancellationToken))!));
    }

    /// <summary>Reads the JSON body strictly, answering a problem that names the field.</summary>
    private static async Task<(ConsiderationDocument? Body, ValidationProblem? Problem)> ReadBodyAsync(HttpRequest request, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        const string Example = "such as {\"decision\": \"note\", \"text\": \"Noted at the March meeting\"}";
        if (!request.HasJsonContentType())
        {
            return (null, ApiProblems.InvalidFields([("body", $"Send the consideration as JSON with 'Content-Type: application/json', {Example}.")]));
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, ApiProblems.InvalidFields([("body", $"The body is not a JSON object; send {Example}.")]));
            }

            if (ApiJson.Problems<ConsiderationDocument>(document.RootElement, options) is [_, ..] problems)
            {
                return (null, ApiProblems.InvalidFields(problems));
            }

            return (document.RootElement.Deserialize<ConsiderationDocument>(options)!, null);
        }
        catch (JsonException)
        {
            return (null, ApiProblems.InvalidFields([("body", $"The body is not valid JSON, or holds the wrong kind of value; send {Example}.")]));
        }
    }
}
