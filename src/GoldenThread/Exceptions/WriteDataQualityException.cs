using GoldenThread.Administration;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Intervention;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Exceptions;

/// <summary>What the delivery lead writes in a data-quality exception: why the problem arose and what is done to put it right; saved, or submitted.</summary>
public sealed record DataQualityWriting(int ExceptionId, Actor Access, string? Reason, string? Plans, bool Submit);

/// <summary>
/// Writes a data-quality exception report (issue 11, item 4), which comes with no return: the people who write the
/// indicator's exceptions (<see cref="InterventionAccess.MayWriteFor"/>) save its reason and plans (drafted) or submit it
/// to the accountable body (both needed). A performance exception is written with its return instead. Fields at fault:
/// <c>reason</c>, <c>plans</c>.
/// </summary>
public sealed class WriteDataQualityException(GoldenThreadDb db, AuditLog audit, ExceptionLife life) : AdminUseCase<DataQualityWriting>(db, audit)
{
    protected override async Task<AdminChange> HandleAsync(AuditActor actor, DataQualityWriting request, CancellationToken cancellationToken)
    {
        var report = await Db.ExceptionReports.SingleOrDefaultAsync(e => e.Id == request.ExceptionId, cancellationToken);
        if (report is null)
        {
            return AdminChange.Refused("exception", "That exception report does not exist");
        }

        var lead = await Db.Indicators.AsNoTracking().Where(i => i.Id == report.IndicatorId).Select(i => i.LeadOrganisationId).SingleOrDefaultAsync(cancellationToken);
        if (!InterventionAccess.MayWriteFor(request.Access, new Figures(report.IndicatorId, lead, report.AreaId)))
        {
            return AdminChange.Refused("reason", "Only the indicator's delivery lead, target sponsor, owner or deputy, or the central team, can write its exception report");
        }

        if (report.Kind != ExceptionKind.DataQuality)
        {
            return AdminChange.Refused("reason", "A performance exception report is written with its return");
        }

        var action = request.Submit ? ExceptionAction.Submit : ExceptionAction.Draft;
        if (ExceptionStates.After(report.State, action) is null)
        {
            return AdminChange.Refused("reason", $"The exception report is {ExceptionStates.Name(report.State).ToLowerInvariant()}, so it can no longer be written");
        }

        var reason = Tidy(request.Reason);
        var plans = Tidy(request.Plans);
        var errors = new List<FieldError>();
        Check(errors, "reason", "the reason for the data-quality problem", reason, request.Submit);
        Check(errors, "plans", "what is being done to put it right", plans, request.Submit);
        if (errors.Count > 0)
        {
            return AdminChange.Refused(errors);
        }

        report.Reason = reason;
        report.Plans = plans;
        await life.MoveAsync(report, action, actor, actor.Id, actor.Name, null, cancellationToken);
        await Db.SaveChangesAsync(cancellationToken);
        return AdminChange.Success(request.Submit ? "The exception report is submitted to the accountable body." : "The exception report is saved.", report.Id);
    }

    private static void Check(List<FieldError> errors, string field, string what, string? text, bool submit)
    {
        if (text is { Length: > ExceptionReport.TextLength })
        {
            errors.Add(new FieldError(field, $"{char.ToUpperInvariant(what[0])}{what[1..]} is {text.Length} characters long; it may have at most {ExceptionReport.TextLength}"));
        }
        else if (submit && text is null)
        {
            errors.Add(new FieldError(field, $"Give {what} before submitting"));
        }
    }

    private static string? Tidy(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
