using System.ComponentModel;
using System.Globalization;
using GoldenThread.Access;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Intervention;
using GoldenThread.Intervention;
using GoldenThread.Storage;
using GoldenThread.Tokens;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Api.V1;

/// <summary>
/// <c>POST /api/v1/escalations/{id}/decisions</c>: those at the level an open escalation stands at pass it one step up
/// the chain or resolve it, with the decision and its date, through <see cref="DecideEscalation"/> as on the page.
/// </summary>
public static class DecideEscalationOperation
{
    public const string Name = "DecideEscalation";

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/escalations/{id:int}/decisions", HandleAsync)
            .WithName(Name)
            .WithTags("Ladder of intervention")
            .WithSummary("Decide on an escalation")
            .WithDescription(
                "Records a decision at the level an open escalation stands at: outcome escalate passes it one step up the chain (delivery lead, thematic partnership, " +
                "executive board, strategic board, central government; the body there is told), outcome resolve resolves it there. Each is a step with the decision " +
                "in words and its date (a meeting's date, today or before), and is audited.\n\n" +
                "Send an API token with submit scope as 'Authorization: Bearer <token>'. Its person must act at the level the escalation stands at: the pair's " +
                "delivery lead (or those accountable for it) at the first level, a member of the body at a body's level (the strategic board's for central government), " +
                "or an administrator. The answer is the escalation with its steps.\n\n" +
                "Body: {\"outcome\": \"escalate\", \"decision\": \"...\", \"decided_on\": \"2009-11-12\"}.")
            .Accepts<EscalationDecisionDocument>("application/json")
            .Produces<EscalationDocument>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(new AuthorizeAttribute { Policy = Policies.Submit, AuthenticationSchemes = TokenAuthenticationHandler.SchemeName })
            .AddOpenApiOperationTransformer(ApiOperationDocs.Describe(
                [new("id", Required: true, Example: "1")],
                [
                    new(StatusCodes.Status200OK, "Recorded; the answer is the escalation with its steps."),
                    new(StatusCodes.Status400BadRequest, "A field is missing or wrong (an outcome other than escalate or resolve, no decision, a date not yyyy-mm-dd or in the future), the escalation is already resolved, or it stands at central government and can only be resolved; errors names the field. Nothing was changed."),
                    new(StatusCodes.Status401Unauthorized, "No API token came with the request, or it is unknown, expired or revoked. A browser's session cookie is not accepted here."),
                    new(StatusCodes.Status403Forbidden, "The token has read scope only, or its person does not act at the level the escalation stands at."),
                    new(StatusCodes.Status404NotFound, "There is no escalation with this id."),
                ]));

    private static async Task<Results<Ok<EscalationDocument>, ProblemHttpResult, ValidationProblem>> HandleAsync(
        [Description("The escalation's id, from GET /api/v1/escalations.")] int id,
        HttpContext context,
        [FromServices] GoldenThreadDb db,
        [FromServices] CurrentPerson current,
        [FromServices] DecideEscalation decide,
        CancellationToken cancellationToken)
    {
        var escalation = await db.Escalations.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (escalation is null)
        {
            return ApiProblems.NotFound(string.Create(CultureInfo.InvariantCulture, $"There is no escalation {id}. GET /api/v1/escalations lists them."));
        }

        // Who may decide is checked before the body is read, so that a refusal does not depend on it (as on the page).
        var person = (await current.GetAsync(cancellationToken))!;
        var lead = await db.Indicators.AsNoTracking().Where(i => i.Id == escalation.IndicatorId).Select(i => i.LeadOrganisationId).SingleAsync(cancellationToken);
        var acting = await EscalationBodies.ActingAtAsync(db, escalation.IndicatorId, escalation.Level, cancellationToken);
        if (!InterventionAccess.MayEscalateFrom(person.Actor, new Figures(escalation.IndicatorId, lead, escalation.AreaId), acting))
        {
            var detail = $"The escalation stands at the {EscalationChain.Name(escalation.Level).ToLowerInvariant()}: only those at that level and administrators may decide on it.";
            await AccessAudit.DeniedAsync(context, detail);
            return ApiProblems.Forbidden(detail);
        }

        var (body, problem) = await StrictBodies.ReadAsync<EscalationDecisionDocument>(context, ApiDocument.EscalationDecisionExample, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        bool? resolve = body.Outcome?.Trim().ToLowerInvariant() switch
        {
            "escalate" => false,
            "resolve" => true,
            _ => null,
        };
        if (resolve is null)
        {
            return ApiProblems.InvalidFields([("outcome", "Give the outcome: escalate (pass it up the chain) or resolve.")]);
        }

        var outcome = await decide.RunAsync(await HttpAuditActor.OfAsync(context), new EscalationDecision(person.Actor, id, resolve.Value, body.Decision, body.DecidedOn), cancellationToken);
        if (!outcome.Succeeded)
        {
            return ApiProblems.InvalidFields([.. outcome.Errors.Select(e => (e.Field, e.Message + "."))]);
        }

        return TypedResults.Ok((await EscalationReader.ReadAsync(db, id, cancellationToken))[0]);
    }
}
