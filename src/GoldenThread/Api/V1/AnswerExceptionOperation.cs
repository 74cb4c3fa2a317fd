using System.ComponentModel;
using GoldenThread.Access;
using GoldenThread.Exceptions;
using GoldenThread.Tokens;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GoldenThread.Api.V1;

/// <summary>
/// <c>POST /api/v1/exceptions/{id}/answer</c>: the delivery lead answers the accountable body's question on a challenged
/// exception report through <see cref="AnswerChallenge"/>, as on the page.
/// </summary>
public static class AnswerExceptionOperation
{
    public const string Name = "AnswerException";

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/exceptions/{id:int}/answer", HandleAsync)
            .WithName(Name)
            .WithTags("Exceptions")
            .WithSummary("Answer a challenge to an exception report")
            .WithDescription(
                "Answers the question the accountable body asked when it challenged the report: the report goes back to the body as submitted, and the body's " +
                "secretary is told. Send an API token with submit scope as 'Authorization: Bearer <token>'; its person must write for the indicator in the area " +
                "(its delivery lead or target sponsor, the indicator's owner or deputy, or the central team). The answer is the exception report after the change.\n\n" +
                "Body: {\"answer\": \"Two officers left in December; both posts are advertised\"}.")
            .Accepts<ChallengeAnswerDocument>("application/json")
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
                    new(StatusCodes.Status400BadRequest, "The body is not an answer: errors names the field. Nothing was changed."),
                    new(StatusCodes.Status401Unauthorized, "No API token came with the request, or it is unknown, expired or revoked. A browser's session cookie is not accepted here."),
                    new(StatusCodes.Status403Forbidden, "The token has read scope only, or its person does not write for the indicator in the area."),
                    new(StatusCodes.Status404NotFound, "There is no exception report with this id."),
                    new(StatusCodes.Status422UnprocessableEntity, "The report is not challenged, or the answer is empty or too long: errors names the field. Nothing was changed."),
                ]));

    private static Task<Results<Ok<ExceptionReportDocument>, ProblemHttpResult, ValidationProblem>> HandleAsync(
        [Description("The exception report's id, from GET /api/v1/exceptions.")] int id,
        HttpContext context,
        [FromServices] AnswerChallenge answer,
        CancellationToken cancellationToken) =>
        ExceptionWrites.RunAsync<ChallengeAnswerDocument>(
            id, context, ApiDocument.AnswerExample, "The answer cannot be recorded",
            (body, access, actor) => answer.RunAsync(actor, new ChallengeAnswer(id, access, body.Answer), cancellationToken),
            cancellationToken);
}
