using GoldenThread.Domain.Timetable;
using GoldenThread.Indicators;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoldenThread.Timetable;

/// <summary>
/// One milestone of one quarter's reporting timetable, with its date (or span of dates). Generated from the pattern
/// for a year and editable per period; <see cref="Edited"/> keeps a hand-set date when the year is generated again.
/// </summary>
public sealed class TimetableMilestone
{
    public int Id { get; set; }

    /// <summary>The quarter's code, e.g. 2009-10-Q2.</summary>
    public required string Period { get; set; }

    public Milestone Milestone { get; set; }

    /// <summary>The first day of a span (the return window, the thematic meetings); null for a single day.</summary>
    public DateOnly? Starts { get; set; }

    /// <summary>The day, or the last day of a span.</summary>
    public DateOnly Date { get; set; }

    /// <summary>Changed by hand from what the pattern gives.</summary>
    public bool Edited { get; set; }

    /// <summary>Changes each time the date changes: the iCalendar SEQUENCE, so calendars update the event rather than add one.</summary>
    public int Sequence { get; set; }
}

/// <summary>The <c>timetable_milestones</c> table: one row per quarter and milestone.</summary>
public sealed class TimetableMilestoneConfiguration : IEntityTypeConfiguration<TimetableMilestone>
{
    public void Configure(EntityTypeBuilder<TimetableMilestone> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("timetable_milestones");
        builder.Property(m => m.Period).HasMaxLength(IndicatorValue.PeriodLength);
        builder.Property(m => m.Milestone).HasConversion(new WordConverter<Milestone>()).HasMaxLength(32);
        builder.HasIndex(m => new { m.Period, m.Milestone }).IsUnique();
        builder.HasIndex(m => m.Date);
    }
}
