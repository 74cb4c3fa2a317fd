using System.Globalization;
using GoldenThread.Audit;
using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Intervention;
using GoldenThread.Domain.Periods;
using GoldenThread.Scorecard;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using GoldenThread.Worker;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Exceptions;

/// <summary>
/// The daily <c>exceptions.review</c> job (also queued when a return is signed off and when a cycle closes): closes every
/// open performance exception whose pair has recovered, and raises and closes data-quality exceptions
/// (<see cref="DataQualityExceptions"/>) for the current quarter and the one before. Idempotent: a second run finds
/// nothing more to do.
/// </summary>
/// <remarks>
/// Recovery: for an exception raised at quarter P, the latest later quarter (up to the current period) whose assessment
/// rests on figures (its status is not "no data") decides; when that status needs no exception, every open performance
/// exception of the pair up to that quarter is closed by the system, the reason in words ("Green at 2009-10 Q4"). A later
/// quarter with no figures yet decides nothing: a return not yet in is not a recovery.
/// </remarks>
public sealed class ExceptionReview(GoldenThreadDb db, ExceptionLife life, DataQualityExceptions dataQuality, ReportingClock clock, ILogger<ExceptionReview> log) : IJobHandler
{
    public const string Kind = "exceptions.review";

    /// <summary>At 06:00 UTC, before the reminders: the day's lists are up to date when people look.</summary>
    public static RecurringJob Daily { get; } = new(Kind, Schedule.DailyAt(new TimeOnly(6, 0)));

    public async Task RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var current = await clock.CurrentPeriodAsync(db, cancellationToken);
        var recovered = await CloseRecoveredAsync(current, cancellationToken);
        var (raisedNow, closedNow) = await dataQuality.ReviewAsync(current, ownersNow: true, cancellationToken);
        var (raisedBefore, closedBefore) = await dataQuality.ReviewAsync(current.Previous(), ownersNow: false, cancellationToken);
        log.Reviewed(recovered, raisedNow + raisedBefore, closedNow + closedBefore);
    }

    /// <summary>Closes the open performance exceptions whose pair has recovered by <paramref name="current"/>; returns how many. Saves.</summary>
    public async Task<int> CloseRecoveredAsync(Period current, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var open = await db.ExceptionReports.AsNoTracking()
            .Where(e => e.Kind == ExceptionKind.Performance && e.State != ExceptionState.Closed)
            .Select(e => new { e.Id, e.IndicatorId, e.AreaId, e.Period })
            .ToListAsync(cancellationToken);
        if (open.Count == 0)
        {
            return 0;
        }

        // Read before the transaction: the figures' raw reads cannot join one on SQLite.
        var indicatorIds = open.Select(e => e.IndicatorId).Distinct().ToList();
        var areaIds = open.Select(e => e.AreaId).Distinct().ToList();
        var histories = await FigureStore.HistoriesAsync(db, new FigureFilter(Publication.EveryStoredFigure) { Indicators = indicatorIds, Areas = areaIds }, cancellationToken);
        var rules = await db.Indicators.AsNoTracking().Where(i => indicatorIds.Contains(i.Id))
            .Select(i => new { i.Id, i.Polarity, i.Frequency, i.Accumulation, i.Decimals, i.AmberTolerance, i.StrongGreenThreshold })
            .ToDictionaryAsync(i => i.Id, i => new IndicatorRules(i.Polarity, i.Frequency, i.Accumulation, i.Decimals, i.AmberTolerance, i.StrongGreenThreshold), cancellationToken);
        var tolerances = await ToleranceSetting.CurrentAsync(db, cancellationToken);

        var toClose = new List<(int Id, string Reason)>();
        foreach (var pair in open.GroupBy(e => (e.IndicatorId, e.AreaId)))
        {
            var raised = pair.Select(e => Period.TryParse(e.Period, out var p) ? p : (Period?)null).OfType<Period>().ToList();
            if (raised.Count == 0 || !rules.TryGetValue(pair.Key.IndicatorId, out var rule))
            {
                continue;
            }

            var history = histories.GetValueOrDefault(pair.Key)?.History;
            if (history is null)
            {
                continue;
            }

            var assessor = new Assessor(rule, tolerances, history);
            var first = raised.Min();
            Assessment? decisive = null;
            for (var q = current; q > first; q = q.Previous())
            {
                var assessment = assessor.Assess(q);
                if (assessment.Status != Status.NoData)
                {
                    decisive = assessment;
                    break;
                }
            }

            if (decisive is null || decisive.ExceptionRequired is not null)
            {
                continue;
            }

            var reason = string.Create(CultureInfo.InvariantCulture, $"{decisive.Status.Name()} at {decisive.Period.DisplayName}: the status recovered.");
            toClose.AddRange(pair.Where(e => Period.TryParse(e.Period, out var p) && p < decisive.Period).Select(e => (e.Id, reason)));
        }

        if (toClose.Count == 0)
        {
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var closed = 0;
        foreach (var (id, reason) in toClose)
        {
            var report = await db.ExceptionReports.SingleAsync(e => e.Id == id, cancellationToken);
            if (await life.CloseAsync(report, AuditActor.Worker, null, ExceptionLife.SystemName, reason, cancellationToken))
            {
                closed++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return closed;
    }

    /// <summary>
    /// Adds a review due now to the caller's unit of work (after a sign-off or a cycle's close, so the change and the
    /// review it calls for are kept together), keyed once per <paramref name="occasion"/>. Does not save.
    /// </summary>
    public static void Queue(GoldenThreadDb db, DateTimeOffset now, string occasion)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.Jobs.Add(new Job { Kind = Kind, State = JobState.Queued, DueAt = now, MaxAttempts = JobQueue.DefaultMaxAttempts, UniqueKey = $"{Kind}:{occasion}", CreatedAt = now });
    }
}

internal static partial class ExceptionReviewLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Exceptions reviewed: {Recovered} closed on recovery, {Raised} data-quality exceptions raised, {Closed} closed")]
    public static partial void Reviewed(this ILogger<ExceptionReview> logger, int recovered, int raised, int closed);
}
