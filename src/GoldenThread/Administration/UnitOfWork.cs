using GoldenThread.Storage;

namespace GoldenThread.Administration;

/// <summary>
/// Runs an administrative change in one database transaction, so the change and its audit entry are kept
/// together or not at all even when Identity saves more than once. Inside a transaction the caller already
/// began (the command line adds an organisation, a person and a role as one), it joins that one.
/// </summary>
internal static class UnitOfWork
{
    public static async Task<AdminChange> RunAsync(GoldenThreadDb db, Func<Task<AdminChange>> change, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await change();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var outcome = await change();
        if (outcome.Succeeded)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        else
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        return outcome;
    }
}
