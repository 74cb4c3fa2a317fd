using GoldenThread.Domain.Partnership;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoldenThread.Partnership;

/// <summary>How an <see cref="Organisation"/> is stored.</summary>
public sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("organisations");
        builder.HasIndex(o => o.Code).IsUnique();
        builder.Property(o => o.Code).HasMaxLength(Organisation.CodeLength);
        builder.Property(o => o.Name).HasMaxLength(Organisation.NameLength);
        builder.Property(o => o.Kind).HasConversion(new WordConverter<OrganisationKind>()).HasMaxLength(32);
    }
}
