using GoldenThread.Domain.Access;
using GoldenThread.Domain.Intervention;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Notices;

/// <summary>What a use case asks to tell a person: the notice's words, where it is dealt with, and its once-only key.</summary>
public sealed record NoticeRequest(int PersonId, NoticeKind Kind, string Subject, string? Text, string Link, string Key);

/// <summary>
/// Raises notices in the caller's unit of work (the contract every workflow step uses: it adds rows, the caller saves
/// them with its change). Sending the mails and showing them in My tasks are the <c>notices.send</c> job's and
/// <c>TaskList</c>'s. A key raised before (saved, or added earlier in the same unit of work) adds nothing; a person who
/// is deactivated is not told.
/// </summary>
public sealed class NoticeBoard(GoldenThreadDb db, TimeProvider time)
{
    /// <summary>Adds the notices not raised before; returns how many were added. Does not save.</summary>
    public async Task<int> RaiseAsync(IEnumerable<NoticeRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var wanted = requests.DistinctBy(r => r.Key).ToList();
        if (wanted.Count == 0)
        {
            return 0;
        }

        var keys = wanted.Select(r => r.Key).ToList();
        var personIds = wanted.Select(r => r.PersonId).Distinct().ToList();
        var known = (await db.Set<Notice>().AsNoTracking().Where(n => keys.Contains(n.Key)).Select(n => n.Key).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        known.UnionWith(db.ChangeTracker.Entries<Notice>().Select(e => e.Entity.Key));
        var active = (await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id) && p.DeactivatedAt == null).Select(p => p.Id).ToListAsync(cancellationToken)).ToHashSet();
        var now = time.GetUtcNow();
        var added = 0;
        foreach (var request in wanted.Where(r => !known.Contains(r.Key) && active.Contains(r.PersonId)))
        {
            db.Set<Notice>().Add(new Notice
            {
                PersonId = request.PersonId,
                Kind = request.Kind,
                Subject = Cut(request.Subject, Notice.SubjectLength)!,
                Text = Cut(request.Text, Notice.TextLength),
                Link = request.Link,
                Key = request.Key,
                CreatedAt = now,
            });

            // Its mail, queued with it: kept together or not at all (the notices.send job, at least once).
            db.Jobs.Add(NoticeSend.NewJob(request.Key, now));
            added++;
        }

        return added;
    }

    /// <summary>Marks the person's open notices whose key starts with <paramref name="keyPrefix"/> as done (the thing was dealt with). Does not save.</summary>
    public async Task<int> DoneAsync(string keyPrefix, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyPrefix);
        var open = await db.Set<Notice>().Where(n => n.DoneAt == null && n.Key.StartsWith(keyPrefix)).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        foreach (var notice in open)
        {
            notice.DoneAt = now;
        }

        return open.Count;
    }

    private static string? Cut(string? text, int length) => text is null || text.Length <= length ? text : text[..(length - 1)] + "…";
}

/// <summary>The people concerned with an indicator in an area (issue 11, item 6): who is told of its exceptions and stages.</summary>
/// <param name="DeliveryLeads">Active people holding the delivery-lead role for the pair.</param>
/// <param name="TargetSponsors">Active people holding the target-sponsor role for the pair.</param>
/// <param name="BodyId">The body accountable for the indicator, when it names one.</param>
/// <param name="SecretaryId">That body's secretary, when named and active.</param>
public sealed record ConcernedPeople(IReadOnlyList<int> DeliveryLeads, IReadOnlyList<int> TargetSponsors, int? BodyId, int? SecretaryId)
{
    /// <summary>The delivery leads and target sponsors (who write and answer).</summary>
    public IEnumerable<int> Leads => DeliveryLeads.Concat(TargetSponsors).Distinct();

    public static async Task<ConcernedPeople> ForPairAsync(GoldenThreadDb db, int indicatorId, int areaId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var roles = await db.RoleAssignments.AsNoTracking()
            .Where(a => a.IndicatorId == indicatorId && a.AreaId == areaId && (a.Role == Role.DeliveryLead || a.Role == Role.TargetSponsor))
            .Where(a => db.People.Any(p => p.Id == a.PersonId && p.DeactivatedAt == null))
            .Select(a => new { a.Role, a.PersonId })
            .ToListAsync(cancellationToken);
        var body = await db.Indicators.AsNoTracking().Where(i => i.Id == indicatorId)
            .Select(i => new { i.BodyId, SecretaryId = i.Body == null ? null : i.Body.SecretaryId })
            .SingleOrDefaultAsync(cancellationToken);
        int? secretary = body?.SecretaryId is { } id && await db.People.AnyAsync(p => p.Id == id && p.DeactivatedAt == null, cancellationToken) ? id : null;
        return new ConcernedPeople(
            [.. roles.Where(r => r.Role == Role.DeliveryLead).Select(r => r.PersonId).Distinct().Order()],
            [.. roles.Where(r => r.Role == Role.TargetSponsor).Select(r => r.PersonId).Distinct().Order()],
            body?.BodyId,
            secretary);
    }
}
