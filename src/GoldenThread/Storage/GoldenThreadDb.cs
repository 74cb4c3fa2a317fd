using System.Text;
using GoldenThread.Audit;
using GoldenThread.Domain;
using GoldenThread.Domain.Access;
using GoldenThread.Domain.Indicators;
using GoldenThread.Domain.Partnership;
using GoldenThread.Indicators;
using GoldenThread.Partnership;
using GoldenThread.People;
using GoldenThread.Tokens;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
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

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Area> Areas => Set<Area>();

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<Body> Bodies => Set<Body>();

    public DbSet<Indicator> Indicators => Set<Indicator>();

    public DbSet<IndicatorFramework> IndicatorFrameworks => Set<IndicatorFramework>();

    public DbSet<Target> Targets => Set<Target>();

    public DbSet<IndicatorValue> Values => Set<IndicatorValue>();

    public DbSet<Scorecard.ToleranceSetting> ToleranceSettings => Set<Scorecard.ToleranceSetting>();

    /// <summary>Which provider this context speaks to.</summary>
    public abstract DatabaseProvider Provider { get; }

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

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        ConfigurePeople(builder);

        builder.Entity<Area>(e =>
        {
            e.ToTable("areas");
            e.HasIndex(a => a.Code).IsUnique();
            e.Property(a => a.Code).HasMaxLength(Area.CodeLength);
            e.Property(a => a.Name).HasMaxLength(Area.NameLength);
            e.HasOne(a => a.Parent).WithMany().HasForeignKey(a => a.ParentId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Organisation>(e =>
        {
            e.ToTable("organisations");
            e.HasIndex(o => o.Code).IsUnique();
            e.Property(o => o.Code).HasMaxLength(Organisation.CodeLength);
            e.Property(o => o.Name).HasMaxLength(Organisation.NameLength);
            e.Property(o => o.Kind).HasConversion(WordConverter<OrganisationKind>()).HasMaxLength(32);
        });

        builder.Entity<Body>(e =>
        {
            e.ToTable("bodies");
            e.HasIndex(b => b.Code).IsUnique();
            e.Property(b => b.Code).HasMaxLength(Body.CodeLength);
            e.Property(b => b.Name).HasMaxLength(Body.NameLength);
            e.Property(b => b.Kind).HasConversion(WordConverter<BodyKind>()).HasMaxLength(32);
            e.HasOne(b => b.EscalatesTo).WithMany().HasForeignKey(b => b.EscalatesToId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Indicator>(e =>
        {
            e.ToTable("indicators");
            e.HasIndex(i => i.Code).IsUnique();
            e.Property(i => i.Code).HasMaxLength(Indicator.CodeLength);
            e.Property(i => i.Title).HasMaxLength(Indicator.TitleLength);
            e.Property(i => i.Unit).HasConversion(WordConverter<Unit>()).HasMaxLength(32);
            e.Property(i => i.Polarity).HasConversion(WordConverter<Polarity>()).HasMaxLength(16);
            e.Property(i => i.Frequency).HasConversion(WordConverter<Frequency>()).HasMaxLength(16);
            e.Property(i => i.Accumulation).HasConversion(WordConverter<Accumulation>()).HasMaxLength(16);
            e.HasIndex(i => i.BodyId);
            e.HasOne(i => i.Body).WithMany().HasForeignKey(i => i.BodyId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(i => i.LeadOrganisation).WithMany().HasForeignKey(i => i.LeadOrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(i => i.Frameworks).WithOne().HasForeignKey(f => f.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<IndicatorFramework>(e =>
        {
            e.ToTable("indicator_frameworks");
            e.HasKey(f => new { f.IndicatorId, f.Tag });
            e.Property(f => f.Tag).HasMaxLength(IndicatorFramework.TagLength);
        });

        // Targets and values carry no foreign-key constraints: every row reaches them through the import's
        // one validated write path, and per-row key checks were half of a national import's time on PostgreSQL
        // (docs/decisions/0006-no-foreign-keys-on-figures.md).
        builder.Entity<Target>(e =>
        {
            e.ToTable("targets");
            // Area first: one area's scorecard is a range of the key; a whole-country scorecard reads it all anyway.
            e.HasKey(t => new { t.AreaId, t.IndicatorId, t.Period });
            e.Property(t => t.Period).HasMaxLength(IndicatorValue.PeriodLength);
        });

        builder.Entity<IndicatorValue>(e =>
        {
            e.ToTable("indicator_values");
            e.HasKey(v => new { v.AreaId, v.IndicatorId, v.Period });
            e.Property(v => v.Period).HasMaxLength(IndicatorValue.PeriodLength);
            e.Property(v => v.Note).HasMaxLength(IndicatorValue.NoteLength);
        });

        builder.ApplyConfiguration(new Scorecard.ToleranceSettingConfiguration());

        UseSnakeCaseColumns(builder);
    }

    private static void ConfigurePeople(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Person>(e =>
        {
            e.ToTable("people");
            e.Property(p => p.FullName).HasMaxLength(Person.FullNameLength);
            e.HasIndex(p => p.OrganisationId);
            e.HasOne(p => p.Organisation).WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(p => p.Roles).WithOne().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<IdentityUserClaim<int>>(e =>
        {
            e.ToTable("person_claims");
            e.HasIndex(c => c.UserId);
        });
        modelBuilder.Entity<IdentityUserLogin<int>>(e =>
        {
            e.ToTable("person_logins");
            e.HasIndex(l => l.UserId);
        });
        modelBuilder.Entity<IdentityUserToken<int>>(e => e.ToTable("person_tokens"));

        modelBuilder.Entity<RoleAssignment>(e =>
        {
            e.ToTable("role_assignments");
            e.Property(r => r.Role).HasConversion(new ValueConverter<Role, string>(r => Roles.Code(r), s => ParseRole(s))).HasMaxLength(32);
            e.HasIndex(r => r.PersonId);
            e.HasIndex(r => r.IndicatorId);
            e.HasIndex(r => r.AreaId);
            e.HasIndex(r => r.BodyId);
            e.HasOne(r => r.Indicator).WithMany().HasForeignKey(r => r.IndicatorId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(r => r.Area).WithMany().HasForeignKey(r => r.AreaId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(r => r.Body).WithMany().HasForeignKey(r => r.BodyId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ApiToken>(e =>
        {
            e.ToTable("api_tokens");
            e.Property(t => t.Name).HasMaxLength(ApiToken.NameLength);
            e.Property(t => t.Prefix).HasMaxLength(ApiToken.PrefixLength);
            e.Property(t => t.Hash).HasMaxLength(ApiToken.HashLength);
            e.Property(t => t.Scope).HasConversion(new ValueConverter<TokenScope, string>(
                s => s == TokenScope.Submit ? "submit" : "read",
                s => s == "submit" ? TokenScope.Submit : TokenScope.Read)).HasMaxLength(16);
            e.HasIndex(t => t.Hash).IsUnique();
            e.HasIndex(t => t.PersonId);
            e.HasOne<Person>().WithMany().HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit_entries");
            e.Property(a => a.Action).HasMaxLength(AuditEntry.ActionLength);
            e.Property(a => a.ActorName).HasMaxLength(AuditEntry.NameLength);
            e.Property(a => a.SubjectName).HasMaxLength(AuditEntry.NameLength);
            e.Property(a => a.Detail).HasMaxLength(AuditEntry.DetailLength);
            e.Property(a => a.IpAddress).HasMaxLength(AuditEntry.AddressLength);
            e.HasIndex(a => a.At);
            e.HasIndex(a => a.ActorId);
            e.HasIndex(a => a.SubjectId);
        });

        modelBuilder.Entity<DataProtectionKey>(e => e.ToTable("data_protection_keys"));
    }

    private static Role ParseRole(string code) =>
        Roles.TryParse(code, out var role) ? role : throw new InvalidOperationException($"'{code}' is not a stored role.");

    private static ValueConverter<T, string> WordConverter<T>()
        where T : struct, Enum =>
        new(v => Codes.Of(v), s => Parse<T>(s));

    private static T Parse<T>(string word)
        where T : struct, Enum =>
        Codes.TryParse<T>(word, out var value) ? value : throw new InvalidOperationException($"'{word}' is not a stored {typeof(T).Name}.");

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
