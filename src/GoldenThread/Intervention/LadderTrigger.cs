using GoldenThread.Domain.Periods;
using GoldenThread.Indicators;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoldenThread.Intervention;

/// <summary>
/// A stage of the ladder set by hand by the executive board for an indicator in an area, with the reason and the
/// evidence of under-performance (assessment.md, Ladder of intervention). It holds from <see cref="FromPeriod"/> until
/// cleared; while it holds, the stage shown is the higher of the computed and this one. Never deleted: clearing it
/// records who, when and why, so the indicator page shows the whole story.
/// </summary>
public sealed class LadderTrigger
{
    public const int TextLength = 4000;
    public const int NameLength = 300;

    public int Id { get; set; }

    public int IndicatorId { get; set; }

    public int AreaId { get; set; }

    /// <summary>1, 2 or 3.</summary>
    public int Stage { get; set; }

    /// <summary>The first quarter it applies to (the current period when it was raised).</summary>
    public required string FromPeriod { get; set; }

    public required string Reason { get; set; }

    /// <summary>The evidence of under-performance, in words (figures, reports, inspection findings).</summary>
    public required string Evidence { get; set; }

    public DateTimeOffset RaisedAt { get; set; }

    public int? RaisedById { get; set; }

    public required string RaisedBy { get; set; }

    /// <summary>The quarter in which it was cleared (the current period at clearing): it holds for the quarters before; null while it holds.</summary>
    public string? ClearedInPeriod { get; set; }

    public DateTimeOffset? ClearedAt { get; set; }

    public int? ClearedById { get; set; }

    public string? ClearedBy { get; set; }

    public string? ClearReason { get; set; }
}

/// <summary>The manual stages in force, per indicator and area: what every reader of the ladder combines with the engine's.</summary>
public static class ManualStages
{
    /// <summary>
    /// Whether the trigger holds at <paramref name="period"/>: raised in that quarter or before, and not cleared in it or
    /// before. Quarters are compared by the quarter that contains <paramref name="period"/> (a year takes its last quarter).
    /// </summary>
    public static bool HoldsAt(LadderTrigger trigger, Period period)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        var quarter = QuarterOf(period);
        return Period.TryParse(trigger.FromPeriod, out var from) && from <= quarter
            && (trigger.ClearedInPeriod is null || (Period.TryParse(trigger.ClearedInPeriod, out var cleared) && quarter < cleared));
    }

    /// <summary>The highest manual stage in force at <paramref name="period"/> for each indicator and area that has one.</summary>
    public static async Task<IReadOnlyDictionary<(int IndicatorId, int AreaId), int>> AtAsync(GoldenThreadDb db, Period period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var triggers = await db.LadderTriggers.AsNoTracking().ToListAsync(cancellationToken);
        return triggers.Where(t => HoldsAt(t, period))
            .GroupBy(t => (t.IndicatorId, t.AreaId))
            .ToDictionary(g => g.Key, g => g.Max(t => t.Stage));
    }

    private static Period QuarterOf(Period period) =>
        period.Kind == PeriodKind.Quarter ? period
        : period.FinancialYear.PeriodsOfYear(PeriodKind.Quarter).Last(q => period.Contains(q) || q.Contains(period));
}

/// <summary>The <c>ladder_triggers</c> table.</summary>
public sealed class LadderTriggerConfiguration : IEntityTypeConfiguration<LadderTrigger>
{
    public void Configure(EntityTypeBuilder<LadderTrigger> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("ladder_triggers", t => t.HasCheckConstraint("ck_ladder_triggers_stage", "stage BETWEEN 1 AND 3"));
        builder.Property(t => t.FromPeriod).HasMaxLength(IndicatorValue.PeriodLength);
        builder.Property(t => t.ClearedInPeriod).HasMaxLength(IndicatorValue.PeriodLength);
        builder.Property(t => t.Reason).HasMaxLength(LadderTrigger.TextLength);
        builder.Property(t => t.Evidence).HasMaxLength(LadderTrigger.TextLength);
        builder.Property(t => t.ClearReason).HasMaxLength(LadderTrigger.TextLength);
        builder.Property(t => t.RaisedBy).HasMaxLength(LadderTrigger.NameLength);
        builder.Property(t => t.ClearedBy).HasMaxLength(LadderTrigger.NameLength);
        builder.HasIndex(t => new { t.IndicatorId, t.AreaId });
    }
}
