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

/// <summary>
/// <c>POST /api/v1/ladder/triggers</c>: the executive board raises an indicator in an area to a stage by hand. Only a
/// bearer token with submit scope, of an executive board member or an administrator.
/// </summary>
public static class RaiseTrigger
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/ladder/triggers", HandleAsync)
            .WithName(nameof(RaiseTrigger))
            .WithTags("Ladder of intervention")
            .WithSummary("Set a stage by hand")
            .WithDescription(
                "Raises an indicator in an area to stage 1, 2 or 3 by hand from the current period, with the reason and the evidence of under-performance. The stage shown " +
                "is then the higher of the computed stage and this one, on every page, in the scorecard, the ladder and the API, until the trigger is cleared " +
                "(POST /api/v1/ladder/triggers/{id}/clearance). Only one trigger may be in force for a pair at once.\n\n" +
                "Send an API token with submit scope as 'Authorization: Bearer <token>'. Its person must sit on the executive board or be an administrator. " +
                "The trigger is recorded in the audit trail, the ladder's change for the current quarter is recorded, and the pair's delivery leads, target " +
                "sponsors and the accountable body's secretary are told.\n\n" +
                "Body: {\"indicator\": \"NI 15\", \"area\": \"HRT\", \"stage\": 2, \"reason\": \"...\", \"evidence\": \"...\"}.")
            .Accepts<TriggerRequestDocument>("application/json")
            .Produces<TriggerDocument>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireAuthorization(new AuthorizeAttribute { Policy = Policies.Submit, AuthenticationSchemes = TokenAuthenticationHandler.SchemeName })
            .AddOpenApiOperationTransformer(ApiOperationDocs.Describe(
                [],
                [
                    new(StatusCodes.Status201Created, "The trigger was stored; the answer is the trigger."),
                    new(StatusCodes.Status400BadRequest, "A field is missing or wrong (no such indicator or area, a stage other than 1 to 3, a trigger already in force); errors names the field. Nothing was changed."),
                    new(StatusCodes.Status401Unauthorized, "No API token came with the request, or it is unknown, expired or revoked. A browser's session cookie is not accepted here."),
                    new(StatusCodes.Status403Forbidden, "The token has read scope only, or its person is neither an executive board member nor an administrator."),
                ]));

    private static async Task<Results<Created<TriggerDocument>, ProblemHttpResult, ValidationProblem>> HandleAsync(
        HttpContext context,
        [FromServices] GoldenThreadDb db,
        [FromServices] CurrentPerson current,
        [FromServices] RaiseLadderTrigger raise,
        CancellationToken cancellationToken)
    {
        var person = (await current.GetAsync(cancellationToken))!;
        if (!await TriggerRules.MayActAsync(db, person.Actor, cancellationToken))
        {
            var detail = TriggerRules.Refusal + ".";
            await AccessAudit.DeniedAsync(context, detail);
            return ApiProblems.Forbidden(detail);
        }

        var (body, problem) = await TriggerBodies.ReadAsync<TriggerRequestDocument>(context, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var outcome = await raise.RunAsync(await HttpAuditActor.OfAsync(context), new TriggerRaise(person.Actor, body.Indicator, body.Area, body.Stage, body.Reason, body.Evidence), cancellationToken);
        if (!outcome.Succeeded)
        {
            return ApiProblems.InvalidFields([.. outcome.Errors.Select(e => (e.Field, e.Message))]);
        }

        var trigger = await db.LadderTriggers.AsNoTracking().SingleAsync(t => t.Id == outcome.Id, cancellationToken);
        var (indicator, area) = await TriggerRules.PairCodesAsync(db, trigger.IndicatorId, trigger.AreaId, cancellationToken);
        return TypedResults.Created(string.Create(CultureInfo.InvariantCulture, $"{GoldenThreadApi.BasePath}/ladder/triggers/{trigger.Id}"), TriggerDocument.Of(trigger, indicator, area));
    }
}
