using GoldenThread.Administration;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Intervention;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Exceptions;

/// <summary>The delivery lead's answer to the body's question on an exception report.</summary>
public sealed record ChallengeAnswer(int ExceptionId, Actor Access, string? Answer);

/// <summary>
/// Answers a challenged exception report (<see cref="InterventionAccess.MayWriteFor"/>: the pair's delivery lead and target
/// sponsor, the indicator's owner and deputy, the central team): it goes back to the body as submitted, and the body's
/// secretary is told. The field at fault is <c>answer</c>.
/// </summary>
public sealed class AnswerChallenge(GoldenThreadDb db, AuditLog audit, ExceptionLife life) : AdminUseCase<ChallengeAnswer>(db, audit)
{
    protected override async Task<AdminChange> HandleAsync(AuditActor actor, ChallengeAnswer request, CancellationToken cancellationToken)
    {
        var report = await Db.ExceptionReports.SingleOrDefaultAsync(e => e.Id == request.ExceptionId, cancellationToken);
        if (report is null)
        {
            return AdminChange.Refused("exception", "That exception report does not exist");
        }

        var lead = await Db.Indicators.AsNoTracking().Where(i => i.Id == report.IndicatorId).Select(i => i.LeadOrganisationId).SingleOrDefaultAsync(cancellationToken);
        if (!InterventionAccess.MayWriteFor(request.Access, new Figures(report.IndicatorId, lead, report.AreaId)))
        {
            return AdminChange.Refused("answer", "Only the indicator's delivery lead, target sponsor, owner or deputy, or the central team, can answer the body's question");
        }

        if (report.State != ExceptionState.Challenged)
        {
            return AdminChange.Refused("answer", $"There is no question to answer: the exception report is {ExceptionStates.Name(report.State).ToLowerInvariant()}");
        }

        var answer = string.IsNullOrWhiteSpace(request.Answer) ? null : request.Answer.Trim();
        if (answer is null)
        {
            return AdminChange.Refused("answer", "Give your answer to the body's question");
        }

        if (answer.Length > ExceptionReport.TextLength)
        {
            return AdminChange.Refused("answer", $"The answer is {answer.Length} characters long; it may have at most {ExceptionReport.TextLength}");
        }

        await life.MoveAsync(report, ExceptionAction.Answer, actor, actor.Id, actor.Name, answer, cancellationToken);
        report.Answer = answer;
        await Db.SaveChangesAsync(cancellationToken);
        return AdminChange.Success("Your answer is sent to the body: the exception report waits for its consideration again.", report.Id);
    }
}
