using GoldenThread.People;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoldenThread.Tokens;

/// <summary>How an <see cref="ApiToken"/> is stored: only its hash, found by it.</summary>
public sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public static readonly WordTable<TokenScope> ScopeWords = new([(TokenScope.Read, "read"), (TokenScope.Submit, "submit")]);

    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("api_tokens");
        builder.Property(t => t.Name).HasMaxLength(ApiToken.NameLength);
        builder.Property(t => t.Prefix).HasMaxLength(ApiToken.PrefixLength);
        builder.Property(t => t.Hash).HasMaxLength(ApiToken.HashLength);
        builder.Property(t => t.Scope).HasConversion(new WordConverter<TokenScope>(() => ScopeWords)).HasMaxLength(16);
        builder.HasIndex(t => t.Hash).IsUnique();
        builder.HasIndex(t => t.PersonId);
        builder.HasOne<Person>().WithMany().HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
