using GoldenThread.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Api.V1;

/// <summary><c>GET /api/v1/ladder/triggers</c>: every stage set by hand, in force or cleared, newest first.</summary>
public static class ListTriggers
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/ladder/triggers", HandleAsync)
            .WithName(nameof(ListTriggers))
            .WithTags("Ladder of intervention")
            .WithSummary("List the stages set by hand")
            .WithDescription(
                "Every manual trigger: the executive board raising an indicator in an area to a stage by hand, with the reason and evidence, from a quarter, and, once " +
                "cleared, who cleared it, in which quarter and why. Newest first. A trigger is never deleted, so the list is the whole story.")
            .AddOpenApiOperationTransformer(ApiOperationDocs.Describe(
                [],
                [new(StatusCodes.Status200OK, "The triggers, newest first.")]));

    private static async Task<Ok<List<TriggerDocument>>> HandleAsync([FromServices] GoldenThreadDb db, CancellationToken cancellationToken)
    {
        var triggers = await db.LadderTriggers.AsNoTracking().OrderByDescending(t => t.RaisedAt).ThenByDescending(t => t.Id).ToListAsync(cancellationToken);
        var indicators = await db.Indicators.AsNoTracking().Select(i => new { i.Id, i.Code }).ToDictionaryAsync(i => i.Id, i => i.Code, cancellationToken);
        var areas = await db.Areas.AsNoTracking().Select(a => new { a.Id, a.Code }).ToDictionaryAsync(a => a.Id, a => a.Code, cancellationToken);
        return TypedResults.Ok(triggers.Select(t => TriggerDocument.Of(t, indicators[t.IndicatorId], areas[t.AreaId])).ToList());
    }
}
