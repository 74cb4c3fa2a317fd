using GoldenThread.Indicators;
using GoldenThread.Partnership;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoldenThread.Returns;

/// <summary>
/// One row a return asks for: an indicator in an area for one of its periods (a month, the quarter, a half, the year),
/// with what is due (<see cref="ActualDue"/>, <see cref="ProjectedOutturnDue"/>) and, until it is submitted, the draft
/// figures and commentary the partner has saved. Submission writes the draft into <c>indicator_values</c>; the
/// exception report the row needs is an <see cref="Exceptions.ExceptionReport"/> for the same indicator, area and period.
/// </summary>
public sealed class ReturnLine
{
    public const int NoteLength = IndicatorValue.NoteLength;

    public int Id { get; set; }

    public int ReturnId { get; set; }

    public int IndicatorId { get; set; }

    public Indicator? Indicator { get; set; }

    public int AreaId { get; set; }

    public Area? Area { get; set; }

    /// <summary>The values row's period code: the month, quarter, half or year the figures are for.</summary>
    public required string Period { get; set; }

    public int PeriodStart { get; set; }

    /// <summary>Whether an actual is asked for (an annual indicator gives one once a year).</summary>
    public bool ActualDue { get; set; }

    /// <summary>Whether a projected outturn is asked for (every quarter, for every indicator with a target).</summary>
    public bool ProjectedOutturnDue { get; set; }

    public decimal? Actual { get; set; }

    public decimal? ProjectedOutturn { get; set; }

    /// <summary>The commentary: the values row's note.</summary>
    public string? Note { get; set; }

    /// <summary>The partner's note confirming a figure the unusual-movement check warned about; null when none was needed.</summary>
    public string? MovementNote { get; set; }

    /// <summary>
    /// The draft exception report of the line's indicator and area for the return's quarter, kept on the line the
    /// status is judged on (<see cref="Domain.Returns.ReturnDue.AssessedRow"/>) until submission writes it to
    /// <c>exception_reports</c>. Null fields are not yet given.
    /// </summary>
    public string? ExceptionReason { get; set; }

    public string? ExceptionPlans { get; set; }

    public string? ExceptionTimescales { get; set; }

    public string? ExceptionLeadPartners { get; set; }

    public string? ExceptionResources { get; set; }

    public Domain.Returns.StrongGreenCause? ExceptionCause { get; set; }

    public string? ExceptionExplanation { get; set; }

    public string? ExceptionAssurance { get; set; }

    /// <summary>When the partner last saved this row; null while nothing has been entered.</summary>
    public DateTimeOffset? SavedAt { get; set; }

    public int? SavedById { get; set; }
}

/// <summary>The <c>return_lines</c> table.</summary>
public sealed class ReturnLineConfiguration : IEntityTypeConfiguration<ReturnLine>
{
    public void Configure(EntityTypeBuilder<ReturnLine> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("return_lines");
        builder.Property(l => l.Period).HasMaxLength(IndicatorValue.PeriodLength);
        builder.Property(l => l.Note).HasMaxLength(ReturnLine.NoteLength);
        builder.Property(l => l.MovementNote).HasMaxLength(ReturnLine.NoteLength);
        foreach (var text in new[] { nameof(ReturnLine.ExceptionReason), nameof(ReturnLine.ExceptionPlans), nameof(ReturnLine.ExceptionTimescales), nameof(ReturnLine.ExceptionLeadPartners), nameof(ReturnLine.ExceptionResources), nameof(ReturnLine.ExceptionExplanation), nameof(ReturnLine.ExceptionAssurance) })
        {
            builder.Property(text).HasMaxLength(Domain.Returns.ExceptionRules.TextLength);
        }

        builder.Property(l => l.ExceptionCause).HasConversion(new Storage.WordConverter<Domain.Returns.StrongGreenCause>()).HasMaxLength(32);
        builder.HasIndex(l => new { l.ReturnId, l.IndicatorId, l.AreaId, l.Period }).IsUnique();
        builder.HasIndex(l => new { l.IndicatorId, l.AreaId, l.Period });
        builder.HasOne(l => l.Indicator).WithMany().HasForeignKey(l => l.IndicatorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(l => l.Area).WithMany().HasForeignKey(l => l.AreaId).OnDelete(DeleteBehavior.Restrict);
    }
}
