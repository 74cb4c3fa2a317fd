using GoldenThread.Domain.Indicators;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoldenThread.Indicators;

/// <summary>How an <see cref="Indicator"/> is stored.</summary>
public sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("indicators");
        builder.HasIndex(i => i.Code).IsUnique();
        builder.Property(i => i.Code).HasMaxLength(Indicator.CodeLength);
        builder.Property(i => i.Title).HasMaxLength(Indicator.TitleLength);
        builder.Property(i => i.Unit).HasConversion(new WordConverter<Unit>()).HasMaxLength(32);
        builder.Property(i => i.Polarity).HasConversion(new WordConverter<Polarity>()).HasMaxLength(16);
        builder.Property(i => i.Frequency).HasConversion(new WordConverter<Frequency>()).HasMaxLength(16);
        builder.Property(i => i.Accumulation).HasConversion(new WordConverter<Accumulation>()).HasMaxLength(16);
        builder.Property(i => i.Definition).HasMaxLength(Indicator.DefinitionLength);
        builder.Property(i => i.DataSource).HasMaxLength(Indicator.DataSourceLength);
        builder.Property(i => i.Type).HasConversion(new WordConverter<IndicatorType>()).HasMaxLength(16);
        builder.Property(i => i.DataQuality).HasConversion(new WordConverter<DataQualityRating>()).HasMaxLength(16);
        builder.Property(i => i.RiskLevel).HasConversion(new WordConverter<RiskLevel>()).HasMaxLength(16);
        builder.HasIndex(i => i.BodyId);
        builder.HasOne(i => i.Body).WithMany().HasForeignKey(i => i.BodyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(i => i.LeadOrganisation).WithMany().HasForeignKey(i => i.LeadOrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(i => i.Frameworks).WithOne().HasForeignKey(f => f.IndicatorId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>How an <see cref="IndicatorFramework"/> tag is stored.</summary>
public sealed class IndicatorFrameworkConfiguration : IEntityTypeConfiguration<IndicatorFramework>
{
    public void Configure(EntityTypeBuilder<IndicatorFramework> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("indicator_frameworks");
        builder.HasKey(f => new { f.IndicatorId, f.Tag });
        builder.Property(f => f.Tag).HasMaxLength(IndicatorFramework.TagLength);
    }
}
