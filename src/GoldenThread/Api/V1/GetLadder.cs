using System.ComponentModel;
using GoldenThread.Domain.Periods;
using GoldenThread.Intervention;
using GoldenThread.Scorecard;
using GoldenThread.Storage;
using Microsoft.AspNetCore.Mvc;

namespace GoldenThread.Api.V1;

/// <summary>
/// <c>GET /api/v1/ladder</c>: who is at which stage of the ladder at a period and why, streamed by the same writer as
/// the command line's <c>ladder --format json</c>.
/// </summary>
public static class GetLadder
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/ladder", HandleAsync)
            .WithName(nameof(GetLadder))
            .WithTags("Ladder of intervention")
            .WithSummary("Get the ladder of intervention for a period")
            .WithDescription(
                "Every indicator and area pair of the scorecard at the period, in the scorecard's order, with the stage shown on the ladder of intervention (the higher of " +
                "the stage the rules compute and the stage the executive board set by hand), both stages behind it, the manual trigger in force and the reason in words.\n\n" +
                "The body is exactly what the command line prints for ladder --format json with the same options. A missing or malformed period is a 400 problem; a body " +
                "code that does not exist is a 404 problem.")
            .Produces<LadderDocument>(StatusCodes.Status200OK, "application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AddOpenApiOperationTransformer(ApiOperationDocs.Describe(
                [
                    new("period", Required: true, Example: "2009-10-Q2"),
                    new("body", Required: false, Example: "SSC"),
                ],
                [
                    new(StatusCodes.Status200OK, "The ladder, as the command line prints it."),
                    new(StatusCodes.Status400BadRequest, "The period is missing or is not a period code, or the body is empty: the problem names the parameter."),
                    new(StatusCodes.Status404NotFound, "There is no body with the code given."),
                ]));

    private static async Task<IResult> HandleAsync(
        [FromQuery(Name = "period"), Description("The period: a code such as " + GetScorecard.PeriodExamples + ".")]
        string? period,
        [FromQuery(Name = "body"), Description("Only the indicators that this body (a thematic partnership) is accountable for, by its code.")]
        string? body,
        [FromServices] GoldenThreadDb db,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(period))
        {
            return ApiProblems.InvalidParameter("period", "The query parameter 'period' is required: give the period, such as 2009-10-Q2. For example: /api/v1/ladder?period=2009-10-Q2");
        }

        if (!Period.TryParse(period, out var at))
        {
            return ApiProblems.InvalidParameter("period", $"The query parameter 'period' is '{period}', which is not a period code. Use a code such as {GetScorecard.PeriodExamples}.");
        }

        if (body is not null && string.IsNullOrWhiteSpace(body))
        {
            return ApiProblems.InvalidParameter("body", "The query parameter 'body' is empty. Give a body code, such as SSC, or leave the parameter out for every body.");
        }

        LadderReport report;
        try
        {
            report = await LadderQuery.RunAsync(db, new ScorecardFilter(at, BodyCode: body), await ToleranceSetting.CurrentAsync(db, cancellationToken), cancellationToken);
        }
        catch (UserFacingException e)
        {
            return ApiProblems.NotFound(e.Message);
        }

        return TypedResults.Stream(stream => LadderQuery.WriteJsonAsync(report, stream, cancellationToken), "application/json");
    }
}
