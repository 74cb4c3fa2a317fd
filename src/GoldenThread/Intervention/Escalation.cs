using GoldenThread.Domain.Intervention;
using GoldenThread.Indicators;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoldenThread.Intervention;

/// <summary>
/// An issue about an indicator in an area that could not be resolved where it arose, climbing the governance chain
/// (delivery lead, thematic partnership, executive board, strategic board, central government): where it stands now and
/// whether it is resolved. Each step up, and the resolution, is an <see cref="EscalationStep"/> with a decision and a date.
/// </summary>
public sealed class Escalation
{
    public const int TextLength = 4000;
    public const int NameLength = 300;

    public int Id { get; set; }

    public int IndicatorId { get; set; }

    public int AreaId { get; set; }

    /// <summary>The quarter it was raised in.</summary>
    public required string Period { get; set; }

    /// <summary>What cannot be resolved, in words.</summary>
    public required string Issue { get; set; }

    /// <summary>The level it stands at now.</summary>
    public EscalationLevel Level { get; set; }

    /// <summary>The body at <see cref="Level"/>, when the level is a body (the thematic partnership, the boards).</summary>
    public int? BodyId { get; set; }

    public EscalationState State { get; set; }

    public DateTimeOffset RaisedAt { get; set; }

    public int? RaisedById { get; set; }

    public required string RaisedBy { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }
}

/// <summary>One step of an escalation: from a level to the next (or resolved there), with the decision and its date.</summary>
public sealed class EscalationStep
{
    public long Id { get; set; }

    public int EscalationId { get; set; }

    public EscalationLevel From { get; set; }

    /// <summary>The level it went to; equal to <see cref="From"/> when this step resolved it.</summary>
    public EscalationLevel To { get; set; }

    /// <summary>The body it went to, when a body.</summary>
    public int? ToBodyId { get; set; }

    /// <summary>Whether this step resolved the issue rather than passing it up.</summary>
    public bool Resolved { get; set; }

    public required string Decision { get; set; }

    /// <summary>The date of the decision (a meeting's date, which may be before the day it was recorded).</summary>
    public DateOnly DecidedOn { get; set; }

    public DateTimeOffset At { get; set; }

    public int? PersonId { get; set; }

    public required string Who { get; set; }
}

/// <summary>The <c>escalations</c> table.</summary>
public sealed class EscalationConfiguration : IEntityTypeConfiguration<Escalation>
{
    public void Configure(EntityTypeBuilder<Escalation> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("escalations");
        builder.Property(e => e.Period).HasMaxLength(IndicatorValue.PeriodLength);
        builder.Property(e => e.Issue).HasMaxLength(Escalation.TextLength);
        builder.Property(e => e.Level).HasConversion(new WordConverter<EscalationLevel>()).HasMaxLength(32);
        builder.Property(e => e.State).HasConversion(new WordConverter<EscalationState>()).HasMaxLength(16);
        builder.Property(e => e.RaisedBy).HasMaxLength(Escalation.NameLength);
        builder.HasIndex(e => new { e.IndicatorId, e.AreaId });
    }
}

/// <summary>The <c>escalation_steps</c> table.</summary>
public sealed class EscalationStepConfiguration : IEntityTypeConfiguration<EscalationStep>
{
    public void Configure(EntityTypeBuilder<EscalationStep> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("escalation_steps");
        builder.Property(s => s.From).HasConversion(new WordConverter<EscalationLevel>()).HasMaxLength(32);
        builder.Property(s => s.To).HasConversion(new WordConverter<EscalationLevel>()).HasMaxLength(32);
        builder.Property(s => s.Decision).HasMaxLength(Escalation.TextLength);
        builder.Property(s => s.Who).HasMaxLength(Escalation.NameLength);
        builder.HasIndex(s => s.EscalationId);
        builder.HasOne<Escalation>().WithMany().HasForeignKey(s => s.EscalationId).OnDelete(DeleteBehavior.Cascade);
    }
}
