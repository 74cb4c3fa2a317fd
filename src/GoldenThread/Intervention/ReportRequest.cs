using GoldenThread.Domain.Intervention;
using GoldenThread.Indicators;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoldenThread.Intervention;

/// <summary>
/// Stage 3: the executive board's request for a detailed report on the causes of an indicator's under-performance in an
/// area and the options for bringing it back to target, with an owner and a due date; answered by the owner (the causes
/// and options in words, and the report itself attached) and considered by the board with a decision.
/// </summary>
public sealed class ReportRequest
{
    public const int TextLength = 8000;
    public const int NameLength = 300;
    public const int FileNameLength = 255;
    public const int ContentTypeLength = 100;

    /// <summary>The largest attached report kept: 10 MB, well above a board report's Word file.</summary>
    public const int MaximumDocumentBytes = 10 * 1024 * 1024;

    public int Id { get; set; }

    public int IndicatorId { get; set; }

    public int AreaId { get; set; }

    /// <summary>The quarter in which it was requested.</summary>
    public required string Period { get; set; }

    public ReportRequestState State { get; set; }

    /// <summary>What the board asks for, in its words.</summary>
    public required string Request { get; set; }

    public int OwnerId { get; set; }

    public DateOnly DueOn { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public int? RequestedById { get; set; }

    public required string RequestedBy { get; set; }

    public string? Causes { get; set; }

    public string? Options { get; set; }

    public string? DocumentName { get; set; }

    public string? DocumentType { get; set; }

    public byte[]? Document { get; set; }

    public DateTimeOffset? AnsweredAt { get; set; }

    public int? AnsweredById { get; set; }

    public DateTimeOffset? ConsideredAt { get; set; }

    public int? ConsideredById { get; set; }

    /// <summary>The board's decision on considering it.</summary>
    public string? Decision { get; set; }
}

/// <summary>The <c>report_requests</c> table.</summary>
public sealed class ReportRequestConfiguration : IEntityTypeConfiguration<ReportRequest>
{
    public void Configure(EntityTypeBuilder<ReportRequest> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("report_requests");
        builder.Property(r => r.Period).HasMaxLength(IndicatorValue.PeriodLength);
        builder.Property(r => r.State).HasConversion(new WordConverter<ReportRequestState>()).HasMaxLength(16);
        builder.Property(r => r.Request).HasMaxLength(ReportRequest.TextLength);
        builder.Property(r => r.RequestedBy).HasMaxLength(ReportRequest.NameLength);
        builder.Property(r => r.Causes).HasMaxLength(ReportRequest.TextLength);
        builder.Property(r => r.Options).HasMaxLength(ReportRequest.TextLength);
        builder.Property(r => r.Decision).HasMaxLength(ReportRequest.TextLength);
        builder.Property(r => r.DocumentName).HasMaxLength(ReportRequest.FileNameLength);
        builder.Property(r => r.DocumentType).HasMaxLength(ReportRequest.ContentTypeLength);
        builder.HasIndex(r => new { r.IndicatorId, r.AreaId });
        builder.HasIndex(r => new { r.OwnerId, r.State });
    }
}
