using GoldenThread.Storage;

namespace GoldenThread.Audit;

/// <summary>Who did something, as the audit trail records them.</summary>
public sealed record AuditActor(int? Id, string Name, string? IpAddress)
{
    /// <summary>An operator at the command line: no person signed in, no address.</summary>
    public static AuditActor CommandLine { get; } = new(null, "command line", null);

    /// <summary>The background worker, running a job: no person, no address.</summary>
    public static AuditActor Worker { get; } = new(null, "worker", null);

    public static AuditActor Anonymous(string? ipAddress) => new(null, "someone not signed in", ipAddress);
}

/// <summary>
/// Writes audit entries. An entry is added to the caller's unit of work, so a change and its record are saved
/// together or not at all; <see cref="RecordNowAsync"/> saves at once, for events with nothing else to save
/// (a failed sign-in).
/// </summary>
public sealed class AuditLog(GoldenThreadDb db, TimeProvider clock)
{
    public AuditEntry Add(AuditActor actor, string action, string detail, int? subjectId = null, string? subjectName = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var entry = new AuditEntry
        {
            At = clock.GetUtcNow(),
            Action = action,
            ActorId = actor.Id,
            ActorName = Truncate(actor.Name, AuditEntry.NameLength)!,
            SubjectId = subjectId,
            SubjectName = Truncate(subjectName, AuditEntry.NameLength),
            Detail = Truncate(detail, AuditEntry.DetailLength)!,
            IpAddress = Truncate(actor.IpAddress, AuditEntry.AddressLength),
        };
        db.AuditEntries.Add(entry);
        return entry;
    }

    public async Task RecordNowAsync(AuditActor actor, string action, string detail, int? subjectId = null, string? subjectName = null, CancellationToken cancellationToken = default)
    {
        Add(actor, action, detail, subjectId, subjectName);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string? Truncate(string? text, int length) =>
        text is null || text.Length <= length ? text : text[..(length - 1)] + "…";
}
