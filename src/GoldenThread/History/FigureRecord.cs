using GoldenThread.Indicators;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoldenThread.History;

/// <summary>
/// One change to one figure, target, commentary or exception field: the record of every figure (issue: the quarterly
/// cycle, item 8). Append-only: the application never updates or deletes a record, and the database refuses to
/// (triggers on both providers, made by the migration that made the table). Values are kept as text exactly as
/// stored (<c>410</c>, <c>N/A</c> as null), so one table holds numbers, commentary and exception fields alike.
/// </summary>
public sealed class FigureRecord
{
    public const int FieldLength = 64;
    public const int ValueLength = 4000;
    public const int ReasonLength = 1000;
    public const int NameLength = 300;
    public const int SourceLength = 16;

    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>Who made the change; null for the system or an import run with no person.</summary>
    public int? PersonId { get; set; }

    /// <summary>Who made the change, in words as they were then (a name and email, "import", "the system").</summary>
    public required string Who { get; set; }

    /// <summary>When someone entered figures on another's behalf (the central team for a partner): whose return it was.</summary>
    public int? OnBehalfOfId { get; set; }

    public int IndicatorId { get; set; }

    public int AreaId { get; set; }

    /// <summary>The period the figure is for: a values row's or a target's period code.</summary>
    public required string Period { get; set; }

    /// <summary>What changed: <c>actual</c>, <c>projected_outturn</c>, <c>note</c>, <c>target</c>, <c>signed_off</c>, <c>exception.reason</c>...</summary>
    public required string Field { get; set; }

    public string? OldValue { get; set; }

    public string? NewValue { get; set; }

    /// <summary>Why; required for a change after sign-off.</summary>
    public string? Reason { get; set; }

    /// <summary>How it arrived: <c>web</c>, <c>workbook</c>, <c>api</c>, <c>import</c>.</summary>
    public required string Source { get; set; }

    /// <summary>The return it came with, if any.</summary>
    public int? ReturnId { get; set; }
}

/// <summary>The <c>figure_records</c> table. Indexed for "history of this figure" on an indicator's page.</summary>
public sealed class FigureRecordConfiguration : IEntityTypeConfiguration<FigureRecord>
{
    public void Configure(EntityTypeBuilder<FigureRecord> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("figure_records");
        builder.Property(r => r.Who).HasMaxLength(FigureRecord.NameLength);
        builder.Property(r => r.Period).HasMaxLength(IndicatorValue.PeriodLength);
        builder.Property(r => r.Field).HasMaxLength(FigureRecord.FieldLength);
        builder.Property(r => r.OldValue).HasMaxLength(FigureRecord.ValueLength);
        builder.Property(r => r.NewValue).HasMaxLength(FigureRecord.ValueLength);
        builder.Property(r => r.Reason).HasMaxLength(FigureRecord.ReasonLength);
        builder.Property(r => r.Source).HasMaxLength(FigureRecord.SourceLength);
        builder.HasIndex(r => new { r.IndicatorId, r.AreaId, r.Period });
        builder.HasIndex(r => r.At);
    }
}

/// <summary>
/// The application's half of "append-only": a unit of work that would change or remove a figure record is refused
/// before it reaches the database (whose triggers refuse it too). <see cref="Storage.GoldenThreadDb"/> checks every save.
/// </summary>
public static class FigureRecordGuard
{
    public static void Check(Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var entry in changes.Entries<FigureRecord>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException(
                    $"The record of every figure is append-only: record {entry.Entity.Id} cannot be {(entry.State == EntityState.Deleted ? "deleted" : "changed")}.");
            }
        }
    }
}
