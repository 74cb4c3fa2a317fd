using GoldenThread.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GoldenThread.Api.V1;

/// <summary><c>GET /api/v1/indicators</c>: every indicator's definition.</summary>
public static class ListIndicators
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/indicators", HandleAsync)
            .WithName(nameof(ListIndicators))
            .WithTags("Indicators")
            .WithSummary("List the indicators")
            .WithDescription(
                "Every indicator's definition, ordered by code (ordinal): its title, unit, decimals, polarity, frequency and accumulation, the accountable body and lead organisation, the tolerances in force, the range its figures must lie in and the frameworks it belongs to. " +
                "The words are those of the import bundle's indicators.csv, such as half_yearly and percent_change.")
            .AddOpenApiOperationTransformer(ApiOperationDocs.Describe([], [new(StatusCodes.Status200OK, "Every indicator's definition.")]));

    private static async Task<Ok<IReadOnlyList<IndicatorDocument>>> HandleAsync([FromServices] GoldenThreadDb db, CancellationToken cancellationToken)
    {
        var indicators = await IndicatorReader.ReadAsync(db, code: null, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<IndicatorDocument>>(indicators.ConvertAll(i => i.Document));
    }
}
