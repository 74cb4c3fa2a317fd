using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Storage;

/// <summary>
/// Writers to one SQLite file from this process take turns in the order they asked, waiting in memory. SQLite itself
/// lets one writer in at a time and has the others poll for the lock, in no order: with dozens of partners saving at
/// once some waiters lost every round and gave up after the site's busy timeout (503), although the writes ahead of
/// them took milliseconds each. Taken around the return's write transaction (<c>ReturnEntry</c>), the busiest writer
/// of a quarter end; nothing on PostgreSQL, whose row locks queue in order.
/// </summary>
public static class SqliteWriters
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Turns = new(StringComparer.Ordinal);

    /// <summary>Waits for this process's turn to write to the context's SQLite file; null (no wait) on PostgreSQL.</summary>
    public static async Task<IDisposable?> TakeTurnAsync(GoldenThreadDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Provider != DatabaseProvider.Sqlite)
        {
            return null;
        }

        var file = Path.GetFullPath(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource);
        var turn = Turns.GetOrAdd(file, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync(cancellationToken);
        return new Turn(turn);
    }

    private sealed class Turn(SemaphoreSlim turn) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                turn.Release();
            }
        }
    }
}
