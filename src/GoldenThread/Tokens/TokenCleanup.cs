using System.Text.Json;
using GoldenThread.Audit;
using GoldenThread.Storage;
using GoldenThread.Worker;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Tokens;

/// <summary>
/// The daily job that deletes API tokens which expired, or were revoked, more than a number of days ago (the
/// payload's <c>days</c>): they can never work again, and their hashes need not be kept. The deletion and one
/// audit entry with the count are saved together.
/// </summary>
public sealed class TokenCleanup(GoldenThreadDb db, AuditLog audit, TimeProvider clock) : IJobHandler
{
    public const string Kind = "tokens.clean-up";

    /// <summary>How long a dead token is kept, so that a person can still see it in their list for a while.</summary>
    public const int DefaultDays = 30;

    public static RecurringJob Daily { get; } = new(Kind, Schedule.DailyAt(new TimeOnly(2, 30)), $$"""{"days":{{DefaultDays}}}""");

    public async Task RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var days = JsonSerializer.Deserialize<Settings>(job.Payload, JsonSerializerOptions.Web)?.Days ?? DefaultDays;
        if (days < 1)
        {
            throw new InvalidOperationException($"The clean-up keeps dead tokens for at least a day; the job asked for {days}.");
        }

        var cutoff = clock.GetUtcNow() - TimeSpan.FromDays(days);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var deleted = await db.ApiTokens
            .Where(t => t.ExpiresAt < cutoff || (t.RevokedAt != null && t.RevokedAt < cutoff))
            .ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            audit.Add(
                AuditActor.Worker,
                AuditActions.TokensDeleted,
                deleted == 1
                    ? $"Deleted 1 API token that expired or was revoked more than {days} days ago."
                    : $"Deleted {deleted} API tokens that expired or were revoked more than {days} days ago.");
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private sealed record Settings(int? Days);
}
