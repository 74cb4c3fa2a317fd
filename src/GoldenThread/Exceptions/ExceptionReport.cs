using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Returns;
using GoldenThread.Indicators;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoldenThread.Exceptions;

/// <summary>
/// The exception report for an indicator in an area at a period, written with the return when the assessment raises
/// one (assessment.md, Exceptions): the fields its type needs. <see cref="Status"/> is the status that raised it (red,
/// amber, strong green, no data). The exceptions workflow (considered by the body, closed on recovery) grows from here.
/// </summary>
public sealed class ExceptionReport
{
    public const int TextLength = 4000;

    public int Id { get; set; }

    public int IndicatorId { get; set; }

    public int AreaId { get; set; }

    /// <summary>The assessed period: the quarter of the return.</summary>
    public required string Period { get; set; }

    /// <summary>The status that raised it.</summary>
    public Status Status { get; set; }

    /// <summary>Red or amber: the reason for the variance from target.</summary>
    public string? Reason { get; set; }

    /// <summary>Red or amber: the proposed plans to reduce the variance.</summary>
    public string? Plans { get; set; }

    /// <summary>Red or amber: the specific timescales for reducing it.</summary>
    public string? Timescales { get; set; }

    /// <summary>Red or amber: the lead partners.</summary>
    public string? LeadPartners { get; set; }

    /// <summary>Red or amber: the resources.</summary>
    public string? Resources { get; set; }

    /// <summary>Strong green: the cause of the strong performance.</summary>
    public StrongGreenCause? StrongGreenCause { get; set; }

    /// <summary>Strong green: the explanation (required when the cause is "other").</summary>
    public string? Explanation { get; set; }

    /// <summary>No data: assurance of the delivery taking place (progress against the delivery plan as a proxy).</summary>
    public string? Assurance { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int? UpdatedById { get; set; }
}

/// <summary>The <c>exception_reports</c> table: one per indicator, area and period.</summary>
public sealed class ExceptionReportConfiguration : IEntityTypeConfiguration<ExceptionReport>
{
    public void Configure(EntityTypeBuilder<ExceptionReport> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("exception_reports");
        builder.Property(e => e.Period).HasMaxLength(IndicatorValue.PeriodLength);
        builder.Property(e => e.Status).HasConversion(new WordConverter<Status>(Enum.GetValues<Status>().Select(s => (s, s.Code())))).HasMaxLength(16);
        foreach (var text in new[] { nameof(ExceptionReport.Reason), nameof(ExceptionReport.Plans), nameof(ExceptionReport.Timescales), nameof(ExceptionReport.LeadPartners), nameof(ExceptionReport.Resources), nameof(ExceptionReport.Explanation), nameof(ExceptionReport.Assurance) })
        {
            builder.Property(text).HasMaxLength(ExceptionReport.TextLength);
        }

        builder.Property(e => e.StrongGreenCause).HasConversion(new WordConverter<StrongGreenCause>()).HasMaxLength(32);
        builder.HasIndex(e => new { e.IndicatorId, e.AreaId, e.Period }).IsUnique();
    }
}
