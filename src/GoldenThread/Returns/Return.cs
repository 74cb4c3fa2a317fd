using GoldenThread.Domain.Returns;
using GoldenThread.Partnership;
using GoldenThread.People;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoldenThread.Returns;

/// <summary>
/// What one person owes the central team for one quarter: a line for each indicator, area and period due from them
/// (an indicator's owner, or the delivery lead for an indicator in an area). Issued when the quarter's forms are
/// issued; it moves through <see cref="ReturnState"/>. A return whose indicators have no owner is issued to no one
/// (<see cref="AssigneeId"/> null) and is listed as a problem until the central team finds one.
/// </summary>
public sealed class Return
{
    public const int QueryLength = 4000;

    public int Id { get; set; }

    /// <summary>The quarter's code, e.g. 2009-10-Q2.</summary>
    public required string Period { get; set; }

    /// <summary>The person the return is issued to; null when its indicators have no owner or delivery lead.</summary>
    public int? AssigneeId { get; set; }

    public Person? Assignee { get; set; }

    /// <summary>The organisation it comes from: the assignee's, or the indicators' lead organisation when there is no assignee.</summary>
    public int? OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public ReturnState State { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>When anything was last saved, submitted, checked or signed off.</summary>
    public DateTimeOffset? UpdatedAt { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    public int? SubmittedById { get; set; }

    public DateTimeOffset? QualityAssuredAt { get; set; }

    public int? QualityAssuredById { get; set; }

    public DateTimeOffset? SignedOffAt { get; set; }

    public int? SignedOffById { get; set; }

    /// <summary>The central team's open query, while the return is <see cref="ReturnState.Queried"/> (and kept after, for the record).</summary>
    public string? Query { get; set; }

    /// <summary>The partner's answer to the query, given when they submit again.</summary>
    public string? QueryAnswer { get; set; }

    /// <summary>How many times the return has been queried: "right first time" is signed off with none and no amendment.</summary>
    public int QueryCount { get; set; }

    /// <summary>Whether a figure was changed after the return was signed off (it then needs a new sign-off).</summary>
    public bool AmendedAfterSignOff { get; set; }

    /// <summary>When the central team last chased it.</summary>
    public DateTimeOffset? ChasedAt { get; set; }

    public List<ReturnLine> Lines { get; set; } = [];

    /// <summary>Signed off with no query and no amendment: the "right first time" measure.</summary>
    public bool RightFirstTime => State == ReturnState.SignedOff && QueryCount == 0 && !AmendedAfterSignOff;
}

/// <summary>The <c>returns</c> table: one return per person per quarter.</summary>
public sealed class ReturnConfiguration : IEntityTypeConfiguration<Return>
{
    public void Configure(EntityTypeBuilder<Return> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("returns");
        builder.Property(r => r.Period).HasMaxLength(Indicators.IndicatorValue.PeriodLength);
        builder.Property(r => r.State).HasConversion(new WordConverter<ReturnState>()).HasMaxLength(16);
        builder.Property(r => r.Query).HasMaxLength(Return.QueryLength);
        builder.Property(r => r.QueryAnswer).HasMaxLength(Return.QueryLength);
        builder.HasIndex(r => new { r.Period, r.AssigneeId, r.OrganisationId }).IsUnique();
        builder.HasIndex(r => r.AssigneeId);
        builder.HasOne(r => r.Assignee).WithMany().HasForeignKey(r => r.AssigneeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Organisation).WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.ReturnId).OnDelete(DeleteBehavior.Cascade);
    }
}
