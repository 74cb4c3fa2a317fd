using System.Globalization;
using GoldenThread.Administration;
using GoldenThread.Audit;
using GoldenThread.Domain;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Intervention;
using GoldenThread.Notices;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Actions;

/// <summary>Stage 1: the action the delivery lead took with the thematic partnership, as entered. Fields: indicator, area, period, what, how, who, due.</summary>
public sealed record StageOneActionInput(Actor Actor, string? Indicator, string? Area, string? Period, string? What, string? How, string? Who, string? Due);

/// <summary>
/// Records a stage 1 action (an <see cref="ActionItem"/> with <c>Stage = 1</c>) for an indicator in an area at a quarter:
/// by those who write for the pair (<see cref="InterventionAccess.MayWriteFor"/>). It goes on the thematic
/// partnership's agenda (<see cref="LadderBusiness"/>).
/// </summary>
public sealed class RecordStageOneAction(GoldenThreadDb db, AuditLog audit, TimeProvider time) : AdminUseCase<StageOneActionInput>(db, audit)
{
    protected override async Task<AdminChange> HandleAsync(AuditActor actor, StageOneActionInput request, CancellationToken cancellationToken)
    {
        var (pair, missing) = await ActionPairs.FindByCodesAsync(Db, request.Indicator, request.Area, cancellationToken);
        if (missing is not null)
        {
            return AdminChange.Refused([missing]);
        }

        if (!InterventionAccess.MayWriteFor(request.Actor, pair!.Figures))
        {
            return AdminChange.Refused("indicator", $"You may not record action for {pair.Name}: only its delivery lead, target sponsor, owner, deputy or the central team may");
        }

        var (quarter, badPeriod) = ActionPairs.Quarter(request.Period);
        var fields = ActionFields.Check(request.What, request.How, request.Who, request.Due);
        var errors = new[] { badPeriod }.Concat(fields.Errors).OfType<FieldError>().ToList();
        if (errors.Count > 0)
        {
            return AdminChange.Refused(errors);
        }

        var now = time.GetUtcNow();
        var item = new ActionItem
        {
            IndicatorId = pair.IndicatorId,
            AreaId = pair.AreaId,
            Period = quarter!.Value.Code,
            Stage = 1,
            What = fields.What!,
            How = fields.How,
            Who = fields.Who!,
            DueOn = fields.Due,
            OwnerId = actor.Id,
            CreatedAt = now,
            CreatedById = actor.Id,
            UpdatedAt = now,
            UpdatedById = actor.Id,
        };
        Db.Actions.Add(item);
        await Db.SaveChangesAsync(cancellationToken);
        Audit.Add(actor, AuditActions.StageOneActionRecorded, $"Recorded the stage 1 action taken for {pair.Name} in {quarter.Value.Code}: {item.What}", item.Id, pair.Name);
        await Db.SaveChangesAsync(cancellationToken);
        return AdminChange.Success($"The stage 1 action for {pair.Name} in {quarter.Value.Code} is recorded.", item.Id);
    }
}

/// <summary>A new action plan as entered. Fields: indicator, area, period, title.</summary>
public sealed record ActionPlanDraftInput(Actor Actor, string? Indicator, string? Area, string? Period, string? Title);

/// <summary>Stage 2: records a draft action plan for a pair (its actions are added next, then it is agreed).</summary>
public sealed class DraftActionPlan(GoldenThreadDb db, AuditLog audit, TimeProvider time) : AdminUseCase<ActionPlanDraftInput>(db, audit)
{
    protected override async Task<AdminChange> HandleAsync(AuditActor actor, ActionPlanDraftInput request, CancellationToken cancellationToken)
    {
        var (pair, missing) = await ActionPairs.FindByCodesAsync(Db, request.Indicator, request.Area, cancellationToken);
        if (missing is not null)
        {
            return AdminChange.Refused([missing]);
        }

        if (!InterventionAccess.MayWriteFor(request.Actor, pair!.Figures))
        {
            return AdminChange.Refused("indicator", $"You may not record an action plan for {pair.Name}: only its delivery lead, target sponsor, owner, deputy or the central team may");
        }

        var (quarter, badPeriod) = ActionPairs.Quarter(request.Period);
        var (title, badTitle) = ActionPairs.Text(request.Title, "title", "the plan's title", ActionPlan.TitleLength, required: true);
        var errors = new[] { badPeriod, badTitle }.OfType<FieldError>().ToList();
        if (errors.Count > 0)
        {
            return AdminChange.Refused(errors);
        }

        var draft = await Db.ActionPlans.Where(p => p.IndicatorId == pair.IndicatorId && p.AreaId == pair.AreaId && p.State == ActionPlanState.Draft)
            .Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken);
        if (draft is { } id)
        {
            return AdminChange.Refused("title", $"{pair.Name} already has a draft action plan (number {id.ToString(CultureInfo.InvariantCulture)}): add its actions and agree it");
        }

        var plan = new ActionPlan
        {
            IndicatorId = pair.IndicatorId,
            AreaId = pair.AreaId,
            Period = quarter!.Value.Code,
            Title = title!,
            State = ActionPlanState.Draft,
            CreatedAt = time.GetUtcNow(),
            CreatedById = actor.Id,
        };
        Db.ActionPlans.Add(plan);
        await Db.SaveChangesAsync(cancellationToken);
        Audit.Add(actor, AuditActions.ActionPlanDrafted, $"Drafted action plan {plan.Id} for {pair.Name} in {quarter.Value.Code}: {plan.Title}", plan.Id, pair.Name);
        await Db.SaveChangesAsync(cancellationToken);
        return AdminChange.Success($"The draft action plan for {pair.Name} is recorded: add its actions, then agree it with the partners.", plan.Id);
    }
}

/// <summary>An action of a plan as entered: new when <paramref name="ActionId"/> is null. Fields: what, how, who, due, priority, status, percent.</summary>
public sealed record ActionInput(Actor Actor, int PlanId, int? ActionId, string? What, string? How, string? Who, string? Due, string? Priority, string? Status, string? Percent);

/// <summary>Adds an action to an action plan, or changes one of its actions.</summary>
public sealed class SaveAction(GoldenThreadDb db, AuditLog audit, TimeProvider time) : AdminUseCase<ActionInput>(db, audit)
{
    protected override async Task<AdminChange> HandleAsync(AuditActor actor, ActionInput request, CancellationToken cancellationToken)
    {
        var plan = await Db.ActionPlans.SingleOrDefaultAsync(p => p.Id == request.PlanId, cancellationToken);
        if (plan is null || await ActionPairs.FindAsync(Db, plan.IndicatorId, plan.AreaId, cancellationToken) is not { } pair)
        {
            return AdminChange.Refused("what", "That action plan no longer exists");
        }

        if (!InterventionAccess.MayWriteFor(request.Actor, pair.Figures))
        {
            return AdminChange.Refused("what", $"You may not change the action plan for {pair.Name}");
        }

        ActionItem? item = null;
        if (request.ActionId is { } actionId)
        {
            item = await Db.Actions.SingleOrDefaultAsync(a => a.Id == actionId && a.ActionPlanId == plan.Id, cancellationToken);
            if (item is null)
            {
                return AdminChange.Refused("what", "That action is not in this plan");
            }
        }

        var fields = ActionFields.Check(request.What, request.How, request.Who, request.Due);
        var progress = ActionFields.Progress(request.Status, request.Percent);
        var priority = ActionFields.Priority(request.Priority);
        var errors = fields.Errors.Concat(progress.Errors).Append(priority.Error).OfType<FieldError>().ToList();
        if (errors.Count > 0)
        {
            return AdminChange.Refused(errors);
        }

        var now = time.GetUtcNow();
        var added = item is null;
        item ??= Db.Actions.Add(new ActionItem
        {
            ActionPlanId = plan.Id,
            IndicatorId = plan.IndicatorId,
            AreaId = plan.AreaId,
            Period = plan.Period,
            Stage = 2,
            What = "",
            Who = "",
            CreatedAt = now,
            CreatedById = actor.Id,
        }).Entity;
        item.What = fields.What!;
        item.How = fields.How;
        item.Who = fields.Who!;
        item.DueOn = fields.Due;
        item.Priority = priority.Value;
        item.Status = progress.Status;
        item.PercentComplete = progress.Percent;
        item.UpdatedAt = now;
        item.UpdatedById = actor.Id;
        await Db.SaveChangesAsync(cancellationToken);
        Audit.Add(
            actor,
            AuditActions.ActionSaved,
            $"{(added ? "Added" : "Changed")} action {item.Id} of action plan {plan.Id} for {pair.Name}: {item.What} ({Codes.Of(item.Status)}, {item.PercentComplete.ToString(CultureInfo.InvariantCulture)}%)",
            item.Id,
            pair.Name);
        await Db.SaveChangesAsync(cancellationToken);
        return AdminChange.Success(added ? "The action is added to the plan." : "The action is saved.", item.Id);
    }
}

/// <summary>A milestone of an action as entered: new when <paramref name="MilestoneId"/> is null; <paramref name="Done"/> marks it done today. Fields: milestone, milestone-due.</summary>
public sealed record MilestoneInput(Actor Actor, int ActionId, int? MilestoneId, string? Name, string? Due, bool Done = false);

/// <summary>Adds a milestone to an action, or marks one done.</summary>
public sealed class SaveMilestone(GoldenThreadDb db, AuditLog audit, Timetable.ReportingClock clock) : AdminUseCase<MilestoneInput>(db, audit)
{
    protected override async Task<AdminChange> HandleAsync(AuditActor actor, MilestoneInput request, CancellationToken cancellationToken)
    {
        var item = await Db.Actions.AsNoTracking().SingleOrDefaultAsync(a => a.Id == request.ActionId, cancellationToken);
        if (item?.IndicatorId is not { } indicatorId || item.AreaId is not { } areaId || await ActionPairs.FindAsync(Db, indicatorId, areaId, cancellationToken) is not { } pair)
        {
            return AdminChange.Refused("milestone", "That action no longer exists");
        }

        if (!InterventionAccess.MayWriteFor(request.Actor, pair.Figures))
        {
            return AdminChange.Refused("milestone", $"You may not change the actions for {pair.Name}");
        }

        if (request.MilestoneId is { } milestoneId)
        {
            var existing = await Db.ActionMilestones.SingleOrDefaultAsync(m => m.Id == milestoneId && m.ActionId == item.Id, cancellationToken);
            if (existing is null)
            {
                return AdminChange.Refused("milestone", "That milestone is not of this action");
            }

            existing.DoneOn = request.Done ? clock.Today : null;
            Audit.Add(actor, AuditActions.ActionMilestoneSaved, $"Marked milestone '{existing.Name}' of action {item.Id} for {pair.Name} {(request.Done ? "done" : "not done")}", item.Id, pair.Name);
            await Db.SaveChangesAsync(cancellationToken);
            return AdminChange.Success($"The milestone '{existing.Name}' is marked {(request.Done ? "done" : "not done")}.", existing.Id);
        }

        var (name, badName) = ActionPairs.Text(request.Name, "milestone", "the milestone", ActionMilestone.NameLength, required: true);
        var (due, badDue) = ActionPairs.Date(request.Due, "milestone-due", "the milestone's due date", required: true);
        var errors = new[] { badName, badDue }.OfType<FieldError>().ToList();
        if (errors.Count > 0)
        {
            return AdminChange.Refused(errors);
        }

        var milestone = Db.ActionMilestones.Add(new ActionMilestone { ActionId = item.Id, Name = name!, DueOn = due!.Value }).Entity;
        await Db.SaveChangesAsync(cancellationToken);
        Audit.Add(actor, AuditActions.ActionMilestoneSaved, $"Added milestone '{name}' due {due.Value:yyyy-MM-dd} to action {item.Id} for {pair.Name}", item.Id, pair.Name);
        await Db.SaveChangesAsync(cancellationToken);
        return AdminChange.Success($"The milestone '{name}' is added.", milestone.Id);
    }
}

/// <summary>Agreeing a draft plan with the partners. Field: agreed-with.</summary>
public sealed record ActionPlanAgreement(Actor Actor, int PlanId, string? AgreedWith);

/// <summary>
/// Agrees a draft action plan with the partners (who, with whom, when): the pair's stage 2 is then answered, and the
/// "action plan needed" notices for it are done.
/// </summary>
public sealed class AgreeActionPlan(GoldenThreadDb db, AuditLog audit, NoticeBoard notices, TimeProvider time) : AdminUseCase<ActionPlanAgreement>(db, audit)
{
    protected override async Task<AdminChange> HandleAsync(AuditActor actor, ActionPlanAgreement request, CancellationToken cancellationToken)
    {
        var plan = await Db.ActionPlans.SingleOrDefaultAsync(p => p.Id == request.PlanId, cancellationToken);
        if (plan is null || await ActionPairs.FindAsync(Db, plan.IndicatorId, plan.AreaId, cancellationToken) is not { } pair)
        {
            return AdminChange.Refused("agreed-with", "That action plan no longer exists");
        }

        if (!InterventionAccess.MayWriteFor(request.Actor, pair.Figures))
        {
            return AdminChange.Refused("agreed-with", $"You may not agree the action plan for {pair.Name}");
        }

        if (plan.State != ActionPlanState.Draft)
        {
            return AdminChange.Refused("agreed-with", "This plan is already agreed");
        }

        if (!await Db.Actions.AnyAsync(a => a.ActionPlanId == plan.Id, cancellationToken))
        {
            return AdminChange.Refused("agreed-with", "Add at least one action before agreeing the plan");
        }

        var (with, problem) = ActionPairs.Text(request.AgreedWith, "agreed-with", "the partners the plan was agreed with", ActionPlan.TextLength, required: true);
        if (problem is not null)
        {
            return AdminChange.Refused([problem]);
        }

        plan.State = ActionPlanState.Agreed;
        plan.AgreedWith = with;
        plan.AgreedAt = time.GetUtcNow();
        plan.AgreedById = actor.Id;
        plan.AgreedBy = await ActionPairs.NameOfAsync(Db, actor.Id, actor.Name, cancellationToken);
        await notices.DoneAsync(ActionPlanFlags.KeyPrefix(pair.IndicatorId, pair.AreaId), cancellationToken);
        Audit.Add(actor, AuditActions.ActionPlanAgreed, $"Agreed action plan {plan.Id} for {pair.Name} with {with}", plan.Id, pair.Name);
        await Db.SaveChangesAsync(cancellationToken);
        return AdminChange.Success($"The action plan for {pair.Name} is agreed.", plan.Id);
    }
}

/// <summary>An action's progress as entered. Fields: status, percent.</summary>
public sealed record ActionProgressInput(Actor Actor, int ActionId, string? Status, string? Percent);

/// <summary>Updates an action's status and percentage complete: those who write for its pair, or its owner.</summary>
public sealed class UpdateActionProgress(GoldenThreadDb db, AuditLog audit, TimeProvider time) : AdminUseCase<ActionProgressInput>(db, audit)
{
    protected override async Task<AdminChange> HandleAsync(AuditActor actor, ActionProgressInput request, CancellationToken cancellationToken)
    {
        var item = await Db.Actions.SingleOrDefaultAsync(a => a.Id == request.ActionId, cancellationToken);
        if (item is null)
        {
            return AdminChange.Refused("status", "That action no longer exists");
        }

        var pair = item.IndicatorId is { } i && item.AreaId is { } a ? await ActionPairs.FindAsync(Db, i, a, cancellationToken) : null;
        var owner = item.OwnerId is not null && item.OwnerId == actor.Id;
        if (!owner && (pair is null || !InterventionAccess.MayWriteFor(request.Actor, pair.Figures)))
        {
            return AdminChange.Refused("status", "You may not update this action: only its owner and those who write for its indicator may");
        }

        var progress = ActionFields.Progress(request.Status, request.Percent);
        if (progress.Errors.Count > 0)
        {
            return AdminChange.Refused(progress.Errors);
        }

        var before = $"{Codes.Of(item.Status)}, {item.PercentComplete.ToString(CultureInfo.InvariantCulture)}%";
        item.Status = progress.Status;
        item.PercentComplete = progress.Percent;
        item.UpdatedAt = time.GetUtcNow();
        item.UpdatedById = actor.Id;
        Audit.Add(
            actor,
            AuditActions.ActionProgressUpdated,
            $"Updated action {item.Id}{(pair is null ? "" : $" for {pair.Name}")} from {before} to {Codes.Of(item.Status)}, {item.PercentComplete.ToString(CultureInfo.InvariantCulture)}%",
            item.Id,
            pair?.Name);
        await Db.SaveChangesAsync(cancellationToken);
        return AdminChange.Success("The action's progress is saved.", item.Id);
    }
}

/// <summary>The checks of an action's fields, shared by stage 1 actions and plans' actions.</summary>
public static class ActionFields
{
    public sealed record Checked(string? What, string? How, string? Who, DateOnly? Due, IReadOnlyList<FieldError> Errors);

    public sealed record CheckedProgress(ActionStatus Status, int Percent, IReadOnlyList<FieldError> Errors);

    public static Checked Check(string? what, string? how, string? who, string? due)
    {
        var (w, badWhat) = ActionPairs.Text(what, "what", "what the action is", ActionItem.TextLength, required: true);
        var (h, badHow) = ActionPairs.Text(how, "how", "how it is done", ActionItem.TextLength, required: false);
        var (o, badWho) = ActionPairs.Text(who, "who", "who is responsible", ActionItem.NameLength, required: true);
        var (d, badDue) = ActionPairs.Date(due, "due", "the date it is due", required: false);
        return new Checked(w, h, o, d, new[] { badWhat, badHow, badWho, badDue }.OfType<FieldError>().ToList());
    }

    /// <summary>A status word and a percentage (0 to 100); a completed action is 100% complete.</summary>
    public static CheckedProgress Progress(string? status, string? percent)
    {
        var errors = new List<FieldError>();
        if (!Codes.TryParse<ActionStatus>(status?.Trim(), out var parsed))
        {
            errors.Add(new FieldError("status", $"Choose the action's status: {Codes.Allowed<ActionStatus>()}"));
        }

        var text = percent?.Trim().TrimEnd('%');
        var value = 0;
        if (!string.IsNullOrEmpty(text) && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) || value > 100))
        {
            errors.Add(new FieldError("percent", "The percentage complete must be a whole number from 0 to 100"));
        }

        if (errors.Count == 0 && parsed == ActionStatus.Completed)
        {
            value = 100;
        }

        return new CheckedProgress(parsed, value, errors);
    }

    public static (ActionPriority Value, FieldError? Error) Priority(string? priority) =>
        string.IsNullOrWhiteSpace(priority) ? (ActionPriority.Medium, null)
        : Codes.TryParse<ActionPriority>(priority.Trim(), out var value) ? (value, null)
        : (ActionPriority.Medium, new FieldError("priority", $"Choose the priority: {Codes.Allowed<ActionPriority>()}"));

    public static string StatusName(ActionStatus status) => status switch
    {
        ActionStatus.NotStarted => "Not started",
        ActionStatus.OnTrack => "On track",
        ActionStatus.AtRisk => "At risk",
        ActionStatus.OffTrack => "Off track",
        ActionStatus.Completed => "Completed",
        ActionStatus.Cancelled => "Cancelled",
        _ => status.ToString(),
    };

    public static string PriorityName(ActionPriority priority) => priority switch
    {
        ActionPriority.High => "High",
        ActionPriority.Medium => "Medium",
        ActionPriority.Low => "Low",
        _ => priority.ToString(),
    };
}
