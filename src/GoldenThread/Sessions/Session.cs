using GoldenThread.People;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoldenThread.Sessions;

/// <summary>
/// One signed-in browser, recorded on the server so that it can be ended there: by signing out, by the person from
/// another session, by an administrator, or by its idle and absolute lifetimes. The cookie carries a secret whose
/// hash is <see cref="Id"/>, so a copy of the database cannot be turned into a live session.
/// </summary>
public sealed class Session
{
    public const int IdLength = 64;
    public const int AddressLength = 45;
    public const int UserAgentLength = 200;
    public const int EndedByLength = 256;

    /// <summary>The SHA-256 hash (hex) of the secret in the session's cookie.</summary>
    public required string Id { get; set; }

    public int PersonId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the session was last used, written at most once a minute.</summary>
    public DateTimeOffset LastSeenAt { get; set; }

    public SignInMethod Method { get; set; }

    public string? IpAddress { get; set; }

    /// <summary>The browser's own description of itself, trimmed to <see cref="UserAgentLength"/>.</summary>
    public string? UserAgent { get; set; }

    /// <summary>When the person last proved who they are in this session (signing in counts), for sensitive changes.</summary>
    public DateTimeOffset? ReauthenticatedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public SessionEnd? EndReason { get; set; }

    /// <summary>Who ended the session (the person, an administrator's email, or the site), when it has ended.</summary>
    public string? EndedBy { get; set; }
}

/// <summary>How a session was signed in.</summary>
public enum SignInMethod
{
    Password,
    PasswordAndAuthenticator,

    /// <summary>A recovery code as the second step, after a password or single sign-on.</summary>
    RecoveryCode,
    SingleSignOn,

    /// <summary>Single sign-on with a second factor: the provider's own, or this site's authenticator code after it.</summary>
    SingleSignOnAndSecondFactor,
}

/// <summary>Why a session ended.</summary>
public enum SessionEnd
{
    SignedOut,
    EndedByPerson,
    EndedByAdministrator,
    Idle,
    AbsoluteLimit,

    /// <summary>The same browser signed in again (as the same person or another), so its cookie was replaced.</summary>
    Replaced,

    /// <summary>An administrator deactivated the person: every session ends.</summary>
    PersonDeactivated,

    /// <summary>The password was reset from an emailed link: every session ends, as someone else may hold one.</summary>
    PasswordReset,

    /// <summary>The person changed their password: their other sessions end, the one they changed it in stays.</summary>
    PasswordChanged,
}

/// <summary>The <c>sessions</c> table.</summary>
public sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public static readonly WordTable<SignInMethod> MethodWords = new(
    [
        (SignInMethod.Password, "password"),
        (SignInMethod.PasswordAndAuthenticator, "password_and_authenticator"),
        (SignInMethod.RecoveryCode, "recovery_code"),
        (SignInMethod.SingleSignOn, "single_sign_on"),
        (SignInMethod.SingleSignOnAndSecondFactor, "single_sign_on_and_second_factor"),
    ]);

    public static readonly WordTable<SessionEnd> EndWords = new(
    [
        (SessionEnd.SignedOut, "signed_out"),
        (SessionEnd.EndedByPerson, "ended_by_person"),
        (SessionEnd.EndedByAdministrator, "ended_by_administrator"),
        (SessionEnd.Idle, "idle"),
        (SessionEnd.AbsoluteLimit, "absolute_limit"),
        (SessionEnd.Replaced, "replaced"),
        (SessionEnd.PersonDeactivated, "person_deactivated"),
        (SessionEnd.PasswordReset, "password_reset"),
        (SessionEnd.PasswordChanged, "password_changed"),
    ]);

    public void Configure(EntityTypeBuilder<Session> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(Session.IdLength);
        builder.Property(s => s.IpAddress).HasMaxLength(Session.AddressLength);
        builder.Property(s => s.UserAgent).HasMaxLength(Session.UserAgentLength);
        builder.Property(s => s.EndedBy).HasMaxLength(Session.EndedByLength);
        builder.Property(s => s.Method).HasConversion(new WordConverter<SignInMethod>(() => MethodWords)).HasMaxLength(40);
        builder.Property(s => s.EndReason).HasConversion(new WordConverter<SessionEnd>(() => EndWords)).HasMaxLength(40);
        builder.HasIndex(s => s.PersonId);
        builder.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
