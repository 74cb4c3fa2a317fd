using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using GoldenThread.Audit;
using GoldenThread.Domain.Access;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Sessions;

/// <summary>One session as the pages list it: never its secret.</summary>
public sealed record SessionRow(string Id, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, SignInMethod Method, string? IpAddress, string? UserAgent, bool IsCurrent);

/// <summary>
/// The server's record of sessions: starting one when a browser signs in, checking on each request that it is live
/// (not ended, not idle too long, not past its absolute lifetime), ending one or all, and the time a person last
/// proved who they are in it.
/// </summary>
public sealed class SessionStore(GoldenThreadDb db, Database database, TimeProvider clock, SessionSettings settings, AuditLog audit)
{
    /// <summary>The claim in the cookie that carries the session's secret.</summary>
    public const string SessionClaim = "sid";

    public DateTimeOffset Now => clock.GetUtcNow();

    public SessionSettings Settings => settings;

    /// <summary>The stored id of the session a principal carries, or null for none.</summary>
    public static string? IdOf(ClaimsPrincipal? principal) =>
        principal?.FindFirstValue(SessionClaim) is { Length: > 0 } secret ? IdOf(secret) : null;

    /// <summary>The stored id for a secret: its SHA-256 hash, so a copy of the table cannot be made into a cookie.</summary>
    public static string IdOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Records a new session for the person and returns the secret for their cookie.</summary>
    public async Task<string> StartAsync(int personId, SignInMethod method, HttpContext http, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();

        // Its own context: signing in must not save whatever the page has added to its unit of work so far.
        await using var own = database.Open(tracking: true);
        own.Sessions.Add(new Session
        {
            Id = IdOf(secret),
            PersonId = personId,
            CreatedAt = now,
            LastSeenAt = now,
            ReauthenticatedAt = now,
            Method = method,
            IpAddress = Trim(http.Connection.RemoteIpAddress?.ToString(), Session.AddressLength),
            UserAgent = Trim(http.Request.Headers.UserAgent.ToString(), Session.UserAgentLength),
        });
        await own.SaveChangesAsync(cancellationToken);
        return secret;
    }

    /// <summary>
    /// Whether the session is live for this person; one small query. A session found idle or past its absolute
    /// lifetime is ended (and the end audited) here; its last use is written at most once a minute.
    /// </summary>
    public async Task<bool> CheckAsync(string id, int personId, HttpContext http, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var row = await db.Sessions.AsNoTracking()
            .Where(s => s.Id == id)
            .Select(s => new
            {
                s.PersonId,
                s.CreatedAt,
                s.LastSeenAt,
                s.EndedAt,
                Administrator = db.RoleAssignments.Any(r => r.PersonId == s.PersonId && r.Role == Role.Administrator),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null || row.PersonId != personId || row.EndedAt is not null)
        {
            return false;
        }

        var idle = settings.Idle(row.Administrator);
        var absolute = settings.Absolute(row.Administrator);
        var site = new AuditActor(null, "GoldenThread", http.Connection.RemoteIpAddress?.ToString());
        if (now - row.LastSeenAt > idle)
        {
            await EndAsync(id, SessionEnd.Idle, site, $"Not used for more than {Describe(idle)}.", cancellationToken);
            return false;
        }

        if (now - row.CreatedAt > absolute)
        {
            await EndAsync(id, SessionEnd.AbsoluteLimit, site, $"Signed in more than {Describe(absolute)} ago.", cancellationToken);
            return false;
        }

        if (now - row.LastSeenAt >= SessionSettings.LastSeenResolution)
        {
            try
            {
                await db.Sessions.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), cancellationToken);
            }
            catch (Exception e) when (Web.DatabaseBusy.Is(e))
            {
                // Bookkeeping only, as a token's last use is: a database busy with other writers (a quarter-end rush, an
                // import) must not refuse the request; a later request records the use. The idle limit is counted in
                // tens of minutes, so a use recorded a little late ends no session early.
            }
        }

        return true;
    }

    /// <summary>Ends one session if it is open, with an entry in the audit trail unless <paramref name="why"/> is null.</summary>
    public async Task<bool> EndAsync(string id, SessionEnd reason, AuditActor by, string? why, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        var now = clock.GetUtcNow();
        var endedBy = Trim(by.Name, Session.EndedByLength);
        var ended = await db.Sessions.Where(s => s.Id == id && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, reason).SetProperty(s => s.EndedBy, endedBy), cancellationToken);
        if (ended == 0)
        {
            return false;
        }

        if (why is not null)
        {
            var session = await db.Sessions.AsNoTracking().Where(s => s.Id == id)
                .Select(s => new { s.PersonId, s.CreatedAt, s.Method, s.IpAddress, Email = db.People.Where(p => p.Id == s.PersonId).Select(p => p.Email).FirstOrDefault() })
                .SingleAsync(cancellationToken);
            await audit.RecordNowAsync(
                by,
                AuditActions.SessionEnded,
                $"{Describe(reason)}: the session signed in {When(session.CreatedAt)} with {Describe(session.Method)}{(session.IpAddress is null ? "" : " from " + session.IpAddress)}. {why}",
                session.PersonId,
                session.Email,
                cancellationToken);
        }

        return true;
    }

    /// <summary>Ends all of a person's open sessions but <paramref name="exceptId"/>, with one entry in the audit trail; returns how many.</summary>
    public async Task<int> EndAllAsync(int personId, string? exceptId, SessionEnd reason, AuditActor by, string? subjectEmail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        var now = clock.GetUtcNow();
        var endedBy = Trim(by.Name, Session.EndedByLength);
        var ended = await db.Sessions.Where(s => s.PersonId == personId && s.EndedAt == null && s.Id != exceptId)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, reason).SetProperty(s => s.EndedBy, endedBy), cancellationToken);
        if (ended > 0)
        {
            var which = exceptId is null ? "" : " other";
            await audit.RecordNowAsync(by, AuditActions.SessionEnded, $"{Describe(reason)}: {ended}{which} open session{(ended == 1 ? "" : "s")}.", personId, subjectEmail, cancellationToken);
        }

        return ended;
    }

    /// <summary>A person's open sessions, most recently used first, with <paramref name="currentId"/> marked.</summary>
    public async Task<IReadOnlyList<SessionRow>> OpenAsync(int personId, string? currentId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var administrator = await db.RoleAssignments.AnyAsync(r => r.PersonId == personId && r.Role == Role.Administrator, cancellationToken);
        var rows = await db.Sessions.AsNoTracking().Where(s => s.PersonId == personId && s.EndedAt == null).ToListAsync(cancellationToken);
        return rows
            .Where(s => now - s.LastSeenAt <= settings.Idle(administrator) && now - s.CreatedAt <= settings.Absolute(administrator))
            .OrderByDescending(s => s.Id == currentId)
            .ThenByDescending(s => s.LastSeenAt)
            .Select(s => new SessionRow(s.Id, s.CreatedAt, s.LastSeenAt, s.Method, s.IpAddress, s.UserAgent, s.Id == currentId))
            .ToList();
    }

    /// <summary>Whether the person proved who they are (or signed in) in this session within the last few minutes.</summary>
    public async Task<bool> IsRecentlyAuthenticatedAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (IdOf(user) is not { } id)
        {
            return false;
        }

        var at = await db.Sessions.AsNoTracking().Where(s => s.Id == id && s.EndedAt == null).Select(s => s.ReauthenticatedAt).SingleOrDefaultAsync(cancellationToken);
        return at is { } moment && clock.GetUtcNow() - moment <= settings.Reauthentication;
    }

    /// <summary>Records that the person has just proved who they are in this session.</summary>
    public async Task MarkReauthenticatedAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (IdOf(user) is { } id)
        {
            var now = clock.GetUtcNow();
            await db.Sessions.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.ReauthenticatedAt, now), cancellationToken);
        }
    }

    /// <summary>After a second factor is proved in a session that had none (an authenticator just set up), the session says so.</summary>
    public async Task RecordSecondFactorAsync(string id, CancellationToken cancellationToken = default)
    {
        await db.Sessions.Where(s => s.Id == id && s.Method == SignInMethod.Password)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Method, SignInMethod.PasswordAndAuthenticator), cancellationToken);
        await db.Sessions.Where(s => s.Id == id && s.Method == SignInMethod.SingleSignOn)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Method, SignInMethod.SingleSignOnAndSecondFactor), cancellationToken);
    }

    public static string Describe(SignInMethod method) => method switch
    {
        SignInMethod.Password => "a password",
        SignInMethod.PasswordAndAuthenticator => "a password and an authenticator code",
        SignInMethod.RecoveryCode => "a recovery code",
        SignInMethod.SingleSignOn => "single sign-on",
        _ => "single sign-on with a second factor",
    };

    public static string Describe(SessionEnd reason) => reason switch
    {
        SessionEnd.SignedOut => "Signed out",
        SessionEnd.EndedByPerson => "Ended by the person",
        SessionEnd.EndedByAdministrator => "Ended by an administrator",
        SessionEnd.Idle => "Ended for being idle",
        SessionEnd.AbsoluteLimit => "Ended at its time limit",
        SessionEnd.PersonDeactivated => "Ended when the person was deactivated",
        SessionEnd.PasswordReset => "Ended by a password reset",
        SessionEnd.PasswordChanged => "Ended by a password change",
        _ => "Replaced by signing in again",
    };

    public static string When(DateTimeOffset moment) =>
        moment.UtcDateTime.ToString("d MMMM yyyy 'at' HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    private static string Describe(TimeSpan span) =>
        span.TotalMinutes < 120 ? $"{span.TotalMinutes:0} minutes" : $"{span.TotalHours:0.#} hours";

    private static string? Trim(string? text, int length)
    {
        text = text?.Trim();
        return string.IsNullOrEmpty(text) ? null : text.Length <= length ? text : text[..(length - 1)] + "…";
    }
}
