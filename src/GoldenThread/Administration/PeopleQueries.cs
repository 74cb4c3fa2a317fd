using GoldenThread.Audit;
using GoldenThread.People;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

// EF Core translates ToUpper and ToLower to SQL, and not string.Equals or Contains with a StringComparison.
#pragma warning disable CA1862

namespace GoldenThread.Administration;

/// <summary>A person as the administration pages show them: who, where, what they hold, and whether they may sign in.</summary>
public sealed record PersonSummary(
    int Id,
    string Email,
    string FullName,
    int OrganisationId,
    string OrganisationCode,
    string OrganisationName,
    bool TwoFactorEnabled,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeactivatedAt,
    DateTimeOffset? LockoutEnd,
    IReadOnlyList<HeldRole> Roles)
{
    public bool IsDeactivated => DeactivatedAt is not null;

    public bool IsLockedOut(DateTimeOffset now) => PersonStatus.IsLockedOut(LockoutEnd, now);

    public string Status(DateTimeOffset now) => PersonStatus.Describe(DeactivatedAt, LockoutEnd, now);
}

/// <summary>One page of people found, with how many matched in all.</summary>
public sealed record PeopleFound(IReadOnlyList<PersonSummary> People, int Total);

/// <summary>
/// Reading people for the administration pages and the <c>users list</c> command: searching, one person with
/// their roles, who is locked out, and what was done by or to someone. The changes are use cases of their own
/// (<see cref="AddPerson"/>, <see cref="GrantRole"/>, ...).
/// </summary>
public sealed class PeopleQueries(GoldenThreadDb db, TimeProvider clock)
{
    /// <summary>The most people one search shows; the page asks for a narrower search beyond it.</summary>
    public const int ListLimit = 100;

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>People whose name or email contains <paramref name="text"/>, in the organisation with <paramref name="organisationCode"/>, by name.</summary>
    public async Task<PeopleFound> SearchAsync(string? text, string? organisationCode, CancellationToken cancellationToken)
    {
        var query = db.People.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(text))
        {
            var lower = text.Trim().ToLowerInvariant();
            var upper = text.Trim().ToUpperInvariant();
            query = query.Where(p => p.FullName.ToLower().Contains(lower) || (p.NormalizedEmail != null && p.NormalizedEmail.Contains(upper)));
        }

        if (!string.IsNullOrWhiteSpace(organisationCode))
        {
            var code = organisationCode.Trim();
            query = query.Where(p => p.Organisation!.Code == code);
        }

        var total = await query.CountAsync(cancellationToken);
        var people = await SummariesAsync(query.OrderBy(p => p.FullName).ThenBy(p => p.Id).Take(ListLimit), cancellationToken);
        return new PeopleFound(people, total);
    }

    public async Task<PersonSummary?> FindAsync(int id, CancellationToken cancellationToken) =>
        (await SummariesAsync(db.People.AsNoTracking().Where(p => p.Id == id), cancellationToken)).SingleOrDefault();

    /// <summary>Everyone, by email address (the command line's list).</summary>
    public Task<List<PersonSummary>> AllAsync(CancellationToken cancellationToken) =>
        SummariesAsync(db.People.AsNoTracking().OrderBy(p => p.NormalizedEmail), cancellationToken, everyone: true);

    /// <summary>How many people are locked out now.</summary>
    public async Task<int> CountLockedOutAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await db.People.AsNoTracking().CountAsync(p => p.LockoutEnd != null && p.LockoutEnd > now, cancellationToken);
    }

    /// <summary>The latest audit entries by or about the person, newest first.</summary>
    public Task<List<AuditEntry>> RecentAuditAsync(int id, int count, CancellationToken cancellationToken) =>
        db.AuditEntries.AsNoTracking()
            .Where(e => e.ActorId == id
                || (e.SubjectId == id && e.Action != AuditActions.OrganisationCreated && e.Action != AuditActions.OrganisationRenamed))
            .OrderByDescending(e => e.Id)
            .Take(count)
            .ToListAsync(cancellationToken);

    private async Task<List<PersonSummary>> SummariesAsync(IQueryable<Person> people, CancellationToken cancellationToken, bool everyone = false)
    {
        var rows = await people
            .Select(p => new { p.Id, p.Email, p.FullName, p.OrganisationId, OrganisationCode = p.Organisation!.Code, OrganisationName = p.Organisation!.Name, p.TwoFactorEnabled, p.CreatedAt, p.DeactivatedAt, p.LockoutEnd })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var roles = (await HeldRole.LoadAsync(db, everyone ? null : ids, cancellationToken)).ToLookup(r => r.PersonId);
        return rows.Select(r => new PersonSummary(
            r.Id, r.Email ?? "", r.FullName, r.OrganisationId, r.OrganisationCode, r.OrganisationName, r.TwoFactorEnabled, r.CreatedAt, r.DeactivatedAt, r.LockoutEnd, [.. roles[r.Id]])).ToList();
    }
}
