using System.Globalization;
using GoldenThread.Audit;
using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Intervention;
using GoldenThread.Domain.Periods;
using GoldenThread.Indicators;
using GoldenThread.Reminders;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Exceptions;

/// <summary>
/// Raises data-quality exceptions (issue 11, item 4): for each indicator and area with a line in a quarter's returns,
/// gathers what the cycle recorded (late, queried, amended after sign-off) over the quarter and the three before, asks
/// <see cref="DataQualityRules.CausesAt"/>, and raises one <see cref="ExceptionKind.DataQuality"/> report per pair and quarter
/// with the first cause (every cause in words in its raise step). An indicator with no active owner gives the cause to
/// every area of its lines in the quarter (decision record "exceptions data quality"). A pair with no cause at a quarter
/// has recovered: its open data-quality exceptions of earlier quarters are closed. Idempotent: what exists is left alone.
/// </summary>
public sealed class DataQualityExceptions(GoldenThreadDb db, ExceptionLife life, ReportingClock clock)
{
    /// <summary>Raises what <paramref name="quarter"/> calls for; <paramref name="ownersNow"/> says whether "no active owner" (a fact of today) applies to it. Saves.</summary>
    public async Task<(int Raised, int Closed)> ReviewAsync(Period quarter, bool ownersNow, CancellationToken cancellationToken)
    {
        var quarters = new List<string>();
        var at = quarter;
        for (var i = 0; i < DataQualityRules.Window; i++)
        {
            quarters.Add(at.Code);
            at = at.Previous();
        }

        var lines = await (
                from l in db.ReturnLines.AsNoTracking()
                join r in db.Returns.AsNoTracking() on l.ReturnId equals r.Id
                where quarters.Contains(r.Period)
                select new { l.ReturnId, l.IndicatorId, l.AreaId })
            .Distinct()
            .ToListAsync(cancellationToken);
        var returnIds = lines.Select(l => l.ReturnId).Distinct().ToList();
        var returns = await db.Returns.AsNoTracking().Where(r => returnIds.Contains(r.Id))
            .Select(r => new { r.Id, r.Period, r.QueryCount })
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        var firstSubmitted = (await db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditActions.ReturnSubmitted && e.SubjectId != null && returnIds.Contains(e.SubjectId.Value))
            .Select(e => new { Id = e.SubjectId!.Value, e.At })
            .ToListAsync(cancellationToken))
            .GroupBy(e => e.Id)
            .ToDictionary(g => g.Key, g => g.Min(e => e.At));
        var amended = (await db.FigureRecords.AsNoTracking()
            .Where(f => f.ReturnId != null && returnIds.Contains(f.ReturnId.Value) && f.Reason != null)
            .Select(f => new { ReturnId = f.ReturnId!.Value, f.IndicatorId, f.AreaId })
            .Distinct()
            .ToListAsync(cancellationToken))
            .Select(f => (f.ReturnId, f.IndicatorId, f.AreaId))
            .ToHashSet();
        var deadlines = await ReminderCalendar.DeadlinesAsync(db, quarters, cancellationToken);
        var today = clock.Today;

        bool IsLate(int returnId, string period)
        {
            if (!deadlines.TryGetValue(period, out var deadline))
            {
                return false;
            }

            return firstSubmitted.TryGetValue(returnId, out var submitted)
                ? DateOnly.FromDateTime(submitted.UtcDateTime) > deadline
                : today > deadline;
        }

        var facts = lines
            .GroupBy(l => (l.IndicatorId, l.AreaId))
            .ToDictionary(
                g => g.Key,
                g => g.Select(l => returns[l.ReturnId]).Select(r => new DataQualityFacts(
                        Period.Parse(r.Period),
                        IsLate(r.Id, r.Period),
                        r.QueryCount > 0,
                        amended.Contains((r.Id, g.Key.IndicatorId, g.Key.AreaId))))
                    .GroupBy(f => f.Quarter)
                    .Select(q => new DataQualityFacts(q.Key, q.Any(f => f.Late), q.Any(f => f.Queried), q.Any(f => f.AmendedAfterSignOff)))
                    .ToList());
        var pairsNow = lines.Where(l => returns[l.ReturnId].Period == quarter.Code).Select(l => (l.IndicatorId, l.AreaId)).ToHashSet();
        var ownerless = ownersNow
            ? (await IndicatorProblems.ListAsync(db, cancellationToken)).Where(p => p.LacksOwner).Select(p => p.Code).ToHashSet(StringComparer.Ordinal)
            : [];
        var indicators = await db.Indicators.AsNoTracking().Select(i => new { i.Id, i.Code, i.BodyId }).ToDictionaryAsync(i => i.Id, cancellationToken);
        var existing = (await db.ExceptionReports.AsNoTracking()
            .Where(e => e.Kind == ExceptionKind.DataQuality && e.Period == quarter.Code)
            .Select(e => new { e.IndicatorId, e.AreaId })
            .ToListAsync(cancellationToken))
            .Select(e => (e.IndicatorId, e.AreaId))
            .ToHashSet();

        var raised = 0;
        var closed = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var pair in pairsNow.OrderBy(p => p.IndicatorId).ThenBy(p => p.AreaId))
        {
            var causes = DataQualityRules.CausesAt(quarter, facts.GetValueOrDefault(pair) ?? [], indicators.TryGetValue(pair.IndicatorId, out var i) && ownerless.Contains(i.Code));
            if (causes.Count == 0)
            {
                closed += await CloseRecoveredAsync(pair.IndicatorId, pair.AreaId, quarter, cancellationToken);
                continue;
            }

            if (existing.Contains(pair))
            {
                continue;
            }

            var report = new ExceptionReport
            {
                IndicatorId = pair.IndicatorId,
                AreaId = pair.AreaId,
                Period = quarter.Code,
                Kind = ExceptionKind.DataQuality,
                Cause = causes[0],
                Status = Status.NoData,
                BodyId = i?.BodyId,
            };
            var why = string.Join("; ", causes.Select(DataQualityRules.Describe));
            await life.RaiseAsync(report, AuditActor.Worker, $"a persistent data-quality problem at {quarter.DisplayName}: {why}.", cancellationToken);
            raised++;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (raised, closed);
    }

    /// <summary>Closes the pair's open data-quality exceptions of quarters before <paramref name="quarter"/>, at which it had no problem.</summary>
    private async Task<int> CloseRecoveredAsync(int indicatorId, int areaId, Period quarter, CancellationToken cancellationToken)
    {
        var open = (await db.ExceptionReports
            .Where(e => e.IndicatorId == indicatorId && e.AreaId == areaId && e.Kind == ExceptionKind.DataQuality && e.State != ExceptionState.Closed)
            .ToListAsync(cancellationToken))
            .Where(e => Period.TryParse(e.Period, out var p) && p < quarter)
            .ToList();
        foreach (var report in open)
        {
            await life.CloseAsync(report, AuditActor.Worker, null, ExceptionLife.SystemName, string.Create(CultureInfo.InvariantCulture, $"No data-quality problem at {quarter.DisplayName}."), cancellationToken);
        }

        return open.Count;
    }
}
