using GoldenThread.Domain.Indicators;
using GoldenThread.Storage;
using Microsoft.Extensions.Caching.Memory;

namespace GoldenThread.Scorecard;

/// <summary>
/// Scorecards shared by the requests of the last <see cref="Lifetime"/>: the home and scorecard pages and the API's
/// one-area scorecard take the result computed for the same database, filter, tolerances and
/// <see cref="FigureVersion"/>, so sixteen people asking for one area's scorecard share one run of
/// <see cref="ScorecardQuery"/> (about 5 ms of processor time for one area of a national database).
/// </summary>
/// <remarks>
/// A figure, target, tolerance or manual stage saved by the site itself (a submission, a sign-off, through a page or
/// the API) bumps <see cref="FigureVersion"/>, so the next request computes afresh: what the site saved shows at once.
/// Only an import at the command line (another process) can go unseen, for at most <see cref="Lifetime"/>. Nothing
/// here depends on who asks: the scorecard is the same for everyone allowed to read it.
/// </remarks>
public static class RecentScorecards
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    /// <summary>The scorecard for a filter, shared by the requests of the last few seconds; computed on a connection of its own.</summary>
    /// <remarks>
    /// Requests that arrive while it is computed share that one run: a request that gives up waiting neither cancels it
    /// nor leaves a failure in the cache for the others (a failure, such as an unknown area, is thrown to every waiting
    /// request and then forgotten).
    /// </remarks>
    public static Task<ScorecardResult> GetAsync(Database database, IMemoryCache cache, ScorecardFilter filter, Tolerances tolerances, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        return SharedAsync(cache, Key("result", database, filter, tolerances), async () =>
        {
            await using var db = database.Open();
            return await ScorecardQuery.RunAsync(db, filter, tolerances, CancellationToken.None);
        }, cancellationToken);
    }

    /// <summary>
    /// The same scorecard as the command line's <c>scorecard --format json</c> writes it (<see cref="ScorecardOutput.WriteJsonAsync"/>),
    /// shared as <see cref="GetAsync"/> shares the result: the API's answer, byte for byte, written once for all.
    /// </summary>
    public static Task<byte[]> GetJsonAsync(Database database, IMemoryCache cache, ScorecardFilter filter, Tolerances tolerances, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        return SharedAsync(cache, Key("json", database, filter, tolerances), async () =>
        {
            var scorecard = await GetAsync(database, cache, filter, tolerances, CancellationToken.None);
            using var json = new MemoryStream();
            await ScorecardOutput.WriteJsonAsync(scorecard, json, CancellationToken.None);
            return json.ToArray();
        }, cancellationToken);
    }

    // The tolerances and this process's count of figure changes are part of the key, so a change to them (a sign-off,
    // a submission) shows at once.
    private static object Key(string shape, Database database, ScorecardFilter filter, Tolerances tolerances) =>
        (typeof(RecentScorecards), shape, database.ConnectionString, filter, tolerances, FigureVersion.Current);

    private static async Task<T> SharedAsync<T>(IMemoryCache cache, object key, Func<Task<T>> compute, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var shared = cache.GetOrCreate(key, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            return new Lazy<Task<T>>(compute);
        })!;

        try
        {
            return await shared.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (shared.Value.IsFaulted)
        {
            cache.Remove(key);
            throw;
        }
    }
}
