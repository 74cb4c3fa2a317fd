using System.Text;
using GoldenThread.Audit;
using GoldenThread.Indicators;
using GoldenThread.Partnership;
using GoldenThread.People;
using GoldenThread.Tokens;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GoldenThread.Storage;

/// <summary>
/// The project's database. One model, two providers: each has its own subclass so that each keeps its
/// own committed migrations set (docs/decisions/0002-two-migration-sets.md). People are ASP.NET Core Identity
/// accounts in the same database; their roles are the partnership's own (scoped to indicators, areas and
/// bodies), so Identity's role tables are not used. The data protection keys that sign cookies live here too,
/// so every copy of the site shares them.
/// </summary>
public abstract class GoldenThreadDb(DbContextOptions options) : IdentityUserContext<Person, int>(options), IDataProtectionKeyContext
{
    public DbSet<Person> People => Set<Person>();

    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Sessions.Session> Sessions => Set<Sessions.Session>();

    public DbSet<ImportChange> ImportChanges => Set<ImportChange>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Area> Areas => Set<Area>();

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<Body> Bodies => Set<Body>();

    public DbSet<Indicator> Indicators => Set<Indicator>();

    public DbSet<IndicatorFramework> IndicatorFrameworks => Set<IndicatorFramework>();

    public DbSet<Target> Targets => Set<Target>();

    public DbSet<IndicatorValue> Values => Set<IndicatorValue>();

    public DbSet<Worker.Job> Jobs => Set<Worker.Job>();

    public DbSet<Scorecard.ToleranceSetting> ToleranceSettings => Set<Scorecard.ToleranceSetting>();

    public DbSet<Returns.Return> Returns => Set<Returns.Return>();

    public DbSet<Returns.ReturnLine> ReturnLines => Set<Returns.ReturnLine>();

    public DbSet<Exceptions.ExceptionReport> ExceptionReports => Set<Exceptions.ExceptionReport>();

    public DbSet<History.FigureRecord> FigureRecords => Set<History.FigureRecord>();

    public DbSet<Timetable.TimetableMilestone> TimetableMilestones => Set<Timetable.TimetableMilestone>();

    public DbSet<Timetable.PeriodCycle> PeriodCycles => Set<Timetable.PeriodCycle>();

    public DbSet<Timetable.BankHoliday> BankHolidays => Set<Timetable.BankHoliday>();

    public DbSet<Returns.Review.ReturnReviewStep> ReturnReviewSteps => Set<Returns.Review.ReturnReviewStep>();

    /// <summary>Refuses to save a change to, or the removal of, a figure record: the record is append-only (History/FigureRecord.cs).</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        History.FigureRecordGuard.Check(ChangeTracker);
        var figures = FigureVersion.Touches(ChangeTracker);
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        Saved(figures);
        return saved;
    }

    /// <inheritdoc cref="SaveChanges(bool)"/>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        History.FigureRecordGuard.Check(ChangeTracker);
        var figures = FigureVersion.Touches(ChangeTracker);
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        Saved(figures);
        return saved;
    }

    /// <summary>Whether figures were saved in the transaction that is open: <see cref="FigureVersion"/> is bumped again when it commits.</summary>
    internal bool FigureChangesPending { get; set; }

    private void Saved(bool figures)
    {
        if (figures)
        {
            FigureVersion.Bump();
            FigureChangesPending |= Database.CurrentTransaction is not null;
        }
    }

    public DbSet<Timetable.TimetablePatternRow> TimetablePattern => Set<Timetable.TimetablePatternRow>();

    public DbSet<Reminders.ReminderSent> RemindersSent => Set<Reminders.ReminderSent>();

    public DbSet<Exceptions.ExceptionStep> ExceptionSteps => Set<Exceptions.ExceptionStep>();

    public DbSet<Intervention.LadderTrigger> LadderTriggers => Set<Intervention.LadderTrigger>();

    public DbSet<Intervention.LadderChange> LadderChanges => Set<Intervention.LadderChange>();

    public DbSet<Intervention.Escalation> Escalations => Set<Intervention.Escalation>();

    public DbSet<Intervention.EscalationStep> EscalationSteps => Set<Intervention.EscalationStep>();

    public DbSet<Intervention.ReportRequest> ReportRequests => Set<Intervention.ReportRequest>();

    public DbSet<Actions.ActionPlan> ActionPlans => Set<Actions.ActionPlan>();

    public DbSet<Actions.ActionItem> Actions => Set<Actions.ActionItem>();

    public DbSet<Actions.ActionMilestone> ActionMilestones => Set<Actions.ActionMilestone>();

    public DbSet<Notices.Notice> Notices => Set<Notices.Notice>();

    /// <summary>Which provider this context speaks to.</summary>
    public abstract DatabaseProvider Provider { get; }

    /// <summary>
    /// Migrations are applied inside the caller's transaction (<see cref="Schema"/>), all or nothing, with that
    /// transaction as the lock; EF Core warns that it then takes no lock of its own, which is the point.
    /// </summary>
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        ArgumentNullException.ThrowIfNull(optionsBuilder);
        optionsBuilder.ConfigureWarnings(w => w.Ignore(RelationalEventId.MigrationsUserTransactionWarning));
        optionsBuilder.AddInterceptors(FigureVersionInterceptor.Instance);
    }

    /// <summary>
    /// Indexes are chosen here, not added for every foreign key by convention. Targets and values are keyed
    /// area first, so one area's rows are one range of the key; an index on their indicator would slow every
    /// import by a third (each row written twice) to speed up only deleting an indicator, which no one does.
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Conventions.Remove<ForeignKeyIndexConvention>();
    }

    /// <summary>
    /// Each entity's mapping is an <see cref="IEntityTypeConfiguration{TEntity}"/> beside it in its feature folder;
    /// configurations are picked up from the assembly, so a new entity needs no line here. They are applied after
    /// Identity's own mapping (which they rename), and before the snake-case names are given to every column.
    /// </summary>
    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(GoldenThreadDb).Assembly);

        UseSnakeCaseColumns(builder);
    }

    /// <summary>Plain lower-case names, so hand-written SQL (bulk import, reports) needs no quoting on PostgreSQL.</summary>
    private static void UseSnakeCaseColumns(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
            }

            foreach (var key in entity.GetKeys())
            {
                key.SetName(SnakeCase(key.GetName()!));
            }

            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName(SnakeCase(index.GetDatabaseName()!));
            }

            foreach (var foreignKey in entity.GetForeignKeys())
            {
                foreignKey.SetConstraintName(SnakeCase(foreignKey.GetConstraintName()!));
            }
        }
    }

    internal static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && !char.IsUpper(name[i - 1]))
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}

/// <summary>The database on SQLite: the embedded default.</summary>
public sealed class SqliteGoldenThreadDb(DbContextOptions<SqliteGoldenThreadDb> options) : GoldenThreadDb(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    /// <summary>
    /// SQLite has no date-time type: moments are stored as 64-bit numbers (UTC ticks with the offset), which
    /// sort and compare in SQL as moments do, where SQLite's text form would not.
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>The database on PostgreSQL: production.</summary>
public sealed class PostgresGoldenThreadDb(DbContextOptions<PostgresGoldenThreadDb> options) : GoldenThreadDb(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

/// <summary>Lets <c>dotnet ef</c> build the SQLite model without the program's configuration.</summary>
public sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteGoldenThreadDb>
{
    public SqliteGoldenThreadDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteGoldenThreadDb>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model without a server (no connection is opened).</summary>
public sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresGoldenThreadDb>
{
    public PostgresGoldenThreadDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresGoldenThreadDb>().UseNpgsql("Host=127.0.0.1;Database=design").Options);
}
