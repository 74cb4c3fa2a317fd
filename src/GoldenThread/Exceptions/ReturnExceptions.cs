using GoldenThread.Domain.Intervention;
using GoldenThread.Domain.Returns;
using GoldenThread.Returns;
using GoldenThread.Scorecard;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Exceptions;

/// <summary>
/// An exception report's life while its return is entered (issue 11, item 2), called by <see cref="ReturnEntry"/> in its
/// transaction: each saved or submitted return makes sure that every exception its quarter's assessment needs exists
/// (raised: state required, the delivery leads told), moves it to drafted when the partner has written any of its fields,
/// and to submitted with the return. A report raised earlier that the submitted figures no longer call for is closed, saying so.
/// </summary>
public sealed class ReturnExceptions(GoldenThreadDb db, ExceptionLife life)
{
    /// <summary>
    /// Records the exceptions of a saved return's lines <paramref name="saved"/> (a save raises only for what the partner
    /// touched: an untouched line gives "no data" until its figures are entered), or with <paramref name="submitted"/> of
    /// every line. Saves raised reports; the rest is saved by the caller.
    /// </summary>
    public async Task RecordAsync(
        Return tracked, ReturnSnapshot snapshot, ReturnEvaluation evaluation, EntryRequest request, IReadOnlyCollection<int> saved, bool submitted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(saved);
        ArgumentNullException.ThrowIfNull(tracked);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(request);
        var quarter = snapshot.Quarter.Code;
        var who = request.Actor.Name;
        foreach (var preview in evaluation.Lines)
        {
            var snapshotLine = snapshot.Lines.Single(l => l.Id == preview.LineId);
            if (snapshot.ExceptionLineOf(snapshotLine).Id != preview.LineId)
            {
                continue;
            }

            if (!submitted && !snapshot.TaskOf(snapshotLine).Any(l => saved.Contains(l.Id)))
            {
                continue;
            }

            var line = tracked.Lines.Single(l => l.Id == preview.LineId);
            var report = await FindAsync(line.IndicatorId, line.AreaId, quarter, cancellationToken);
            if (preview.ExceptionRequired is not { } status)
            {
                // Raised by earlier figures and not called for by these: closed when the figures are submitted.
                if (submitted && report is { State: ExceptionState.Required or ExceptionState.Drafted })
                {
                    await life.CloseAsync(report, request.Actor, request.Actor.Id, who, $"Not needed: the figures submitted give {preview.Status.Name()}.", cancellationToken);
                }

                continue;
            }

            if (report is null)
            {
                var bodyId = await db.Indicators.AsNoTracking().Where(i => i.Id == line.IndicatorId).Select(i => i.BodyId).SingleAsync(cancellationToken);
                report = new ExceptionReport { IndicatorId = line.IndicatorId, AreaId = line.AreaId, Period = quarter, Status = status, BodyId = bodyId, Kind = ExceptionKind.Performance };
                await life.RaiseAsync(report, request.Actor, $"the figures for {snapshot.Quarter.DisplayName} give {status.Name()}.", cancellationToken);
            }

            report.Status = status;
            if (submitted)
            {
                if (await life.MoveAsync(report, ExceptionAction.Submit, request.Actor, request.Actor.Id, who, null, cancellationToken))
                {
                    report.ReturnId = tracked.Id;
                }
            }
            else if (report.State == ExceptionState.Required && !Fields(ReturnSnapshot.ExceptionOf(line)).IsEmpty)
            {
                await life.MoveAsync(report, ExceptionAction.Draft, request.Actor, request.Actor.Id, who, null, cancellationToken);
            }
        }
    }

    private async Task<ExceptionReport?> FindAsync(int indicatorId, int areaId, string quarter, CancellationToken cancellationToken) =>
        db.ExceptionReports.Local.SingleOrDefault(e => e.IndicatorId == indicatorId && e.AreaId == areaId && e.Period == quarter && e.Kind == ExceptionKind.Performance)
        ?? await db.ExceptionReports.SingleOrDefaultAsync(e => e.IndicatorId == indicatorId && e.AreaId == areaId && e.Period == quarter && e.Kind == ExceptionKind.Performance, cancellationToken);

    private static ExceptionFields Fields(ExceptionInput e) =>
        new(e.Reason, e.Plans, e.Timescales, e.LeadPartners, e.Resources, e.Cause, e.Explanation, e.Assurance);
}
