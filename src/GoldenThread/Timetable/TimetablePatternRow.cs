using GoldenThread.Domain.Timetable;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoldenThread.Timetable;

/// <summary>
/// One milestone of the stored timetable pattern: offsets from the period end in working days and the quarters it
/// happens in. An empty table means the default pattern (Appendix A); the central team's page saves every row at once.
/// </summary>
public sealed class TimetablePatternRow
{
    public Milestone Milestone { get; set; }

    /// <summary>The first day of a span, in working days from the period end; null for a single day.</summary>
    public int? StartOffset { get; set; }

    /// <summary>The day, or the last day of a span, in working days from the period end.</summary>
    public int EndOffset { get; set; }

    /// <summary>The quarters it happens in (flags: 1 for Q1, 2 for Q2, 4 for Q3, 8 for Q4).</summary>
    public QuarterSet Quarters { get; set; } = QuarterSet.All;

    public MilestoneRule ToRule() => new(Milestone, StartOffset, EndOffset, Quarters);
}

/// <summary>The <c>timetable_pattern</c> table: one row per milestone.</summary>
public sealed class TimetablePatternRowConfiguration : IEntityTypeConfiguration<TimetablePatternRow>
{
    public void Configure(EntityTypeBuilder<TimetablePatternRow> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("timetable_pattern");
        builder.HasKey(r => r.Milestone);
        builder.Property(r => r.Milestone).HasConversion(new WordConverter<Milestone>()).HasMaxLength(32);
    }
}
