using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoldenThread.Indicators;

/// <summary>
/// How a <see cref="Target"/> is stored. Targets and values carry no foreign-key constraints: every row reaches
/// them through the import's one validated write path, and per-row key checks were half of a national import's
/// time on PostgreSQL (docs/decisions/0006-no-foreign-keys-on-figures.md).
/// </summary>
public sealed class TargetConfiguration : IEntityTypeConfiguration<Target>
{
    public void Configure(EntityTypeBuilder<Target> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("targets");
        // Area first: one area's scorecard is a range of the key; a whole-country scorecard reads it all anyway.
        builder.HasKey(t => new { t.AreaId, t.IndicatorId, t.Period });
        builder.Property(t => t.Period).HasMaxLength(IndicatorValue.PeriodLength);
    }
}
