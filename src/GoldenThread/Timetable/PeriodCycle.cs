using GoldenThread.Indicators;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoldenThread.Timetable;

/// <summary>
/// Where one quarter's cycle stands: when its forms were issued (and returns made) and when the central team closed
/// it. The current period is the latest quarter whose forms are issued and whose cycle is not closed.
/// </summary>
public sealed class PeriodCycle
{
    /// <summary>The quarter's code, e.g. 2009-10-Q2.</summary>
    public required string Period { get; set; }

    public int PeriodStart { get; set; }

    public DateTimeOffset? FormsIssuedAt { get; set; }

    public int? FormsIssuedById { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public int? ClosedById { get; set; }
}

/// <summary>The <c>period_cycles</c> table, keyed by the quarter.</summary>
public sealed class PeriodCycleConfiguration : IEntityTypeConfiguration<PeriodCycle>
{
    public void Configure(EntityTypeBuilder<PeriodCycle> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("period_cycles");
        builder.HasKey(c => c.Period);
        builder.Property(c => c.Period).HasMaxLength(IndicatorValue.PeriodLength);
    }
}
