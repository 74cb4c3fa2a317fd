using System.ComponentModel;
using GoldenThread.Access;
using GoldenThread.Audit;
using GoldenThread.Returns;
using GoldenThread.Tokens;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GoldenThread.Api.V1;

/// <summary>
/// <c>DELETE /api/v1/figures/{indicator}/{area}/{period}?reason=...</c>: withdraws a values row entered by mistake,
/// leaving no row. The same token and the same people as a submission; the reason is required and audited.
/// </summary>
public static class WithdrawFigure
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapDelete("/figures/{indicator}/{area}/{period}", HandleAsync)
            .WithName(nameof(WithdrawFigure))
            .WithTags("Figures")
            .WithSummary("Withdraw an indicator's figures for an area and period")
            .WithDescription(
                "Withdraws one values row entered by mistake: afterwards there is no row for the indicator, area and period, as if none had " +
                "been submitted (to correct a figure instead, PUT the right one). Give the reason in the reason query parameter; the audit trail " +
                "records it with the figures the row held. The answer is 204 with no body.\n\n" +
                "Send an API token with submit scope as 'Authorization: Bearer <token>'. The token's person must be allowed to submit these " +
                "figures (the indicator's lead organisation's performance officers, the indicator's owner and deputy, or the delivery lead for " +
                "that area). For example: DELETE /api/v1/figures/NI%2015/HRT/2009-10-Q2?reason=Entered%20against%20the%20wrong%20area.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(new AuthorizeAttribute { Policy = Policies.Submit, AuthenticationSchemes = TokenAuthenticationHandler.SchemeName })
            .AddOpenApiOperationTransformer(ApiOperationDocs.Describe(
                [
                    new("indicator", Required: true, Example: "NI 15"),
                    new("area", Required: true, Example: "HRT"),
                    new("period", Required: true, Example: "2009-10-Q2"),
                    new("reason", Required: true, Example: "Entered against the wrong area"),
                ],
                [
                    new(StatusCodes.Status204NoContent, "The row was withdrawn; there are no figures for the indicator, area and period now."),
                    new(StatusCodes.Status400BadRequest, "The reason is missing or too long, or the period is not a period code; errors names the field. Nothing was changed."),
                    new(StatusCodes.Status401Unauthorized, "No API token came with the request, or it is unknown, expired or revoked. A browser's session cookie is not accepted here."),
                    new(StatusCodes.Status403Forbidden, "The token has read scope only, or its person may not submit this indicator's figures for this area."),
                    new(StatusCodes.Status404NotFound, "There is no indicator or area with the code given, or no figures for that period to withdraw."),
                ]));

    private static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> HandleAsync(
        [Description("The indicator's code, exactly as imported (codes are case-sensitive), e.g. NI 15.")]
        string indicator,
        [Description("The area's code, e.g. HRT.")]
        string area,
        [Description("The period code: a year such as 2009-10, or a half year, quarter or month of one: 2009-10-H1, 2009-10-Q2, 2009-10-M07.")]
        string period,
        [FromQuery, Description("Why the figures are withdrawn (at most 500 characters), recorded in the audit trail.")]
        string? reason,
        HttpContext context,
        [FromServices] FigureSubmission submission,
        [FromServices] IAuthorizationService authorization,
        CancellationToken cancellationToken)
    {
        var user = context.User;
        var actor = await HttpAuditActor.OfAsync(context);
        var outcome = await submission.WithdrawAsync(
            indicator,
            area,
            period,
            reason,
            async figures => (await authorization.AuthorizeAsync(user, figures, SubmitFiguresRequirement.Instance)).Succeeded,
            actor,
            cancellationToken);
        return outcome switch
        {
            SubmissionOutcome.Withdrawn => TypedResults.NoContent(),
            SubmissionOutcome.NotFound n => ApiProblems.NotFound(n.Detail),
            SubmissionOutcome.Refused r => ApiProblems.Forbidden(r.Detail),
            SubmissionOutcome.Invalid i => ApiProblems.InvalidFields(i.Problems.Select(p => (p.Field, p.Message)).ToList()),
            _ => throw new InvalidOperationException($"Unexpected outcome {outcome}."),
        };
    }
}
