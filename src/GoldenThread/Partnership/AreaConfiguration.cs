using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoldenThread.Partnership;

/// <summary>How an <see cref="Area"/> is stored.</summary>
public sealed class AreaConfiguration : IEntityTypeConfiguration<Area>
{
    public void Configure(EntityTypeBuilder<Area> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("areas");
        builder.HasIndex(a => a.Code).IsUnique();
        builder.Property(a => a.Code).HasMaxLength(Area.CodeLength);
        builder.Property(a => a.Name).HasMaxLength(Area.NameLength);
        builder.HasOne(a => a.Parent).WithMany().HasForeignKey(a => a.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
