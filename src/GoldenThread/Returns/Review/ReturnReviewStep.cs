using GoldenThread.Domain.Returns;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoldenThread.Returns.Review;

/// <summary>
/// One step the central team took on a return (accepted, queried, signed off, reopened, chased), with the query or
/// reason in their words: the return's review history, and its query history on the review page. The audit trail
/// says the same for the whole site; this keeps it per return, with the texts whole.
/// </summary>
public sealed class ReturnReviewStep
{
    public const int TextLength = Return.QueryLength;
    public const int NameLength = 300;

    public long Id { get; set; }

    public int ReturnId { get; set; }

    public DateTimeOffset At { get; set; }

    public ReviewAction Action { get; set; }

    public int? PersonId { get; set; }

    /// <summary>Who took the step, in words as they were then.</summary>
    public required string Who { get; set; }

    /// <summary>The query (for a query), the reason (for a reopening); null otherwise.</summary>
    public string? Text { get; set; }

    /// <summary>
    /// On an acceptance or a query of a return that had been queried before: the partner's answer to that earlier
    /// query, as it stood when the central team read it (the return itself keeps only the latest answer).
    /// </summary>
    public string? Answer { get; set; }
}

/// <summary>The <c>return_review_steps</c> table.</summary>
public sealed class ReturnReviewStepConfiguration : IEntityTypeConfiguration<ReturnReviewStep>
{
    public void Configure(EntityTypeBuilder<ReturnReviewStep> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("return_review_steps");
        builder.Property(s => s.Action).HasConversion(new WordConverter<ReviewAction>()).HasMaxLength(16);
        builder.Property(s => s.Who).HasMaxLength(ReturnReviewStep.NameLength);
        builder.Property(s => s.Text).HasMaxLength(ReturnReviewStep.TextLength);
        builder.Property(s => s.Answer).HasMaxLength(ReturnReviewStep.TextLength);
        builder.HasIndex(s => s.ReturnId);
        builder.HasOne<Return>().WithMany().HasForeignKey(s => s.ReturnId).OnDelete(DeleteBehavior.Cascade);
    }
}
