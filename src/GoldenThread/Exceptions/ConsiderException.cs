using GoldenThread.Administration;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Intervention;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Exceptions;

/// <summary>The accountable body's consideration of an exception report: <c>note</c>, <c>challenge</c> (with the question) or <c>accept</c>, with the words.</summary>
public sealed record Consideration(int ExceptionId, Actor Access, string? Decision, string? Text);

/// <summary>
/// A member of the accountable body (or an administrator: <see cref="InterventionAccess.MayConsiderFor"/>) considers a
/// submitted exception report: notes it, challenges it with a question the delivery lead must answer, or accepts it
/// (a noted report may still be accepted). The field at fault is <c>decision</c> or <c>text</c>.
/// </summary>
public sealed class ConsiderException(GoldenThreadDb db, AuditLog audit, ExceptionLife life) : AdminUseCase<Consideration>(db, audit)
{
    public const int TextLength = ExceptionReport.TextLength;

    protected override async Task<AdminChange> HandleAsync(AuditActor actor, Consideration request, CancellationToken cancellationToken)
    {
        var report = await Db.ExceptionReports.SingleOrDefaultAsync(e => e.Id == request.ExceptionId, cancellationToken);
        if (report is null)
        {
            return AdminChange.Refused("exception", "That exception report does not exist");
        }

        if (!InterventionAccess.MayConsiderFor(request.Access, report.BodyId))
        {
            return AdminChange.Refused("decision", "Only the members of the body accountable for this indicator can consider its exception reports");
        }

        ExceptionAction? action = request.Decision?.Trim().ToLowerInvariant() switch
        {
            "note" => ExceptionAction.Note,
            "challenge" => ExceptionAction.Challenge,
            "accept" => ExceptionAction.Accept,
            _ => null,
        };
        if (action is not { } decision)
        {
            return AdminChange.Refused("decision", "Choose whether to note, challenge or accept the exception report");
        }

        var text = string.IsNullOrWhiteSpace(request.Text) ? null : request.Text.Trim();
        if (text is { Length: > TextLength })
        {
            return AdminChange.Refused("text", $"The text is {text.Length} characters long; it may have at most {TextLength}");
        }

        if (decision == ExceptionAction.Challenge && text is null)
        {
            return AdminChange.Refused("text", "Give the question the delivery lead must answer");
        }

        if (ExceptionStates.After(report.State, decision) is null)
        {
            return AdminChange.Refused("decision", $"An exception report that is {ExceptionStates.Name(report.State).ToLowerInvariant()} cannot be {ExceptionLife.ActionName(decision).ToLowerInvariant()}: only a submitted report is considered (and a noted one accepted)");
        }

        await life.MoveAsync(report, decision, actor, actor.Id, actor.Name, text, cancellationToken, report.BodyId);
        if (decision == ExceptionAction.Challenge)
        {
            report.Question = text;
            report.Answer = null;
        }

        await Db.SaveChangesAsync(cancellationToken);
        return AdminChange.Success($"The exception report is {ExceptionStates.Name(report.State).ToLowerInvariant()}.", report.Id);
    }
}
