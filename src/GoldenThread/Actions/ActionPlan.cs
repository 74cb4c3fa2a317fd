using GoldenThread.Domain.Intervention;
using GoldenThread.Indicators;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoldenThread.Actions;

/// <summary>
/// A detailed action plan agreed with the partners to tackle an indicator's under-performance in an area (stage 2 of the
/// ladder): its actions are <see cref="ActionItem"/>s with <see cref="ActionItem.ActionPlanId"/> set. Recorded as a draft,
/// then agreed (who agreed it, with whom, when). An indicator at stage 2 without an agreed plan is flagged.
/// </summary>
public sealed class ActionPlan
{
    public const int TitleLength = 300;
    public const int TextLength = 4000;
    public const int NameLength = 300;

    public int Id { get; set; }

    public int IndicatorId { get; set; }

    public int AreaId { get; set; }

    /// <summary>The quarter in which it was recorded.</summary>
    public required string Period { get; set; }

    public required string Title { get; set; }

    public ActionPlanState State { get; set; }

    /// <summary>The partners it was agreed with, in words.</summary>
    public string? AgreedWith { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public int? CreatedById { get; set; }

    public DateTimeOffset? AgreedAt { get; set; }

    public int? AgreedById { get; set; }

    public string? AgreedBy { get; set; }
}

/// <summary>
/// An action: what, how, who, when, priority, status, percentage complete and milestones (domain.md, Actions, risks and
/// intervention). A first-class record: it belongs to an action plan, or answers a stage of the ladder on its own (stage 1:
/// the action the delivery lead took with the thematic partnership), and the plans issue will hang actions from plans
/// and risks too, so every link is optional.
/// </summary>
public sealed class ActionItem
{
    public const int TextLength = 4000;
    public const int NameLength = 300;

    public int Id { get; set; }

    public int? ActionPlanId { get; set; }

    public int? IndicatorId { get; set; }

    public int? AreaId { get; set; }

    /// <summary>The quarter it was recorded for, when it answers the ladder.</summary>
    public string? Period { get; set; }

    /// <summary>The ladder stage it answers (1 for the stage 1 action taken), when it does.</summary>
    public int? Stage { get; set; }

    public required string What { get; set; }

    public string? How { get; set; }

    /// <summary>The person responsible, when they have an account.</summary>
    public int? OwnerId { get; set; }

    /// <summary>Who is responsible, in words (a person or a partner without an account).</summary>
    public required string Who { get; set; }

    public DateOnly? DueOn { get; set; }

    public ActionPriority Priority { get; set; } = ActionPriority.Medium;

    public ActionStatus Status { get; set; } = ActionStatus.NotStarted;

    /// <summary>0 to 100.</summary>
    public int PercentComplete { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public int? CreatedById { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int? UpdatedById { get; set; }
}

/// <summary>A milestone of an action: a named step with a due date, done or not.</summary>
public sealed class ActionMilestone
{
    public const int NameLength = 300;

    public int Id { get; set; }

    public int ActionId { get; set; }

    public required string Name { get; set; }

    public DateOnly DueOn { get; set; }

    public DateOnly? DoneOn { get; set; }
}

/// <summary>The <c>action_plans</c> table.</summary>
public sealed class ActionPlanConfiguration : IEntityTypeConfiguration<ActionPlan>
{
    public void Configure(EntityTypeBuilder<ActionPlan> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("action_plans");
        builder.Property(p => p.Period).HasMaxLength(IndicatorValue.PeriodLength);
        builder.Property(p => p.Title).HasMaxLength(ActionPlan.TitleLength);
        builder.Property(p => p.State).HasConversion(new WordConverter<ActionPlanState>()).HasMaxLength(16);
        builder.Property(p => p.AgreedWith).HasMaxLength(ActionPlan.TextLength);
        builder.Property(p => p.AgreedBy).HasMaxLength(ActionPlan.NameLength);
        builder.HasIndex(p => new { p.IndicatorId, p.AreaId });
    }
}

/// <summary>The <c>actions</c> table.</summary>
public sealed class ActionItemConfiguration : IEntityTypeConfiguration<ActionItem>
{
    public void Configure(EntityTypeBuilder<ActionItem> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("actions", t => t.HasCheckConstraint("ck_actions_percent_complete", "percent_complete BETWEEN 0 AND 100"));
        builder.Property(a => a.Period).HasMaxLength(IndicatorValue.PeriodLength);
        builder.Property(a => a.What).HasMaxLength(ActionItem.TextLength);
        builder.Property(a => a.How).HasMaxLength(ActionItem.TextLength);
        builder.Property(a => a.Who).HasMaxLength(ActionItem.NameLength);
        builder.Property(a => a.Priority).HasConversion(new WordConverter<ActionPriority>()).HasMaxLength(16);
        builder.Property(a => a.Status).HasConversion(new WordConverter<ActionStatus>()).HasMaxLength(16);
        builder.HasIndex(a => a.ActionPlanId);
        builder.HasIndex(a => new { a.IndicatorId, a.AreaId });
        builder.HasOne<ActionPlan>().WithMany().HasForeignKey(a => a.ActionPlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The <c>action_milestones</c> table.</summary>
public sealed class ActionMilestoneConfiguration : IEntityTypeConfiguration<ActionMilestone>
{
    public void Configure(EntityTypeBuilder<ActionMilestone> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("action_milestones");
        builder.Property(m => m.Name).HasMaxLength(ActionMilestone.NameLength);
        builder.HasIndex(m => m.ActionId);
        builder.HasOne<ActionItem>().WithMany().HasForeignKey(m => m.ActionId).OnDelete(DeleteBehavior.Cascade);
    }
}
