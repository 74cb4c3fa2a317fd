using GoldenThread.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GoldenThread.Api.V1;

/// <summary><c>GET /api/v1/escalations</c>: every escalated issue, open or resolved, newest first.</summary>
public static class ListEscalations
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/escalations", HandleAsync)
            .WithName(nameof(ListEscalations))
            .WithTags("Ladder of intervention")
            .WithSummary("List the escalations")
            .WithDescription(
                "Every issue escalated along the governance chain (delivery lead, thematic partnership, executive board, strategic board, central government): " +
                "where it stands, the body at that level and whether it is resolved. Newest first; GET /api/v1/escalations/{id} gives its steps.")
            .AddOpenApiOperationTransformer(ApiOperationDocs.Describe(
                [],
                [new(StatusCodes.Status200OK, "The escalations, newest first, without their steps.")]));

    private static async Task<Ok<List<EscalationDocument>>> HandleAsync([FromServices] GoldenThreadDb db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await EscalationReader.ReadAsync(db, null, cancellationToken));
}
