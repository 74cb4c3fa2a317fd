using GoldenThread.Domain.Reminders;
using GoldenThread.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoldenThread.Reminders;

/// <summary>
/// A reminder the mail server accepted: which return, why, to whom and when. Written after the server has the message;
/// the send job looks here first, so a job run again after its worker stopped sends nothing a second time once this
/// row exists (docs/decisions/0019-reminders-at-least-once.md).
/// </summary>
public sealed class ReminderSent
{
    public const int OccasionLength = 32;
    public const int RecipientsLength = 2000;

    public long Id { get; set; }

    public int ReturnId { get; set; }

    public ReminderKind Kind { get; set; }

    /// <summary>What makes it this reminder and no other: the day it belongs to (2009-10-13), or the query's number.</summary>
    public required string Occasion { get; set; }

    /// <summary>The send job's unique key, <c>reminder:{returnId}:{kind}:{occasion}</c>: one row per reminder.</summary>
    public required string UniqueKey { get; set; }

    /// <summary>The return's assignee, to whom it was addressed (deputies are copied in).</summary>
    public int? PersonId { get; set; }

    /// <summary>Every address it went to, comma-separated.</summary>
    public required string Recipients { get; set; }

    public DateTimeOffset SentAt { get; set; }

    /// <summary>The job that sent it.</summary>
    public long? JobId { get; set; }
}

/// <summary>The <c>reminders_sent</c> table.</summary>
public sealed class ReminderSentConfiguration : IEntityTypeConfiguration<ReminderSent>
{
    public static readonly WordTable<ReminderKind> KindWords = new(ReminderRules.Words);

    public void Configure(EntityTypeBuilder<ReminderSent> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("reminders_sent");
        builder.Property(r => r.Kind).HasConversion(new WordConverter<ReminderKind>(() => KindWords)).HasMaxLength(16);
        builder.Property(r => r.Occasion).HasMaxLength(ReminderSent.OccasionLength);
        builder.Property(r => r.UniqueKey).HasMaxLength(Worker.Job.KeyLength);
        builder.Property(r => r.Recipients).HasMaxLength(ReminderSent.RecipientsLength);
        builder.HasIndex(r => r.UniqueKey).IsUnique();
        builder.HasIndex(r => r.ReturnId);
    }
}
