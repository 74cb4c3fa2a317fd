using System.ComponentModel;
using System.Globalization;
using GoldenThread.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GoldenThread.Api.V1;

/// <summary><c>GET /api/v1/escalations/{id}</c>: an escalation with each step's decision and date.</summary>
public static class GetEscalation
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/escalations/{id:int}", HandleAsync)
            .WithName(nameof(GetEscalation))
            .WithTags("Ladder of intervention")
            .WithSummary("Get an escalation")
            .WithDescription("An escalated issue with every step up the chain and its resolution: from which level to which, the body, the decision, its date and who recorded it.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AddOpenApiOperationTransformer(ApiOperationDocs.Describe(
                [new("id", Required: true, Example: "1")],
                [
                    new(StatusCodes.Status200OK, "The escalation with its steps."),
                    new(StatusCodes.Status404NotFound, "There is no escalation with this id."),
                ]));

    private static async Task<Results<Ok<EscalationDocument>, ProblemHttpResult>> HandleAsync(
        [Description("The escalation's id, from GET /api/v1/escalations.")] int id,
        [FromServices] GoldenThreadDb db,
        CancellationToken cancellationToken)
    {
        var found = await EscalationReader.ReadAsync(db, id, cancellationToken);
        return found.Count == 0
            ? ApiProblems.NotFound(string.Create(CultureInfo.InvariantCulture, $"There is no escalation {id}. GET /api/v1/escalations lists them."))
            : TypedResults.Ok(found[0]);
    }
}
