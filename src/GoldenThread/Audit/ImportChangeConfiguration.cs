using GoldenThread.Indicators;
using GoldenThread.Partnership;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoldenThread.Audit;

/// <summary>How an <see cref="ImportChange"/> is stored: found by its import's audit entry.</summary>
public sealed class ImportChangeConfiguration : IEntityTypeConfiguration<ImportChange>
{
    public void Configure(EntityTypeBuilder<ImportChange> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("import_changes");
        builder.Property(c => c.Figure).HasMaxLength(ImportChange.FigureLength);
        builder.Property(c => c.AreaCode).HasMaxLength(Area.CodeLength);
        builder.Property(c => c.IndicatorCode).HasMaxLength(Indicator.CodeLength);
        builder.Property(c => c.Period).HasMaxLength(IndicatorValue.PeriodLength);
        builder.Property(c => c.OldValue).HasMaxLength(ImportChange.TextLength);
        builder.Property(c => c.NewValue).HasMaxLength(ImportChange.TextLength);
        builder.HasIndex(c => c.AuditEntryId);
        builder.HasOne<AuditEntry>().WithMany().HasForeignKey(c => c.AuditEntryId).OnDelete(DeleteBehavior.Restrict);
    }
}
