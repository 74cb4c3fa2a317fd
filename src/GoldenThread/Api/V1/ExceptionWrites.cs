using System.Globalization;
using GoldenThread.Access;
using GoldenThread.Administration;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Exceptions;
using GoldenThread.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Api.V1;

/// <summary>
/// What the exception reports' writes share (<see cref="ConsiderExceptionOperation"/>'s answers, for the answer, the
/// data-quality writing and the closure): the body read strictly (400 naming the field), 404 for no such report, the use
/// case run as the token's person, a refusal of the person 403, any other refusal 422 naming the field, and the report
/// after the change. The use case does it all or nothing.
/// </summary>
internal static class ExceptionWrites
{
    public static async Task<Results<Ok<ExceptionReportDocument>, ProblemHttpResult, ValidationProblem>> RunAsync<TBody>(
        int id,
        HttpContext context,
        string example,
        string title,
        Func<TBody, Actor, AuditActor, Task<AdminChange>> run,
        CancellationToken cancellationToken)
        where TBody : class
    {
        var (body, problem) = await StrictBodies.ReadAsync<TBody>(context, example, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var db = context.RequestServices.GetRequiredService<GoldenThreadDb>();
        if (!await db.ExceptionReports.AnyAsync(e => e.Id == id, cancellationToken))
        {
            return ApiProblems.NotFound(string.Create(CultureInfo.InvariantCulture, $"There is no exception report {id}. GET /api/v1/exceptions lists them."));
        }

        var person = (await context.RequestServices.GetRequiredService<CurrentPerson>().GetAsync(cancellationToken))!;
        var outcome = await run(body, person.Actor, await HttpAuditActor.OfAsync(context));
        if (!outcome.Succeeded)
        {
            // The use cases word a refusal of the person "Only ... can ...", whatever the field.
            var error = outcome.Errors[0];
            if (error.Message.StartsWith("Only ", StringComparison.Ordinal))
            {
                await AccessAudit.DeniedAsync(context, error.Message + ".");
                return ApiProblems.Forbidden(error.Message + ".");
            }

            var details = new HttpValidationProblemDetails(outcome.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message + ".").ToArray()))
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = title,
                Detail = string.Join(" ", outcome.Errors.Select(e => $"{e.Field}: {e.Message}.")),
            };
            return TypedResults.Problem(details);
        }

        return TypedResults.Ok(ExceptionReportDocument.From((await ExceptionQueries.FindAsync(db, id, cancellationToken))!));
    }
}
