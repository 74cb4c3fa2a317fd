using GoldenThread.Domain.Intervention;
using GoldenThread.Indicators;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoldenThread.Intervention;

/// <summary>
/// The record of an indicator's stage in an area at a period when it moved (or was first recorded): from what, to what,
/// the computed and manual stages behind it, and why in words ("Green at 2009-10 Q3: the run of off-trajectory quarters
/// ended"). De-escalation is a row like any other, so the record shows when and why a stage came down. One per
/// indicator, area and period; written when a period's figures are signed off or its cycle closes, and again when a
/// manual trigger is set or cleared (that period's row is then updated with the new stage).
/// </summary>
public sealed class LadderChange
{
    public const int ReasonLength = 1000;

    public long Id { get; set; }

    public int IndicatorId { get; set; }

    public int AreaId { get; set; }

    public required string Period { get; set; }

    public int FromStage { get; set; }

    public int ToStage { get; set; }

    public int ComputedStage { get; set; }

    public int ManualStage { get; set; }

    public LadderMovement Movement { get; set; }

    public required string Reason { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>The <c>ladder_changes</c> table.</summary>
public sealed class LadderChangeConfiguration : IEntityTypeConfiguration<LadderChange>
{
    public void Configure(EntityTypeBuilder<LadderChange> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("ladder_changes");
        builder.Property(c => c.Period).HasMaxLength(IndicatorValue.PeriodLength);
        builder.Property(c => c.Movement).HasConversion(new WordConverter<LadderMovement>()).HasMaxLength(16);
        builder.Property(c => c.Reason).HasMaxLength(LadderChange.ReasonLength);
        builder.HasIndex(c => new { c.IndicatorId, c.AreaId, c.Period }).IsUnique();
    }
}
