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
/// <c>POST /api/v1/escalations</c>: raises an issue about an indicator in an area (named by its codes, or by an exception
/// report about it) at the delivery lead's level, through <see cref="RaiseEscalation"/> as on the page.
/// </summary>
public static class RaiseEscalationOperation
{
    public const string Name = "RaiseEscalation";

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/escalations", HandleAsync)
            .WithName(Name)
            .WithTags("Ladder of intervention")
            .WithSummary("Escalate an issue")
            .WithDescription(
                "Raises an issue that cannot be resolved where it arose, about an indicator in an area, at the first level of the governance chain (the delivery " +
                "lead); those at each level then pass it up or resolve it (POST /api/v1/escalations/{id}/decisions). Name the pair by its codes (indicator and area) " +
                "or by an exception report about it (exception, its id), not both.\n\n" +
                "Send an API token with submit scope as 'Authorization: Bearer <token>'. Its person must be accountable for the indicator in the area (its delivery " +
                "lead or target sponsor, the indicator's owner or deputy, or the central team), a member of its accountable body, or an administrator. Audited; the " +
                "pair's delivery leads are told.\n\n" +
                "Body: {\"indicator\": \"NI 15\", \"area\": \"HRT\", \"issue\": \"...\"} or {\"exception\": 12, \"issue\": \"...\"}.")
            .Accepts<EscalationRequestDocument>("application/json")
            .Produces<EscalationDocument>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireAuthorization(new AuthorizeAttribute { Policy = Policies.Submit, AuthenticationSchemes = TokenAuthenticationHandler.SchemeName })
            .AddOpenApiOperationTransformer(ApiOperationDocs.Describe(
                [],
                [
                    new(StatusCodes.Status201Created, "The issue is raised at the delivery lead; the answer is the escalation, and Location its address."),
                    new(StatusCodes.Status400BadRequest, "A field is missing or wrong (no such indicator, area or exception report, both a pair and an exception report, no issue); errors names the field. Nothing was changed."),
                    new(StatusCodes.Status401Unauthorized, "No API token came with the request, or it is unknown, expired or revoked. A browser's session cookie is not accepted here."),
                    new(StatusCodes.Status403Forbidden, "The token has read scope only, or its person is not accountable for the pair, nor a member of its accountable body, nor an administrator."),
                ]));

    private static async Task<Results<Created<EscalationDocument>, ProblemHttpResult, ValidationProblem>> HandleAsync(
        HttpContext context,
        [FromServices] GoldenThreadDb db,
        [FromServices] CurrentPerson current,
        [FromServices] RaiseEscalation raise,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await StrictBodies.ReadAsync<EscalationRequestDocument>(context, ApiDocument.EscalationExample, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var (indicator, area) = (body.Indicator, body.Area);
        if (body.Exception is { } exceptionId)
        {
            if (!string.IsNullOrWhiteSpace(indicator) || !string.IsNullOrWhiteSpace(area))
            {
                return ApiProblems.InvalidFields([("exception", "Name the pair by its indicator and area, or by an exception report about it, not both.")]);
            }

            var pair = await db.ExceptionReports.AsNoTracking().Where(e => e.Id == exceptionId)
                .Join(db.Indicators, e => e.IndicatorId, i => i.Id, (e, i) => new { e.AreaId, Indicator = i.Code })
                .Join(db.Areas, x => x.AreaId, a => a.Id, (x, a) => new { x.Indicator, Area = a.Code })
                .SingleOrDefaultAsync(cancellationToken);
            if (pair is null)
            {
                return ApiProblems.InvalidFields([("exception", string.Create(CultureInfo.InvariantCulture, $"There is no exception report {exceptionId}; GET /api/v1/exceptions lists them."))]);
            }

            (indicator, area) = (pair.Indicator, pair.Area);
        }

        var person = (await current.GetAsync(cancellationToken))!;
        var outcome = await raise.RunAsync(await HttpAuditActor.OfAsync(context), new EscalationRaise(person.Actor, indicator, area, body.Issue), cancellationToken);
        if (!outcome.Succeeded)
        {
            // The use case words a refusal of the person "Only ... may ...".
            if (outcome.Errors[0].Message.StartsWith("Only ", StringComparison.Ordinal))
            {
                var detail = outcome.Errors[0].Message + ".";
                await AccessAudit.DeniedAsync(context, detail);
                return ApiProblems.Forbidden(detail);
            }

            return ApiProblems.InvalidFields([.. outcome.Errors.Select(e => (e.Field, e.Message + "."))]);
        }

        var id = outcome.Id!.Value;
        var escalation = (await EscalationReader.ReadAsync(db, id, cancellationToken))[0];
        return TypedResults.Created(string.Create(CultureInfo.InvariantCulture, $"{GoldenThreadApi.BasePath}/escalations/{id}"), escalation);
    }
}
