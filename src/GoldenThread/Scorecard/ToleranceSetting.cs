using GoldenThread.Domain.Indicators;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoldenThread.Scorecard;

/// <summary>
/// The system-wide tolerances, as the central team set them: one row, or none while the defaults
/// (<see cref="Tolerances.Default"/>) stand. An indicator's own tolerances still override these.
/// </summary>
public sealed class ToleranceSetting
{
    /// <summary>The one row's key: there is one system.</summary>
    public const int SystemId = 1;

    /// <summary>The largest tolerance a person may set, in percent: beyond it every figure would be Amber or none Strong Green.</summary>
    public const decimal MaxPercent = 100m;

    public int Id { get; set; } = SystemId;

    /// <summary>How far below target (in percent) a figure is still Amber rather than Red.</summary>
    public decimal AmberPercent { get; set; }

    /// <summary>How far above target (in percent) a figure is Strong Green.</summary>
    public decimal StrongGreenPercent { get; set; }

    /// <summary>When they were last changed.</summary>
    public DateTimeOffset ChangedAt { get; set; }

    public Tolerances ToTolerances() => new(FigureStore.Normalise(AmberPercent), FigureStore.Normalise(StrongGreenPercent));

    /// <summary>The tolerances in force: the stored ones, or the defaults when none are stored. Every reader asks this.</summary>
    public static async Task<Tolerances> CurrentAsync(GoldenThreadDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var stored = await db.ToleranceSettings.AsNoTracking().SingleOrDefaultAsync(t => t.Id == SystemId, cancellationToken);
        return stored?.ToTolerances() ?? Tolerances.Default;
    }
}

/// <summary>The table of <see cref="ToleranceSetting"/>.</summary>
public sealed class ToleranceSettingConfiguration : IEntityTypeConfiguration<ToleranceSetting>
{
    public void Configure(EntityTypeBuilder<ToleranceSetting> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("tolerance_settings");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
    }
}
