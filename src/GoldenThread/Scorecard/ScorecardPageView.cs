using GoldenThread.Domain.Indicators;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using Microsoft.Extensions.Caching.Memory;

namespace GoldenThread.Scorecard;

/// <summary>
/// What the home, scorecard and download pages all do first: read the choices, check the request against them,
/// and run the command line's scorecard query for the filter, keeping the entries the framework and status filters
/// include, in the command line's order.
/// </summary>
/// <remarks>
/// The pages may take a scorecard computed in the last few seconds for the same period, area and body
/// (<see cref="RecentScorecards"/>): that query is most of a page's cost, and sixteen people opening the same
/// scorecard share one run of it. A figure saved by the site itself (a submission, a sign-off) starts a fresh one at
/// once; only a page shown within those seconds of an import at the command line can miss it; the CSV download never
/// uses it, so it is always exactly the command line's.
/// </remarks>
public sealed class ScorecardPageView
{
    private ScorecardPageView(ScorecardChoices choices, ScorecardPageFilter? filter, IReadOnlyList<FieldError> errors, ScorecardResult? scorecard, IReadOnlyList<ScorecardRow> rows)
    {
        Choices = choices;
        Filter = filter;
        Errors = errors;
        Scorecard = scorecard;
        Rows = rows;
    }

    public ScorecardChoices Choices { get; }

    /// <summary>The checked filter; null when there are no figures at all, or when <see cref="Errors"/> has any.</summary>
    public ScorecardPageFilter? Filter { get; }

    public IReadOnlyList<FieldError> Errors { get; }

    /// <summary>The scorecard of the filter's entries, as the command line's writers take it; null without a filter.</summary>
    public ScorecardResult? Scorecard { get; }

    /// <summary>The same entries with their indicators' titles and areas' names, in the command line's order.</summary>
    public IReadOnlyList<ScorecardRow> Rows { get; }

    /// <param name="recent">True to accept a scorecard computed in the last few seconds (the pages); false to compute it now (the download).</param>
    public static async Task<ScorecardPageView> LoadAsync(GoldenThreadDb db, Database database, IMemoryCache cache, ReportingClock clock, ScorecardPageRequest request, bool recent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(request);
        var current = await clock.CurrentPeriodAsync(db, cancellationToken);
        var choices = await ScorecardChoices.GetAsync(database, cache, current, cancellationToken);
        if (!choices.HasFigures)
        {
            return new ScorecardPageView(choices, null, [], null, []);
        }

        var errors = new List<FieldError>();
        var filter = request.Resolve(choices, errors);
        if (filter is null && choices.MayBeStale)
        {
            // The code may be one that an import added in the last minute.
            choices = await ScorecardChoices.RefreshAsync(database, cache, current, cancellationToken);
            errors.Clear();
            filter = request.Resolve(choices, errors);
        }

        if (filter is null)
        {
            return new ScorecardPageView(choices, null, errors, null, []);
        }

        var tolerances = await ToleranceSetting.CurrentAsync(db, cancellationToken);
        var scorecard = recent
            ? await RecentScorecards.GetAsync(database, cache, filter.ToQueryFilter(), tolerances, cancellationToken)
            : await ScorecardQuery.RunAsync(db, filter.ToQueryFilter(), tolerances, cancellationToken);
        if (choices.MayBeStale && scorecard.Entries.Any(e => !choices.Indicators.ContainsKey(e.Indicator) || choices.FindArea(e.Area) is null))
        {
            choices = await ScorecardChoices.RefreshAsync(database, cache, current, cancellationToken);
        }

        var rows = ScorecardRow.From(scorecard, choices, filter);
        if (rows.Count != scorecard.Entries.Count)
        {
            scorecard = scorecard with { Entries = [.. rows.Select(r => r.Entry)] };
        }

        return new ScorecardPageView(choices, filter, errors, scorecard, rows);
    }
}
