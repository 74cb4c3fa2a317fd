using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GoldenThread.Worker;

/// <summary>Where a job is in its life: waiting, being run by a worker that holds its lease, or finished.</summary>
public enum JobState
{
    Queued,
    Running,
    Succeeded,
    Failed,
}

/// <summary>
/// A piece of background work in the project's own database: what to do (<see cref="Kind"/>, with its
/// <see cref="Payload"/> as JSON), when, and how it went. A worker that claims a job holds its lease until
/// <see cref="LeaseUntil"/>; a job whose lease has run out is taken over by another worker.
/// </summary>
public sealed class Job
{
    public const int KindLength = 100;
    public const int OwnerLength = 200;
    public const int KeyLength = 200;
    public const int ErrorLength = 4000;

    public long Id { get; set; }

    /// <summary>Which handler runs it, e.g. <c>tokens.clean-up</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>The handler's input as JSON text; <c>{}</c> when it needs none.</summary>
    public string Payload { get; set; } = "{}";

    public JobState State { get; set; }

    /// <summary>When it may run; a retry moves it later.</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>How many times a worker has started it.</summary>
    public int Attempts { get; set; }

    public int MaxAttempts { get; set; }

    /// <summary>The worker running it, while it runs.</summary>
    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>The last failure's message, kept when the job is retried and when it fails for good.</summary>
    public string? LastError { get; set; }

    /// <summary>
    /// Makes enqueueing idempotent: at most one job has a given key (a scheduled run's is its kind and due
    /// time), so two workers scheduling the same run make one job.
    /// </summary>
    public string? UniqueKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}

/// <summary>The <c>jobs</c> table: states stored as words; an index for the workers' "what is due" question.</summary>
public sealed class JobConfiguration : IEntityTypeConfiguration<Job>
{
    public void Configure(EntityTypeBuilder<Job> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("jobs");
        builder.Property(j => j.Kind).HasMaxLength(Job.KindLength);
        builder.Property(j => j.State).HasConversion(new ValueConverter<JobState, string>(s => Word(s), w => Parse(w))).HasMaxLength(16);
        builder.Property(j => j.LeaseOwner).HasMaxLength(Job.OwnerLength);
        builder.Property(j => j.UniqueKey).HasMaxLength(Job.KeyLength);
        builder.Property(j => j.LastError).HasMaxLength(Job.ErrorLength);
        builder.HasIndex(j => new { j.State, j.DueAt });
        builder.HasIndex(j => j.UniqueKey).IsUnique();
    }

    /// <summary>The stored word for a state, also used by the hand-written claim on PostgreSQL.</summary>
    public static string Word(JobState state) => state switch
    {
        JobState.Queued => "queued",
        JobState.Running => "running",
        JobState.Succeeded => "succeeded",
        _ => "failed",
    };

    public static JobState Parse(string word) => word switch
    {
        "queued" => JobState.Queued,
        "running" => JobState.Running,
        "succeeded" => JobState.Succeeded,
        "failed" => JobState.Failed,
        _ => throw new InvalidOperationException($"'{word}' is not a stored job state."),
    };
}
