using System.ComponentModel;
using GoldenThread.Access;
using GoldenThread.Exceptions;
using GoldenThread.Tokens;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

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

    private static Task<Results<Ok<ExceptionReportDocument>, ProblemHttpResult, ValidationProblem>> HandleAsync(
        [Description("The exception report's id, from GET /api/v1/exceptions.")] int id,
        HttpContext context,
        [FromServices] ConsiderException consider,
        CancellationToken cancellationToken) =>
        ExceptionWrites.RunAsync<ConsiderationDocument>(
            id, context, ApiDocument.ConsiderationExample, "The consideration cannot be recorded",
            (body, access, actor) => consider.RunAsync(actor, new Consideration(id, access, body.Decision, body.Text), cancellationToken),
            cancellationToken);
}
