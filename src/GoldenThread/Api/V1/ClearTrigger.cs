using System.ComponentModel;
using System.Globalization;
using GoldenThread.Access;
using GoldenThread.Audit;
using GoldenThread.Intervention;
using GoldenThread.Storage;
using GoldenThread.Tokens;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Api.V1;

/// <summary><c>POST /api/v1/ladder/triggers/{id}/clearance</c>: the executive board clears a stage set by hand, with the reason.</summary>
public static class ClearTrigger
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/ladder/triggers/{id:int}/clearance", HandleAsync)
            .WithName(nameof(ClearTrigger))
            .WithTags("Ladder of intervention")
            .WithSummary("Clear a stage set by hand")
            .WithDescription(
                "Clears a manual trigger from the current period, with the reason: the stage shown comes back to the computed one from that quarter, and the quarters " +
                "before keep the manual stage. The trigger is kept, with who cleared it, when and why.\n\n" +
                "Send an API token with submit scope whose person sits on the executive board or is an administrator. Audited; the pair's people are told.\n\n" +
                "Body: {\"reason\": \"...\"}.")
            .Accepts<ClearanceRequestDocument>("application/json")
            .Produces<TriggerDocument>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(new AuthorizeAttribute { Policy = Policies.Submit, AuthenticationSchemes = TokenAuthenticationHandler.SchemeName })
            .AddOpenApiOperationTransformer(ApiOperationDocs.Describe(
                [new("id", Required: true, Example: "1")],
                [
                    new(StatusCodes.Status200OK, "The trigger is cleared; the answer is the trigger."),
                    new(StatusCodes.Status400BadRequest, "The reason is missing or too long, or the trigger was already cleared; errors names the field."),
                    new(StatusCodes.Status401Unauthorized, "No API token came with the request, or it is unknown, expired or revoked."),
                    new(StatusCodes.Status403Forbidden, "The token has read scope only, or its person is neither an executive board member nor an administrator."),
                    new(StatusCodes.Status404NotFound, "There is no trigger with this id."),
                ]));

    private static async Task<Results<Ok<TriggerDocument>, ProblemHttpResult, ValidationProblem>> HandleAsync(
        [Description("The trigger's id, from GET /api/v1/ladder/triggers.")] int id,
        HttpContext context,
        [FromServices] GoldenThreadDb db,
        [FromServices] CurrentPerson current,
        [FromServices] ClearLadderTrigger clear,
        CancellationToken cancellationToken)
    {
        var person = (await current.GetAsync(cancellationToken))!;
        if (!await TriggerRules.MayActAsync(db, person.Actor, cancellationToken))
        {
            var detail = TriggerRules.Refusal + ".";
            await AccessAudit.DeniedAsync(context, detail);
            return ApiProblems.Forbidden(detail);
        }

        var (body, problem) = await TriggerBodies.ReadAsync<ClearanceRequestDocument>(context, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        if (!await db.LadderTriggers.AnyAsync(t => t.Id == id, cancellationToken))
        {
            return ApiProblems.NotFound(string.Create(CultureInfo.InvariantCulture, $"There is no trigger {id}. GET /api/v1/ladder/triggers lists them."));
        }

        var outcome = await clear.RunAsync(await HttpAuditActor.OfAsync(context), new TriggerClearance(person.Actor, id, body.Reason), cancellationToken);
        if (!outcome.Succeeded)
        {
            return ApiProblems.InvalidFields([.. outcome.Errors.Select(e => (e.Field, e.Message))]);
        }

        var trigger = await db.LadderTriggers.AsNoTracking().SingleAsync(t => t.Id == id, cancellationToken);
        var (indicator, area) = await TriggerRules.PairCodesAsync(db, trigger.IndicatorId, trigger.AreaId, cancellationToken);
        return TypedResults.Ok(TriggerDocument.Of(trigger, indicator, area));
    }
}
