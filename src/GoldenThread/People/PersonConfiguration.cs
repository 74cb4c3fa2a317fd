using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoldenThread.People;

/// <summary>How a <see cref="Person"/> is stored (after Identity's own mapping, which this renames).</summary>
public sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("people");
        builder.Property(p => p.FullName).HasMaxLength(Person.FullNameLength);
        builder.HasIndex(p => p.OrganisationId);
        builder.HasOne(p => p.Organisation).WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Roles).WithOne().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Identity's claims of a person, in the project's own table name.</summary>
public sealed class PersonClaimConfiguration : IEntityTypeConfiguration<IdentityUserClaim<int>>
{
    public void Configure(EntityTypeBuilder<IdentityUserClaim<int>> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("person_claims");
        builder.HasIndex(c => c.UserId);
    }
}

/// <summary>Identity's external sign-ins of a person, in the project's own table name.</summary>
public sealed class PersonLoginConfiguration : IEntityTypeConfiguration<IdentityUserLogin<int>>
{
    public void Configure(EntityTypeBuilder<IdentityUserLogin<int>> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("person_logins");
        builder.HasIndex(l => l.UserId);
    }
}

/// <summary>Identity's tokens of a person (authenticator keys, recovery codes), in the project's own table name.</summary>
public sealed class PersonTokenConfiguration : IEntityTypeConfiguration<IdentityUserToken<int>>
{
    public void Configure(EntityTypeBuilder<IdentityUserToken<int>> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("person_tokens");
    }
}
