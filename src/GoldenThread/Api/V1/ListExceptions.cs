using System.ComponentModel;
using GoldenThread.Exceptions;
using GoldenThread.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GoldenThread.Api.V1;

/// <summary><c>GET /api/v1/exceptions?period=&amp;body=&amp;state=&amp;kind=</c>: the exception reports (issue 11, item 7).</summary>
public static class ListExceptions
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/exceptions", HandleAsync)
            .WithName(nameof(ListExceptions))
            .WithTags("Exceptions")
            .WithSummary("List exception reports")
            .WithDescription(
                "The exception reports, performance and data quality, newest quarter first, then by indicator and area; filtered by quarter, by the accountable " +
                "body's code, by state (or open: every state but closed) and by kind. Anyone signed in, or with a token of either scope, reads them, as they read the scorecard.")
            .ProducesValidationProblem()
            .AddOpenApiOperationTransformer(ApiOperationDocs.Describe(
                [
                    new("period", Required: false, Example: "2009-10-Q3"),
                    new("body", Required: false, Example: "SSP"),
                    new("state", Required: false, Example: "submitted"),
                    new("kind", Required: false, Example: "performance"),
                ],
                [
                    new(StatusCodes.Status200OK, "The exception reports."),
                    new(StatusCodes.Status400BadRequest, "A filter is not a quarter's code, a state or a kind: errors names it."),
                ]));

    private static async Task<Results<Ok<ExceptionListDocument>, ValidationProblem>> HandleAsync(
        [FromQuery(Name = "period"), Description("The quarter, such as 2009-10-Q3; every quarter when left out.")] string? period,
        [FromQuery(Name = "body"), Description("The accountable body's code; every body when left out.")] string? body,
        [FromQuery(Name = "state"), Description("required, drafted, submitted, noted, challenged, accepted, closed, or open (every state but closed); any when left out.")] string? state,
        [FromQuery(Name = "kind"), Description("performance or data_quality; both when left out.")] string? kind,
        [FromServices] GoldenThreadDb db,
        CancellationToken cancellationToken)
    {
        var filter = new ExceptionFilter(period, body, state, kind);
        var (_, _, _, errors) = filter.Read();
        if (errors.Count > 0)
        {
            return ApiProblems.InvalidFields([.. errors.Select(e => (e.Field, e.Message + "."))]);
        }

        var rows = await ExceptionQueries.ListAsync(db, filter, cancellationToken);
        return TypedResults.Ok(new ExceptionListDocument([.. rows.Select(ExceptionSummaryDocument.From)]));
    }
}
