using System.ComponentModel;
using GoldenThread.Access;
using GoldenThread.Exceptions;
using GoldenThread.Tokens;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GoldenThread.Api.V1;

/// <summary><c>POST /api/v1/exceptions/{id}/closure</c>: the central team closes an open exception report by hand, with the reason (<see cref="CloseException"/>).</summary>
public static class CloseExceptionOperation
{
    public const string Name = "CloseException";

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/exceptions/{id:int}/closure", HandleAsync)
            .WithName(Name)
            .WithTags("Exceptions")
            .WithSummary("Close an exception report")
            .WithDescription(
                "Closes an open exception report by hand, with the reason in words (kept as its closed_reason); a report also closes by itself when the status " +
                "recovers. Send an API token with submit scope whose person is of the central team: an administrator, or a performance officer of the indicator's " +
                "lead organisation. The answer is the exception report after the change.\n\n" +
                "Body: {\"reason\": \"Indicator withdrawn from the framework\"}.")
            .Accepts<ExceptionClosureDocument>("application/json")
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(new AuthorizeAttribute { Policy = Policies.Submit, AuthenticationSchemes = TokenAuthenticationHandler.SchemeName })
            .AddOpenApiOperationTransformer(ApiOperationDocs.Describe(
                [new("id", Required: true, Example: "1")],
                [
                    new(StatusCodes.Status200OK, "Closed; the answer is the exception report after the change."),
                    new(StatusCodes.Status400BadRequest, "The body is not a closure: errors names the field. Nothing was changed."),
                    new(StatusCodes.Status401Unauthorized, "No API token came with the request, or it is unknown, expired or revoked. A browser's session cookie is not accepted here."),
                    new(StatusCodes.Status403Forbidden, "The token has read scope only, or its person is not of the central team for the indicator."),
                    new(StatusCodes.Status404NotFound, "There is no exception report with this id."),
                    new(StatusCodes.Status422UnprocessableEntity, "The report is already closed, or the reason is empty or too long: errors names the field. Nothing was changed."),
                ]));

    private static Task<Results<Ok<ExceptionReportDocument>, ProblemHttpResult, ValidationProblem>> HandleAsync(
        [Description("The exception report's id, from GET /api/v1/exceptions.")] int id,
        HttpContext context,
        [FromServices] CloseException close,
        CancellationToken cancellationToken) =>
        ExceptionWrites.RunAsync<ExceptionClosureDocument>(
            id, context, ApiDocument.ExceptionClosureExample, "The exception report cannot be closed",
            (body, access, actor) => close.RunAsync(actor, new ExceptionClosure(id, access, body.Reason), cancellationToken),
            cancellationToken);
}
