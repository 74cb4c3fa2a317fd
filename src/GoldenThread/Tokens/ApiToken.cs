namespace GoldenThread.Tokens;

/// <summary>What an API token lets a partner system do.</summary>
public enum TokenScope
{
    /// <summary>Read the framework and its figures.</summary>
    Read,

    /// <summary>Read, and submit figures for what the person may submit.</summary>
    Submit,
}

/// <summary>
/// A bearer token for the API that a person made for themself. Only a SHA-256 hash of the secret is
/// stored; the secret is shown once, when it is made. <see cref="Prefix"/> is the first characters, so that
/// people can tell their tokens apart.
/// </summary>
public sealed class ApiToken
{
    public const int NameLength = 100;
    public const int PrefixLength = 12;
    public const int HashLength = 64;

    public int Id { get; set; }

    public int PersonId { get; set; }

    public required string Name { get; set; }

    public required string Prefix { get; set; }

    public required string Hash { get; set; }

    public TokenScope Scope { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }
}
