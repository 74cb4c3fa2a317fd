using GoldenThread.Audit;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Tokens;

/// <summary>A token just made: the secret, shown once and never stored, and what was stored.</summary>
public sealed record IssuedToken(string Secret, ApiToken Stored);

/// <summary>Makes and revokes API tokens, each with its audit entry in the same save.</summary>
public sealed class TokenIssuer(GoldenThreadDb db, AuditLog audit, TimeProvider clock)
{
    /// <summary>The longest a token may live: a year, so that forgotten tokens do not work for ever.</summary>
    public static readonly TimeSpan LongestLife = TimeSpan.FromDays(366);

    public async Task<IssuedToken> IssueAsync(int personId, string name, TokenScope scope, TimeSpan lifetime, AuditActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (lifetime <= TimeSpan.Zero || lifetime > LongestLife)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, $"A token lives between a moment and {LongestLife.TotalDays:0} days.");
        }

        var person = await db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => new { p.Email }).SingleAsync(cancellationToken);
        var secret = TokenSecrets.NewSecret();
        var now = clock.GetUtcNow();
        var token = new ApiToken
        {
            PersonId = personId,
            Name = name.Trim(),
            Prefix = TokenSecrets.PrefixOf(secret),
            Hash = TokenSecrets.Hash(secret),
            Scope = scope,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        db.ApiTokens.Add(token);
        audit.Add(actor, AuditActions.TokenCreated, $"Token '{token.Name}' ({token.Prefix}…), scope {ScopeWord(scope)}, expires {token.ExpiresAt:yyyy-MM-dd HH:mm} UTC.", personId, person.Email);
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedToken(secret, token);
    }

    /// <summary>Revokes one of the person's tokens; false if they have no such token or it was already revoked.</summary>
    public async Task<bool> RevokeAsync(int personId, int tokenId, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == tokenId && t.PersonId == personId, cancellationToken);
        if (token is null || token.RevokedAt is not null)
        {
            return false;
        }

        token.RevokedAt = clock.GetUtcNow();
        var email = await db.People.Where(p => p.Id == personId).Select(p => p.Email).SingleAsync(cancellationToken);
        audit.Add(actor, AuditActions.TokenRevoked, $"Token '{token.Name}' ({token.Prefix}…) revoked.", personId, email);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public static string ScopeWord(TokenScope scope) => scope == TokenScope.Submit ? "submit" : "read";
}
