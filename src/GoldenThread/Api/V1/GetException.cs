using System.ComponentModel;
using System.Globalization;
using GoldenThread.Exceptions;
using GoldenThread.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GoldenThread.Api.V1;

/// <summary><c>GET /api/v1/exceptions/{id}</c>: an exception report with its fields and history (issue 11, item 7).</summary>
public static class GetException
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/exceptions/{id:int}", HandleAsync)
            .WithName(nameof(GetException))
            .WithTags("Exceptions")
            .WithSummary("Get an exception report")
            .WithDescription("An exception report with the fields its kind needs, the body's latest question and the answer, why it closed, and every step of its life, oldest first.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AddOpenApiOperationTransformer(ApiOperationDocs.Describe(
                [new("id", Required: true, Example: "1")],
                [
                    new(StatusCodes.Status200OK, "The exception report."),
                    new(StatusCodes.Status404NotFound, "There is no exception report with this id."),
                ]));

    private static async Task<Results<Ok<ExceptionReportDocument>, ProblemHttpResult>> HandleAsync(
        [Description("The exception report's id, from GET /api/v1/exceptions.")] int id,
        [FromServices] GoldenThreadDb db,
        CancellationToken cancellationToken)
    {
        var detail = await ExceptionQueries.FindAsync(db, id, cancellationToken);
        return detail is null
            ? ApiProblems.NotFound(string.Create(CultureInfo.InvariantCulture, $"There is no exception report {id}. GET /api/v1/exceptions lists them."))
            : TypedResults.Ok(ExceptionReportDocument.From(detail));
    }
}
