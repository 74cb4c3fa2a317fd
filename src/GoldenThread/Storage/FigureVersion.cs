using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GoldenThread.Storage;

/// <summary>
/// Counts the changes to figures (values, targets, tolerances, manual stages) committed by this process, so that a
/// result computed from them and shared for a few seconds (the scorecard pages' recent results) is computed afresh the
/// moment a figure changes here: a sign-off shows as final at once. It is bumped when the change is saved and again
/// when its transaction commits, so a result computed between the two is not the one kept. Other processes (an import
/// at the command line) are seen when the shared result expires.
/// </summary>
public static class FigureVersion
{
    private static long _value;

    public static long Current => Interlocked.Read(ref _value);

    internal static void Bump() => Interlocked.Increment(ref _value);

    internal static bool Touches(ChangeTracker tracker) =>
        tracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && e.Entity is Indicators.IndicatorValue or Indicators.Target or Scorecard.ToleranceSetting or Intervention.LadderTrigger);
}

/// <summary>Bumps <see cref="FigureVersion"/> when a transaction that saved figures commits.</summary>
internal sealed class FigureVersionInterceptor : DbTransactionInterceptor
{
    public static FigureVersionInterceptor Instance { get; } = new();

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        Committed(eventData);
        base.TransactionCommitted(transaction, eventData);
    }

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData);
        return base.TransactionCommittedAsync(transaction, eventData, cancellationToken);
    }

    private static void Committed(TransactionEndEventData eventData)
    {
        if (eventData.Context is GoldenThreadDb { FigureChangesPending: true } db)
        {
            db.FigureChangesPending = false;
            FigureVersion.Bump();
        }
    }
}
