using GoldenThread.Administration;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Intervention;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Exceptions;

/// <summary>The central team closing an exception report by hand, with the reason.</summary>
public sealed record ExceptionClosure(int ExceptionId, Actor Access, string? Reason);

/// <summary>
/// Closes an open exception report by hand (the central team: administrators, and performance officers for their own
/// organisation's indicators), with the reason in words, kept as its <see cref="ExceptionReport.ClosedReason"/>. Closing on
/// recovery is the rules' (<see cref="ExceptionReview"/>). The field at fault is <c>reason</c>.
/// </summary>
public sealed class CloseException(GoldenThreadDb db, AuditLog audit, ExceptionLife life) : AdminUseCase<ExceptionClosure>(db, audit)
{
    protected override async Task<AdminChange> HandleAsync(AuditActor actor, ExceptionClosure request, CancellationToken cancellationToken)
    {
        var report = await Db.ExceptionReports.SingleOrDefaultAsync(e => e.Id == request.ExceptionId, cancellationToken);
        if (report is null)
        {
            return AdminChange.Refused("exception", "That exception report does not exist");
        }

        var lead = await Db.Indicators.AsNoTracking().Where(i => i.Id == report.IndicatorId).Select(i => i.LeadOrganisationId).SingleOrDefaultAsync(cancellationToken);
        if (!MayClose(request.Access, lead))
        {
            return AdminChange.Refused("reason", "Only the central team can close an exception report by hand");
        }

        if (!ExceptionStates.IsOpen(report.State))
        {
            return AdminChange.Refused("reason", "The exception report is already closed");
        }

        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        if (reason is null)
        {
            return AdminChange.Refused("reason", "Give the reason for closing the exception report");
        }

        if (reason.Length > ExceptionReport.TextLength)
        {
            return AdminChange.Refused("reason", $"The reason is {reason.Length} characters long; it may have at most {ExceptionReport.TextLength}");
        }

        await life.CloseAsync(report, actor, actor.Id, actor.Name, reason, cancellationToken);
        await Db.SaveChangesAsync(cancellationToken);
        return AdminChange.Success("The exception report is closed.", report.Id);
    }

    /// <summary>The central team for the indicator: administrators, and performance officers of its lead organisation.</summary>
    public static bool MayClose(Actor access, int? leadOrganisationId)
    {
        ArgumentNullException.ThrowIfNull(access);
        return access.Holds(Role.Administrator)
            || (access.Holds(Role.PerformanceOfficer) && leadOrganisationId is { } lead && lead == access.OrganisationId);
    }
}
