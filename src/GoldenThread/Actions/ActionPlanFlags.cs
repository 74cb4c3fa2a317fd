using GoldenThread.Domain.Intervention;
using GoldenThread.Domain.Periods;
using GoldenThread.Notices;
using GoldenThread.Scorecard;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using GoldenThread.Worker;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Actions;

/// <summary>A pair shown at stage 2 with no agreed action plan that counts at the period.</summary>
public sealed record MissingPlan(int IndicatorId, string IndicatorCode, int AreaId, string AreaCode, int Stage, int? DraftPlanId);

/// <summary>
/// Stage 2 demands an agreed action plan (assessment.md, Ladder of intervention): the pairs the scorecard shows at stage
/// 2 (computed or by hand, <see cref="Domain.Assessment.Assessment.LadderStage"/>) without an agreed plan recorded in
/// the quarter or the three before it (<see cref="ActionPairs.RelevantQuarters"/>: a plan older than a year no longer
/// answers the stage) are flagged: listed on <c>/action-plans</c>, and their delivery leads are told.
/// </summary>
public static class ActionPlanFlags
{
    public static string KeyPrefix(int indicatorId, int areaId) => $"plan-needed:{indicatorId}:{areaId}:";

    public static async Task<IReadOnlyList<MissingPlan>> MissingAsync(GoldenThreadDb db, Period quarter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var tolerances = await ToleranceSetting.CurrentAsync(db, cancellationToken);
        var scorecard = await ScorecardQuery.RunAsync(db, new ScorecardFilter(quarter), tolerances, cancellationToken);
        var atStageTwo = scorecard.Entries.Where(e => e.Assessment.LadderStage == 2).ToList();
        if (atStageTwo.Count == 0)
        {
            return [];
        }

        var indicators = await db.Indicators.AsNoTracking().Select(i => new { i.Id, i.Code }).ToDictionaryAsync(i => i.Code, i => i.Id, StringComparer.Ordinal, cancellationToken);
        var areas = await db.Areas.AsNoTracking().Select(a => new { a.Id, a.Code }).ToDictionaryAsync(a => a.Code, a => a.Id, StringComparer.Ordinal, cancellationToken);
        var quarters = ActionPairs.RelevantQuarters(quarter);
        var plans = await db.ActionPlans.AsNoTracking()
            .Where(p => quarters.Contains(p.Period))
            .Select(p => new { p.Id, p.IndicatorId, p.AreaId, p.State })
            .ToListAsync(cancellationToken);
        var agreed = plans.Where(p => p.State == ActionPlanState.Agreed).Select(p => (p.IndicatorId, p.AreaId)).ToHashSet();
        var drafts = plans.Where(p => p.State == ActionPlanState.Draft).GroupBy(p => (p.IndicatorId, p.AreaId)).ToDictionary(g => g.Key, g => g.Max(p => p.Id));
        var missing = new List<MissingPlan>();
        foreach (var entry in atStageTwo)
        {
            var key = (indicators[entry.Indicator], areas[entry.Area]);
            if (!agreed.Contains(key))
            {
                missing.Add(new MissingPlan(key.Item1, entry.Indicator, key.Item2, entry.Area, entry.Assessment.LadderStage, drafts.TryGetValue(key, out var draft) ? draft : null));
            }
        }

        return missing;
    }

    /// <summary>Raises an "action plan needed" notice to each delivery lead of each flagged pair, once per pair, quarter and person. Does not save.</summary>
    public static async Task<int> RaiseNoticesAsync(GoldenThreadDb db, NoticeBoard board, Period quarter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(board);
        var requests = new List<NoticeRequest>();
        foreach (var missing in await MissingAsync(db, quarter, cancellationToken))
        {
            var concerned = await ConcernedPeople.ForPairAsync(db, missing.IndicatorId, missing.AreaId, cancellationToken);
            var link = missing.DraftPlanId is { } draft ? $"/action-plans/{draft}" : $"/action-plans?indicator={Uri.EscapeDataString(missing.IndicatorCode)}&area={Uri.EscapeDataString(missing.AreaCode)}#new-plan";
            requests.AddRange(concerned.DeliveryLeads.Select(person => new NoticeRequest(
                person,
                NoticeKind.ActionPlanNeeded,
                $"{missing.IndicatorCode} in {missing.AreaCode} is at stage 2 and needs an agreed action plan",
                $"{missing.IndicatorCode} in {missing.AreaCode} is at stage 2 of the ladder of intervention in {quarter.Code}. Record an action plan with the partners and agree it.",
                link,
                $"{KeyPrefix(missing.IndicatorId, missing.AreaId)}{quarter.Code}:{person}")));
        }

        return await board.RaiseAsync(requests, cancellationToken);
    }
}

/// <summary>The daily <c>action-plans.flag</c> job: tells the delivery leads of every pair at stage 2 without an agreed plan in the current period.</summary>
public sealed class ActionPlanFlagJob(GoldenThreadDb db, NoticeBoard board, ReportingClock clock) : IJobHandler
{
    public const string Kind = "action-plans.flag";

    /// <summary>At 06:30 UTC, before the notices of the day are sent.</summary>
    public static RecurringJob Daily { get; } = new(Kind, Schedule.DailyAt(new TimeOnly(6, 30)));

    public async Task RunAsync(Job job, CancellationToken cancellationToken)
    {
        var quarter = await clock.CurrentPeriodAsync(db, cancellationToken);
        await ActionPlanFlags.RaiseNoticesAsync(db, board, quarter, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}
