using GoldenThread.Domain.Partnership;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoldenThread.Partnership;

/// <summary>How a <see cref="Body"/> is stored.</summary>
public sealed class BodyConfiguration : IEntityTypeConfiguration<Body>
{
    public void Configure(EntityTypeBuilder<Body> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("bodies");
        builder.HasIndex(b => b.Code).IsUnique();
        builder.Property(b => b.Code).HasMaxLength(Body.CodeLength);
        builder.Property(b => b.Name).HasMaxLength(Body.NameLength);
        builder.Property(b => b.Kind).HasConversion(new WordConverter<BodyKind>()).HasMaxLength(32);
        builder.HasOne(b => b.EscalatesTo).WithMany().HasForeignKey(b => b.EscalatesToId).OnDelete(DeleteBehavior.Restrict);
    }
}
