using GoldenThread.Domain.Intervention;
using GoldenThread.Domain.Partnership;
using GoldenThread.Domain.Periods;
using GoldenThread.Intervention;
using GoldenThread.Partnership;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Bodies;

/// <summary>A pair at stage 1, with the action the delivery lead recorded for it (the latest), and whether it is new this quarter.</summary>
public sealed record StageOneItem(BodyPair Pair, bool New, string? Action, string? Who, ActionStatus? Status);

/// <summary>A pair at stage 2, with its latest action plan; flagged while it has no agreed plan.</summary>
public sealed record StageTwoItem(BodyPair Pair, int? PlanId, string? PlanTitle, ActionPlanState? PlanState)
{
    public bool Flagged => PlanState != ActionPlanState.Agreed;
}

/// <summary>A stage 3 report request: what was asked, of whom, by when, and where it stands.</summary>
public sealed record ReportItem(int Id, ReportRequestState State, string Owner, DateOnly DueOn, DateTimeOffset? AnsweredAt, string? Decision);

/// <summary>A pair at stage 3 with its report requests (those not yet considered, and any made this quarter).</summary>
public sealed record StageThreeItem(BodyPair Pair, IReadOnlyList<ReportItem> Requests);

/// <summary>An open escalation standing at one of the agenda's bodies, with its latest decision.</summary>
public sealed record EscalationItem(int Id, string Indicator, string AreaName, string Issue, EscalationLevel Level, string BodyCode, string? LastDecision, DateOnly? DecidedOn);

/// <summary>A manual trigger in force at the quarter, or cleared in it.</summary>
public sealed record TriggerItem(int Id, string Indicator, string AreaName, int Stage, string Reason, string RaisedBy, string FromPeriod, string? ClearedBy, string? ClearReason, string? ClearedInPeriod);

/// <summary>
/// What is on a meeting's agenda because of the rules: exceptions waiting for consideration, indicators at each stage with
/// what that stage asks for, escalations standing at the body, and the executive board's manual triggers.
/// </summary>
public sealed record Agenda(
    Body Body,
    BodyMeeting Meeting,
    IReadOnlyList<Body> From,
    IReadOnlyList<OpenException> Exceptions,
    IReadOnlyList<StageOneItem> StageOne,
    IReadOnlyList<StageTwoItem> StageTwo,
    IReadOnlyList<StageThreeItem> StageThree,
    IReadOnlyList<EscalationItem> Escalations,
    IReadOnlyList<TriggerItem> Triggers)
{
    public bool IsEmpty => Exceptions.Count + StageOne.Count + StageTwo.Count + StageThree.Count + Escalations.Count + Triggers.Count == 0;
}

/// <summary>
/// Builds a meeting's agenda (issue 11, item 1) from the workflow's tables, read directly: the meeting considers the
/// quarter its timetable row belongs to. A body's agenda covers its own indicators; the executive board's also covers
/// the thematic partnerships that escalate to it (everything they considered comes up to it). The stage of each pair is
/// the scorecard's (computed combined with manual); nothing here recomputes the ladder.
/// </summary>
public static class BodyAgenda
{
    /// <summary>The agenda of the body's meeting on <paramref name="date"/> (the last day of a span), or null when the body or the meeting does not exist.</summary>
    public static async Task<Agenda?> ForAsync(GoldenThreadDb db, string code, DateOnly date, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var bodies = await db.Bodies.AsNoTracking().ToListAsync(cancellationToken);
        var body = bodies.Find(b => string.Equals(b.Code, code, StringComparison.Ordinal));
        if (body is null)
        {
            return null;
        }

        var meeting = (await BodyBusiness.MeetingsAsync(db, body.Kind, cancellationToken)).FirstOrDefault(m => m.Date == date);
        if (meeting is null || !Period.TryParse(meeting.Period, out var period))
        {
            return null;
        }

        var scope = Scope(body, bodies);
        var pairs = await BodyBusiness.PairsAsync(db, scope, period, cancellationToken);
        var before = (await BodyBusiness.PairsAsync(db, scope, period.Previous(), cancellationToken))
            .ToDictionary(p => (p.Indicator, p.AreaCode), p => p.Assessment.LadderStage);
        var exceptions = await BodyBusiness.OpenExceptionsAsync(db, scope, submittedOnly: true, cancellationToken);

        var ids = await PairIdsAsync(db, pairs, cancellationToken);
        var indicatorIds = ids.Values.Select(v => v.IndicatorId).Distinct().ToList();
        var actions = (await db.Actions.AsNoTracking()
                .Where(a => a.Stage == 1 && a.IndicatorId != null && indicatorIds.Contains(a.IndicatorId.Value))
                .ToListAsync(cancellationToken))
            .GroupBy(a => (a.IndicatorId!.Value, a.AreaId))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.Id).First());
        var plans = (await db.ActionPlans.AsNoTracking().Where(p => indicatorIds.Contains(p.IndicatorId)).ToListAsync(cancellationToken))
            .GroupBy(p => (p.IndicatorId, p.AreaId))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.Id).First());
        var requests = (await db.ReportRequests.AsNoTracking()
                .Where(r => indicatorIds.Contains(r.IndicatorId) && (r.State != ReportRequestState.Considered || r.Period == meeting.Period))
                .Join(db.People, r => r.OwnerId, p => p.Id, (r, p) => new { r, Owner = p.FullName })
                .ToListAsync(cancellationToken))
            .GroupBy(x => (x.r.IndicatorId, x.r.AreaId))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(x => x.r.Id).Select(x => new ReportItem(x.r.Id, x.r.State, x.Owner, x.r.DueOn, x.r.AnsweredAt, x.r.Decision)).ToList());

        var stageOne = new List<StageOneItem>();
        var stageTwo = new List<StageTwoItem>();
        var stageThree = new List<StageThreeItem>();
        foreach (var pair in pairs)
        {
            var (indicatorId, areaId) = ids[(pair.Indicator, pair.AreaCode)];
            switch (pair.Assessment.LadderStage)
            {
                case 1:
                    var action = actions.GetValueOrDefault((indicatorId, (int?)areaId));
                    stageOne.Add(new StageOneItem(pair, before.GetValueOrDefault((pair.Indicator, pair.AreaCode)) < 1, action?.What, action?.Who, action?.Status));
                    break;
                case 2:
                    var plan = plans.GetValueOrDefault((indicatorId, areaId));
                    stageTwo.Add(new StageTwoItem(pair, plan?.Id, plan?.Title, plan?.State));
                    break;
                case >= 3:
                    stageThree.Add(new StageThreeItem(pair, requests.GetValueOrDefault((indicatorId, areaId)) ?? []));
                    break;
            }
        }

        return new Agenda(
            body,
            meeting,
            [.. scope.Where(b => b.Id != body.Id)],
            exceptions,
            stageOne,
            stageTwo,
            stageThree,
            await EscalationsAsync(db, scope, cancellationToken),
            await TriggersAsync(db, body, ids, period, cancellationToken));
    }

    /// <summary>The bodies whose business comes to <paramref name="body"/>'s meetings: itself, and for the executive board the thematic partnerships that escalate to it.</summary>
    public static IReadOnlyList<Body> Scope(Body body, IReadOnlyList<Body> bodies)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(bodies);
        return body.Kind == BodyKind.ExecutiveBoard
            ? [body, .. bodies.Where(b => b.EscalatesToId == body.Id && b.Kind == BodyKind.ThematicPartnership).OrderBy(b => b.Name, StringComparer.OrdinalIgnoreCase)]
            : [body];
    }

    private static async Task<Dictionary<(string Indicator, string Area), (int IndicatorId, int AreaId)>> PairIdsAsync(GoldenThreadDb db, IReadOnlyList<BodyPair> pairs, CancellationToken cancellationToken)
    {
        var codes = pairs.Select(p => p.Indicator).Distinct().ToList();
        var indicators = await db.Indicators.AsNoTracking().Where(i => codes.Contains(i.Code)).ToDictionaryAsync(i => i.Code, i => i.Id, StringComparer.Ordinal, cancellationToken);
        var areas = await db.Areas.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Id, StringComparer.Ordinal, cancellationToken);
        return pairs.Select(p => (p.Indicator, p.AreaCode)).Distinct().ToDictionary(p => p, p => (indicators[p.Indicator], areas[p.AreaCode]));
    }

    private static async Task<IReadOnlyList<EscalationItem>> EscalationsAsync(GoldenThreadDb db, IReadOnlyList<Body> scope, CancellationToken cancellationToken)
    {
        var bodyIds = scope.Select(b => b.Id).ToList();
        var rows = await db.Escalations.AsNoTracking()
            .Where(e => e.State == EscalationState.Open && e.BodyId != null && bodyIds.Contains(e.BodyId.Value))
            .Join(db.Indicators, e => e.IndicatorId, i => i.Id, (e, i) => new { e, i.Code })
            .Join(db.Areas, x => x.e.AreaId, a => a.Id, (x, a) => new { x.e, x.Code, Area = a.Name })
            .ToListAsync(cancellationToken);
        var escalationIds = rows.Select(r => r.e.Id).ToList();
        var last = (await db.EscalationSteps.AsNoTracking().Where(s => escalationIds.Contains(s.EscalationId)).ToListAsync(cancellationToken))
            .GroupBy(s => s.EscalationId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(s => s.Id).First());
        var codes = scope.ToDictionary(b => b.Id, b => b.Code);
        return
        [
            .. rows
                .OrderBy(r => r.e.Id)
                .Select(r => new EscalationItem(
                    r.e.Id, r.Code, r.Area, r.e.Issue, r.e.Level, codes[r.e.BodyId!.Value], last.GetValueOrDefault(r.e.Id)?.Decision, last.GetValueOrDefault(r.e.Id)?.DecidedOn)),
        ];
    }

    /// <summary>
    /// The manual triggers in force at the quarter or cleared in it: for the executive board (who sets them) every one;
    /// for another body, those on its own indicators.
    /// </summary>
    private static async Task<IReadOnlyList<TriggerItem>> TriggersAsync(
        GoldenThreadDb db, Body body, Dictionary<(string Indicator, string Area), (int IndicatorId, int AreaId)> ids, Period period, CancellationToken cancellationToken)
    {
        var inScope = ids.Values.ToHashSet();
        var rows = await db.LadderTriggers.AsNoTracking()
            .Join(db.Indicators, t => t.IndicatorId, i => i.Id, (t, i) => new { t, i.Code })
            .Join(db.Areas, x => x.t.AreaId, a => a.Id, (x, a) => new { x.t, x.Code, Area = a.Name })
            .ToListAsync(cancellationToken);
        return
        [
            .. rows
                .Where(r => ManualStages.HoldsAt(r.t, period) || r.t.ClearedInPeriod == period.Code)
                .Where(r => body.Kind == BodyKind.ExecutiveBoard || inScope.Contains((r.t.IndicatorId, r.t.AreaId)))
                .OrderBy(r => r.Code, Indicators.IndicatorCodeOrder.Instance).ThenBy(r => r.Area, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.t.Id)
                .Select(r => new TriggerItem(r.t.Id, r.Code, r.Area, r.t.Stage, r.t.Reason, r.t.RaisedBy, r.t.FromPeriod, r.t.ClearedBy, r.t.ClearReason, r.t.ClearedInPeriod)),
        ];
    }
}
