using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoldenThread.Indicators;

/// <summary>How an <see cref="IndicatorValue"/> is stored: keyed area first, with no foreign keys (as targets).</summary>
public sealed class IndicatorValueConfiguration : IEntityTypeConfiguration<IndicatorValue>
{
    public void Configure(EntityTypeBuilder<IndicatorValue> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("indicator_values");
        builder.HasKey(v => new { v.AreaId, v.IndicatorId, v.Period });
        builder.Property(v => v.Period).HasMaxLength(IndicatorValue.PeriodLength);
        builder.Property(v => v.Note).HasMaxLength(IndicatorValue.NoteLength);
    }
}
