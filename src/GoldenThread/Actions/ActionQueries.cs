using GoldenThread.Domain.Intervention;
using GoldenThread.Intervention;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Actions;

/// <summary>An action plan in a list: its pair, state, and how many of its actions are done.</summary>
public sealed record ActionPlanSummary(int Id, string IndicatorCode, string AreaCode, string Period, string Title, ActionPlanState State, DateTimeOffset? AgreedAt, int Actions, int Completed);

/// <summary>An action with its milestones.</summary>
public sealed record ActionView(ActionItem Action, IReadOnlyList<ActionMilestone> Milestones, string? PlanTitle);

/// <summary>An action plan with its pair and its actions.</summary>
public sealed record ActionPlanView(ActionPlan Plan, ActionPair Pair, IReadOnlyList<ActionView> Actions, string? CreatedBy);

/// <summary>A stage 1 action in a list.</summary>
public sealed record StageOneActionSummary(int Id, string IndicatorCode, string AreaCode, string Period, string What, string Who, ActionStatus Status, int PercentComplete, DateOnly? DueOn);

/// <summary>A report request in a list, with whether it is late (due before today and not answered).</summary>
public sealed record ReportRequestSummary(int Id, string IndicatorCode, string AreaCode, string Period, ReportRequestState State, string Owner, DateOnly DueOn, bool Late, string Request);

/// <summary>The reads of the actions' pages: plans, actions and report requests, with their pairs' codes.</summary>
public static class ActionQueries
{
    public static async Task<IReadOnlyList<ActionPlanSummary>> PlansAsync(GoldenThreadDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var plans = await (
            from p in db.ActionPlans.AsNoTracking()
            join i in db.Indicators on p.IndicatorId equals i.Id
            join a in db.Areas on p.AreaId equals a.Id
            orderby p.Period descending, i.Code, a.Code, p.Id
            select new { p.Id, Indicator = i.Code, Area = a.Code, p.Period, p.Title, p.State, p.AgreedAt })
            .ToListAsync(cancellationToken);
        var counts = await db.Actions.AsNoTracking().Where(a => a.ActionPlanId != null)
            .GroupBy(a => a.ActionPlanId!.Value)
            .Select(g => new { Plan = g.Key, Count = g.Count(), Completed = g.Count(a => a.Status == ActionStatus.Completed) })
            .ToDictionaryAsync(g => g.Plan, cancellationToken);
        return [.. plans.Select(p => new ActionPlanSummary(
            p.Id, p.Indicator, p.Area, p.Period, p.Title, p.State, p.AgreedAt,
            counts.TryGetValue(p.Id, out var c) ? c.Count : 0,
            counts.TryGetValue(p.Id, out var d) ? d.Completed : 0))];
    }

    public static async Task<ActionPlanView?> PlanAsync(GoldenThreadDb db, int id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var plan = await db.ActionPlans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (plan is null || await ActionPairs.FindAsync(db, plan.IndicatorId, plan.AreaId, cancellationToken) is not { } pair)
        {
            return null;
        }

        var actions = await db.Actions.AsNoTracking().Where(a => a.ActionPlanId == id).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var views = await WithMilestonesAsync(db, actions, plan.Title, cancellationToken);
        return new ActionPlanView(plan, pair, views, await ActionPairs.NameOfAsync(db, plan.CreatedById, "", cancellationToken));
    }

    /// <summary>An action with its milestones, its pair (when it has one) and its plan's title.</summary>
    public static async Task<(ActionView View, ActionPair? Pair)?> ActionAsync(GoldenThreadDb db, int id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var action = await db.Actions.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (action is null)
        {
            return null;
        }

        var title = action.ActionPlanId is { } plan ? await db.ActionPlans.Where(p => p.Id == plan).Select(p => p.Title).SingleOrDefaultAsync(cancellationToken) : null;
        var pair = action.IndicatorId is { } i && action.AreaId is { } a ? await ActionPairs.FindAsync(db, i, a, cancellationToken) : null;
        return ((await WithMilestonesAsync(db, [action], title, cancellationToken))[0], pair);
    }

    public static async Task<IReadOnlyList<StageOneActionSummary>> StageOneActionsAsync(GoldenThreadDb db, string? period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = from x in db.Actions.AsNoTracking()
                    where x.Stage == 1
                    join i in db.Indicators on x.IndicatorId equals i.Id
                    join a in db.Areas on x.AreaId equals a.Id
                    select new { x, Indicator = i.Code, Area = a.Code };
        if (period is not null)
        {
            query = query.Where(q => q.x.Period == period);
        }

        var rows = await query.OrderByDescending(q => q.x.Period).ThenBy(q => q.Indicator).ThenBy(q => q.Area).ThenBy(q => q.x.Id).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new StageOneActionSummary(r.x.Id, r.Indicator, r.Area, r.x.Period ?? "", r.x.What, r.x.Who, r.x.Status, r.x.PercentComplete, r.x.DueOn))];
    }

    public static async Task<IReadOnlyList<ReportRequestSummary>> ReportRequestsAsync(GoldenThreadDb db, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await (
            from r in db.ReportRequests.AsNoTracking()
            join i in db.Indicators on r.IndicatorId equals i.Id
            join a in db.Areas on r.AreaId equals a.Id
            join o in db.People on r.OwnerId equals o.Id
            orderby r.DueOn descending, r.Id
            select new { r.Id, Indicator = i.Code, Area = a.Code, r.Period, r.State, Owner = o.FullName, r.DueOn, r.Request })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new ReportRequestSummary(r.Id, r.Indicator, r.Area, r.Period, r.State, r.Owner, r.DueOn, IsLate(r.State, r.DueOn, today), r.Request))];
    }

    /// <summary>Late: still waiting for the owner's answer after the day it was due.</summary>
    public static bool IsLate(ReportRequestState state, DateOnly dueOn, DateOnly today) => state == ReportRequestState.Requested && dueOn < today;

    public static string StateName(ReportRequestState state) => state switch
    {
        ReportRequestState.Requested => "Requested",
        ReportRequestState.Answered => "Answered",
        ReportRequestState.Considered => "Considered",
        _ => state.ToString(),
    };

    public static string StateName(ActionPlanState state) => state == ActionPlanState.Agreed ? "Agreed" : "Draft";

    private static async Task<List<ActionView>> WithMilestonesAsync(GoldenThreadDb db, List<ActionItem> actions, string? title, CancellationToken cancellationToken)
    {
        var ids = actions.Select(a => a.Id).ToList();
        var milestones = (await db.ActionMilestones.AsNoTracking().Where(m => ids.Contains(m.ActionId)).ToListAsync(cancellationToken))
            .OrderBy(m => m.DueOn).ThenBy(m => m.Id).ToLookup(m => m.ActionId);
        return [.. actions.Select(a => new ActionView(a, [.. milestones[a.Id]], title))];
    }
}

/// <summary>A report request with its pair and the names of the people in it.</summary>
public sealed record ReportRequestView(ReportRequest Request, ActionPair Pair, string Owner, string? AnsweredBy, string? ConsideredBy, bool Late);

/// <summary>Reads one report request for its page (without the document's bytes).</summary>
public static class ReportRequestQueries
{
    public static async Task<ReportRequestView?> FindAsync(GoldenThreadDb db, int id, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var request = await db.ReportRequests.AsNoTracking().Where(r => r.Id == id)
            .Select(r => new ReportRequest
            {
                Id = r.Id,
                IndicatorId = r.IndicatorId,
                AreaId = r.AreaId,
                Period = r.Period,
                State = r.State,
                Request = r.Request,
                OwnerId = r.OwnerId,
                DueOn = r.DueOn,
                RequestedAt = r.RequestedAt,
                RequestedById = r.RequestedById,
                RequestedBy = r.RequestedBy,
                Causes = r.Causes,
                Options = r.Options,
                DocumentName = r.DocumentName,
                DocumentType = r.DocumentType,
                AnsweredAt = r.AnsweredAt,
                AnsweredById = r.AnsweredById,
                ConsideredAt = r.ConsideredAt,
                ConsideredById = r.ConsideredById,
                Decision = r.Decision,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (request is null || await ActionPairs.FindAsync(db, request.IndicatorId, request.AreaId, cancellationToken) is not { } pair)
        {
            return null;
        }

        return new ReportRequestView(
            request,
            pair,
            await ActionPairs.NameOfAsync(db, request.OwnerId, "", cancellationToken),
            request.AnsweredById is null ? null : await ActionPairs.NameOfAsync(db, request.AnsweredById, "", cancellationToken),
            request.ConsideredById is null ? null : await ActionPairs.NameOfAsync(db, request.ConsideredById, "", cancellationToken),
            ActionQueries.IsLate(request.State, request.DueOn, today));
    }
}
