using System.ComponentModel;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Periods;
using GoldenThread.Scorecard;
using GoldenThread.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Caching.Memory;

namespace GoldenThread.Api.V1;

/// <summary>
/// <c>GET /api/v1/scorecard</c>: the scorecard for a period, streamed by the same writer as the command line's
/// <c>scorecard --format json</c>, so that the two cannot drift apart.
/// </summary>
/// <remarks>
/// One area's scorecard may be one computed in the last few seconds (<see cref="RecentScorecards"/>): a figure saved
/// through the site or the API shows at once, and only an import at the command line can take those seconds to show.
/// </remarks>
public static class GetScorecard
{
    public const string PeriodExamples = "2009-10-Q2 (a quarter), 2009-10-H1 (a half year), 2009-10-M04 (a month) or 2009-10 (a financial year)";

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/scorecard", HandleAsync)
            .WithName(nameof(GetScorecard))
            .WithTags("Scorecard")
            .WithSummary("Get the scorecard for a period")
            .WithDescription(
                "The assessment of every indicator for a period, for every area or for one: the actual, the period and annual targets, the projected outturn, performance versus target (PVT), the RAG status, the short-term trend, the direction of travel, the exception report required, whether the period is off trajectory, and the stage on the ladder of intervention.\n\n" +
                "The body is exactly what the command line prints for scorecard --format json with the same options, byte for byte. " +
                "A missing or malformed period is a 400 problem; an area or body code that does not exist is a 404 problem.")
            .Produces<ScorecardDocument>(StatusCodes.Status200OK, "application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AddOpenApiOperationTransformer(ApiOperationDocs.Describe(
                [
                    new("period", Required: true, Example: "2009-10-Q2"),
                    new("area", Required: false, Example: "WSX"),
                    new("body", Required: false, Example: "SSC"),
                ],
                [
                    new(StatusCodes.Status200OK, "The scorecard, as the command line prints it."),
                    new(StatusCodes.Status400BadRequest, "The period is missing or is not a period code, or the area or body is empty: the problem names the parameter."),
                    new(StatusCodes.Status404NotFound, "There is no area or body with the code given."),
                ]));

    private static async Task<IResult> HandleAsync(
        [FromQuery(Name = "period"), Description("The period to assess: a financial-year period code such as " + PeriodExamples + ".")]
        string? period,
        [FromQuery(Name = "area"), Description("Only this area: exactly this area code, not the areas under it. Leave it out for every area.")]
        string? area,
        [FromQuery(Name = "body"), Description("Only the indicators that this body (a thematic partnership) is accountable for, by its code.")]
        string? body,
        [FromServices] GoldenThreadDb db,
        [FromServices] Database database,
        [FromServices] IMemoryCache cache,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(period))
        {
            return ApiProblems.InvalidParameter("period", $"The query parameter 'period' is required: give the period to assess, such as {PeriodExamples}. For example: /api/v1/scorecard?period=2009-10-Q2");
        }

        if (!Period.TryParse(period, out var assessed))
        {
            return ApiProblems.InvalidParameter("period", $"The query parameter 'period' is '{period}', which is not a period code. Use a code such as {PeriodExamples}.");
        }

        if (area is not null && string.IsNullOrWhiteSpace(area))
        {
            return ApiProblems.InvalidParameter("area", "The query parameter 'area' is empty. Give an area code, such as WSX, or leave the parameter out for every area.");
        }

        if (body is not null && string.IsNullOrWhiteSpace(body))
        {
            return ApiProblems.InvalidParameter("body", "The query parameter 'body' is empty. Give a body code, such as SSC, or leave the parameter out for every body.");
        }

        var filter = new ScorecardFilter(assessed, area, body);
        try
        {
            var tolerances = await ToleranceSetting.CurrentAsync(db, cancellationToken);
            if (area is not null)
            {
                // One area's scorecard (small, and asked for often) is shared, written, with the requests of the last few
                // seconds (RecentScorecards); a figure the site saves shows at once. Every area's is large, and computed and
                // streamed for each request.
                return TypedResults.Bytes(await RecentScorecards.GetJsonAsync(database, cache, filter, tolerances, cancellationToken), "application/json");
            }

            var scorecard = await ScorecardQuery.RunAsync(db, filter, tolerances, cancellationToken);
            return TypedResults.Stream(stream => ScorecardOutput.WriteJsonAsync(scorecard, stream, cancellationToken), "application/json");
        }
        catch (UserFacingException e)
        {
            // The query's only errors for people are an unknown area or body code: the thing asked for does not exist.
            return ApiProblems.NotFound(e.Message);
        }
    }
}
