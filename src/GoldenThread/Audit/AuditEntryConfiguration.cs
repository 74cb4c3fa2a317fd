using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoldenThread.Audit;

/// <summary>How an <see cref="AuditEntry"/> is stored: found by time, by actor and by subject.</summary>
public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("audit_entries");
        builder.Property(a => a.Action).HasMaxLength(AuditEntry.ActionLength);
        builder.Property(a => a.ActorName).HasMaxLength(AuditEntry.NameLength);
        builder.Property(a => a.SubjectName).HasMaxLength(AuditEntry.NameLength);
        builder.Property(a => a.Detail).HasMaxLength(AuditEntry.DetailLength);
        builder.Property(a => a.IpAddress).HasMaxLength(AuditEntry.AddressLength);
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => a.ActorId);
        builder.HasIndex(a => a.SubjectId);
    }
}
