using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Intervention;
using GoldenThread.Domain.Returns;
using GoldenThread.Indicators;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoldenThread.Exceptions;

/// <summary>
/// The exception report for an indicator in an area at a period, written with the return when the assessment raises
/// one (assessment.md, Exceptions): the fields its type needs. <see cref="Status"/> is the status that raised it (red,
/// amber, strong green, no data). Its life (issue 11): <see cref="State"/> moves by <see cref="ExceptionStates.After"/>, each
/// move kept as an <see cref="ExceptionStep"/>. A data-quality exception (<see cref="Kind"/>) has a <see cref="Cause"/>
/// instead of a status's fields and climbs the same ladder. One per indicator, area, period and kind.
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

    /// <summary>Performance against target (raised by the assessment) or data quality (raised by the data-quality rules).</summary>
    public ExceptionKind Kind { get; set; } = ExceptionKind.Performance;

    /// <summary>Where it is in its life; changed only through the moves <see cref="ExceptionStates.After"/> allows.</summary>
    public ExceptionState State { get; set; } = ExceptionState.Required;

    /// <summary>A data-quality exception's cause; null for performance.</summary>
    public DataQualityCause? Cause { get; set; }

    /// <summary>The body accountable for the indicator when it was raised: whose members consider it.</summary>
    public int? BodyId { get; set; }

    /// <summary>The return it was submitted with, when it was.</summary>
    public int? ReturnId { get; set; }

    public DateTimeOffset? RaisedAt { get; set; }

    /// <summary>The body's latest question, while challenged (the steps keep every one).</summary>
    public string? Question { get; set; }

    /// <summary>The delivery lead's answer to the latest question.</summary>
    public string? Answer { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Why it closed, in words: "Green at 2009-10 Q3" or the central team's reason.</summary>
    public string? ClosedReason { get; set; }
}

/// <summary>
/// One step in an exception report's life: raised, drafted, submitted, noted, challenged (with the question), answered
/// (with the answer), accepted, closed (with why). Append-only, like the audit trail; the report keeps only its state.
/// </summary>
public sealed class ExceptionStep
{
    public const int NameLength = 300;

    public long Id { get; set; }

    public int ExceptionReportId { get; set; }

    public DateTimeOffset At { get; set; }

    public ExceptionAction Action { get; set; }

    public ExceptionState From { get; set; }

    public ExceptionState To { get; set; }

    /// <summary>Null when the system took the step (raised by the assessment, closed on recovery).</summary>
    public int? PersonId { get; set; }

    /// <summary>Who, in words as they were then ("the system" for the rules' own steps).</summary>
    public required string Who { get; set; }

    /// <summary>The body in whose name it was considered, for note, challenge and accept.</summary>
    public int? BodyId { get; set; }

    /// <summary>The question, the answer, the decision or the reason, in the person's words.</summary>
    public string? Text { get; set; }
}

/// <summary>The <c>exception_reports</c> table: one per indicator, area and period.</summary>
public sealed class ExceptionReportConfiguration : IEntityTypeConfiguration<ExceptionReport>
{
    public static readonly WordTable<Status> StatusWords = new(Enum.GetValues<Status>().Select(s => (s, s.Code())));

    public void Configure(EntityTypeBuilder<ExceptionReport> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("exception_reports");
        builder.Property(e => e.Period).HasMaxLength(IndicatorValue.PeriodLength);
        builder.Property(e => e.Status).HasConversion(new WordConverter<Status>(() => StatusWords)).HasMaxLength(16);
        foreach (var text in new[] { nameof(ExceptionReport.Reason), nameof(ExceptionReport.Plans), nameof(ExceptionReport.Timescales), nameof(ExceptionReport.LeadPartners), nameof(ExceptionReport.Resources), nameof(ExceptionReport.Explanation), nameof(ExceptionReport.Assurance) })
        {
            builder.Property(text).HasMaxLength(ExceptionReport.TextLength);
        }

        builder.Property(e => e.StrongGreenCause).HasConversion(new WordConverter<StrongGreenCause>()).HasMaxLength(32);
        builder.Property(e => e.Kind).HasConversion(new WordConverter<ExceptionKind>()).HasMaxLength(16).HasDefaultValue(ExceptionKind.Performance);
        builder.Property(e => e.State).HasConversion(new WordConverter<ExceptionState>()).HasMaxLength(16).HasDefaultValue(ExceptionState.Required);
        builder.Property(e => e.Cause).HasConversion(new WordConverter<DataQualityCause>()).HasMaxLength(32);
        builder.Property(e => e.Question).HasMaxLength(ExceptionReport.TextLength);
        builder.Property(e => e.Answer).HasMaxLength(ExceptionReport.TextLength);
        builder.Property(e => e.ClosedReason).HasMaxLength(ExceptionReport.TextLength);
        builder.HasIndex(e => new { e.IndicatorId, e.AreaId, e.Period, e.Kind }).IsUnique();
        builder.HasIndex(e => new { e.State, e.BodyId });
    }
}

/// <summary>The <c>exception_steps</c> table.</summary>
public sealed class ExceptionStepConfiguration : IEntityTypeConfiguration<ExceptionStep>
{
    public void Configure(EntityTypeBuilder<ExceptionStep> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("exception_steps");
        builder.Property(s => s.Action).HasConversion(new WordConverter<ExceptionAction>()).HasMaxLength(16);
        builder.Property(s => s.From).HasConversion(new WordConverter<ExceptionState>()).HasMaxLength(16);
        builder.Property(s => s.To).HasConversion(new WordConverter<ExceptionState>()).HasMaxLength(16);
        builder.Property(s => s.Who).HasMaxLength(ExceptionStep.NameLength);
        builder.Property(s => s.Text).HasMaxLength(ExceptionReport.TextLength);
        builder.HasIndex(s => s.ExceptionReportId);
        builder.HasOne<ExceptionReport>().WithMany().HasForeignKey(s => s.ExceptionReportId).OnDelete(DeleteBehavior.Cascade);
    }
}
