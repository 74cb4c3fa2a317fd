using GoldenThread.Domain.Intervention;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoldenThread.Notices;

/// <summary>
/// Something a person is told by the exceptions and ladder workflow (issue 11, item 6): an exception to write, a stage
/// changed, a report requested, an escalation reaching them. The row is the durable queue: it is added in the same unit
/// of work as the change that causes it (so neither is kept without the other), shown in My tasks until done, and
/// mailed by the worker at least once (<see cref="MailedAt"/> set after the mail server took it). <see cref="Key"/>
/// makes each notice once only: raising it again adds nothing.
/// </summary>
public sealed class Notice
{
    public const int KeyLength = 200;
    public const int SubjectLength = 300;
    public const int LinkLength = 300;
    public const int TextLength = 4000;

    public long Id { get; set; }

    public int PersonId { get; set; }

    public NoticeKind Kind { get; set; }

    /// <summary>What it is about, in words, e.g. "Exception report needed: NI 195 in Cannock Chase, 2009-10 Q2".</summary>
    public required string Subject { get; set; }

    /// <summary>More in words, for the mail's body.</summary>
    public string? Text { get; set; }

    /// <summary>The site's path where it is dealt with, e.g. <c>/exceptions/12</c>.</summary>
    public required string Link { get; set; }

    /// <summary>Once-only key, e.g. <c>exception:12:write:person:7</c>.</summary>
    public required string Key { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? MailedAt { get; set; }

    /// <summary>When it stopped needing the person (the thing was done, or they dismissed it); null while it is a task.</summary>
    public DateTimeOffset? DoneAt { get; set; }
}

/// <summary>The <c>notices</c> table.</summary>
public sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("notices");
        builder.Property(n => n.Kind).HasConversion(new WordConverter<NoticeKind>()).HasMaxLength(32);
        builder.Property(n => n.Subject).HasMaxLength(Notice.SubjectLength);
        builder.Property(n => n.Text).HasMaxLength(Notice.TextLength);
        builder.Property(n => n.Link).HasMaxLength(Notice.LinkLength);
        builder.Property(n => n.Key).HasMaxLength(Notice.KeyLength);
        builder.HasIndex(n => n.Key).IsUnique();
        builder.HasIndex(n => new { n.PersonId, n.DoneAt });
        builder.HasIndex(n => n.MailedAt);
    }
}
