using System.ComponentModel;
using GoldenThread.Access;
using GoldenThread.Exceptions;
using GoldenThread.Tokens;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GoldenThread.Api.V1;

/// <summary>
/// <c>POST /api/v1/exceptions/{id}/writing</c>: the delivery lead writes a data-quality exception report (which comes
/// with no return) and saves or submits it to the accountable body (<see cref="WriteDataQualityException"/>).
/// </summary>
public static class WriteDataQualityOperation
{
    public const string Name = "WriteDataQualityException";

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/exceptions/{id:int}/writing", HandleAsync)
            .WithName(Name)
            .WithTags("Exceptions")
            .WithSummary("Write a data-quality exception report")
            .WithDescription(
                "Writes a data-quality exception report: the reason for the problem and what is done to put it right. With submit false it is saved (drafted); " +
                "with submit true it goes to the accountable body, and then both fields are needed. A performance exception report is written with its return " +
                "(PUT /api/v1/returns/{id}) instead. Send an API token with submit scope whose person writes for the indicator in the area (its delivery lead or " +
                "target sponsor, the indicator's owner or deputy, or the central team). The answer is the exception report after the change.\n\n" +
                "Body: {\"reason\": \"...\", \"plans\": \"...\", \"submit\": true}.")
            .Accepts<DataQualityWritingDocument>("application/json")
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(new AuthorizeAttribute { Policy = Policies.Submit, AuthenticationSchemes = TokenAuthenticationHandler.SchemeName })
            .AddOpenApiOperationTransformer(ApiOperationDocs.Describe(
                [new("id", Required: true, Example: "1")],
                [
                    new(StatusCodes.Status200OK, "Saved or submitted; the answer is the exception report after the change."),
                    new(StatusCodes.Status400BadRequest, "The body is not a writing: errors names the field. Nothing was changed."),
                    new(StatusCodes.Status401Unauthorized, "No API token came with the request, or it is unknown, expired or revoked. A browser's session cookie is not accepted here."),
                    new(StatusCodes.Status403Forbidden, "The token has read scope only, or its person does not write for the indicator in the area."),
                    new(StatusCodes.Status404NotFound, "There is no exception report with this id."),
                    new(StatusCodes.Status422UnprocessableEntity, "The report is a performance one, or past writing, or a field is missing or too long: errors names the field. Nothing was changed."),
                ]));

    private static Task<Results<Ok<ExceptionReportDocument>, ProblemHttpResult, ValidationProblem>> HandleAsync(
        [Description("The exception report's id, from GET /api/v1/exceptions.")] int id,
        HttpContext context,
        [FromServices] WriteDataQualityException write,
        CancellationToken cancellationToken) =>
        ExceptionWrites.RunAsync<DataQualityWritingDocument>(
            id, context, ApiDocument.DataQualityWritingExample, "The exception report cannot be written",
            (body, access, actor) => write.RunAsync(actor, new DataQualityWriting(id, access, body.Reason, body.Plans, body.Submit ?? false), cancellationToken),
            cancellationToken);
}
