using System.ComponentModel;
using GoldenThread.Access;
using GoldenThread.Domain.Periods;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GoldenThread.Api.V1;

/// <summary><c>GET /api/v1/returns?period=</c>: the caller's returns for a quarter (issue 10, item 5).</summary>
public static class ListReturns
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/returns", HandleAsync)
            .WithName(nameof(ListReturns))
            .WithTags("Returns")
            .WithSummary("List your returns for a quarter")
            .WithDescription(
                "The returns of a quarter that the caller may read, ordered by id: those issued to them, those with a line whose figures they may submit, " +
                "and, for the central team, those of their organisation (every return, for administrators; auditors read every return). " +
                "may_enter says whether the caller may also save and submit it. Without period, the current quarter (the latest that has ended) is listed.")
            .ProducesValidationProblem()
            .AddOpenApiOperationTransformer(ApiOperationDocs.Describe(
                [new("period", Required: false, Example: "2009-10-Q3")],
                [
                    new(StatusCodes.Status200OK, "The returns."),
                    new(StatusCodes.Status400BadRequest, "The period is not a quarter's code."),
                ]));

    private static async Task<Results<Ok<ReturnListDocument>, ValidationProblem>> HandleAsync(
        [FromQuery(Name = "period"), Description("The quarter, such as 2009-10-Q3; the latest quarter that has ended when left out.")]
        string? period,
        [FromServices] GoldenThreadDb db,
        [FromServices] CurrentPerson current,
        [FromServices] ReportingClock clock,
        CancellationToken cancellationToken)
    {
        Period quarter;
        if (period is null)
        {
            quarter = clock.CurrentQuarter;
        }
        else if (!Period.TryParse(period.Trim(), out quarter) || quarter.Kind != PeriodKind.Quarter)
        {
            return ApiProblems.InvalidParameter("period", $"The query parameter 'period' is '{period}', which is not a quarter's code. Returns are for quarters, such as 2009-10-Q3.");
        }

        var person = (await current.GetAsync(cancellationToken))!;
        var returns = await ReturnReader.ListAsync(db, quarter.Code, person.Id, person.Actor, clock.Today, cancellationToken);
        return TypedResults.Ok(new ReturnListDocument(quarter.Code, returns));
    }
}
