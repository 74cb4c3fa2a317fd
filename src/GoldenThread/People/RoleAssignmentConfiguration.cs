using GoldenThread.Domain.Access;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoldenThread.People;

/// <summary>How a <see cref="RoleAssignment"/> is stored: the role as its word, scoped by indicator, area or body.</summary>
public sealed class RoleAssignmentConfiguration : IEntityTypeConfiguration<RoleAssignment>
{
    public static readonly WordTable<Role> RoleWords = new(Roles.All.Select(r => (r, Roles.Code(r))));

    public void Configure(EntityTypeBuilder<RoleAssignment> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("role_assignments");
        builder.Property(r => r.Role).HasConversion(new WordConverter<Role>(() => RoleWords)).HasMaxLength(32);
        builder.HasIndex(r => r.PersonId);
        builder.HasIndex(r => r.IndicatorId);
        builder.HasIndex(r => r.AreaId);
        builder.HasIndex(r => r.BodyId);
        builder.HasOne(r => r.Indicator).WithMany().HasForeignKey(r => r.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.Area).WithMany().HasForeignKey(r => r.AreaId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.Body).WithMany().HasForeignKey(r => r.BodyId).OnDelete(DeleteBehavior.Cascade);
    }
}
