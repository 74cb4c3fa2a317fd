using System.ComponentModel;
using System.Globalization;
using GoldenThread.Access;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Indicators;
using GoldenThread.Returns;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GoldenThread.Api.V1;

/// <summary><c>GET /api/v1/returns/{id}</c>: a return with its lines, what is due, the drafts and what they give.</summary>
public static class GetReturn
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/returns/{id:int}", HandleAsync)
            .WithName(nameof(GetReturn))
            .WithTags("Returns")
            .WithSummary("Get a return")
            .WithDescription(
                "A return with its lines: for each, what is due (actual_due, projected_outturn_due), the drafts saved so far, the status they give at the return's quarter " +
                "with the reason in words, the exception report that status needs (on the line that carries_exception), unusual-movement warnings and what stops " +
                "the line being submitted (to_submit). Readable by whoever may enter the return, and by auditors.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AddOpenApiOperationTransformer(ApiOperationDocs.Describe(
                [new("id", Required: true, Example: "12")],
                [
                    new(StatusCodes.Status200OK, "The return."),
                    new(StatusCodes.Status403Forbidden, "The caller may not read this return."),
                    new(StatusCodes.Status404NotFound, "There is no return with this id."),
                ]));

    private static async Task<Results<Ok<ReturnDocument>, ProblemHttpResult>> HandleAsync(
        [Description("The return's id, from GET /api/v1/returns.")] int id,
        HttpContext context,
        [FromServices] GoldenThreadDb db,
        [FromServices] CurrentPerson current,
        [FromServices] ReportingClock clock,
        [FromServices] FigureLimits limits,
        CancellationToken cancellationToken)
    {
        var snapshot = await ReturnSnapshot.LoadAsync(db, id, cancellationToken);
        if (snapshot is null)
        {
            return ApiProblems.NotFound(string.Create(CultureInfo.InvariantCulture, $"There is no return {id}. GET /api/v1/returns lists yours."));
        }

        var person = (await current.GetAsync(cancellationToken))!;
        if (!AccessRules.MayReadReturn(person.Id, person.Actor, ReturnEntry.AccessOf(snapshot.Return)))
        {
            var detail = string.Create(CultureInfo.InvariantCulture, $"You may not read return {id}: a return is read by its assignee, by those who may submit its figures, by the central team and by auditors.");
            await Audit.AccessAudit.DeniedAsync(context, detail);
            return ApiProblems.Forbidden(detail);
        }

        return TypedResults.Ok(await ReturnReader.DocumentAsync(db, snapshot, clock.Today, limits, cancellationToken));
    }
}
