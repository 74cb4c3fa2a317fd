namespace GoldenThread.Audit;

/// <summary>
/// One thing that happened, recorded for good: who did it (the actor, when someone was signed in or named),
/// to whom or what, when, and from which address. Names are copied in, so the trail still reads when a
/// person is renamed or an organisation removed.
/// </summary>
public sealed class AuditEntry
{
    public const int ActionLength = 40;
    public const int NameLength = 256;
    public const int DetailLength = 2000;
    public const int AddressLength = 64;

    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>What happened: one of <see cref="AuditActions"/>.</summary>
    public required string Action { get; set; }

    public int? ActorId { get; set; }

    /// <summary>Who did it, as they were known at the time (an email address, or "command line").</summary>
    public required string ActorName { get; set; }

    public int? SubjectId { get; set; }

    /// <summary>Whom or what it was done to, as known at the time.</summary>
    public string? SubjectName { get; set; }

    public required string Detail { get; set; }

    /// <summary>The client's address, or null for the command line.</summary>
    public string? IpAddress { get; set; }
}
