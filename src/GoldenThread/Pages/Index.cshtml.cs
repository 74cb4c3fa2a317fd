using GoldenThread.Domain.Assessment;
using GoldenThread.Pages.Scorecard;
using GoldenThread.Scorecard;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Caching.Memory;

namespace GoldenThread.Pages;

/// <summary>
/// The home page. For the public, the start page (what the service is, and signing in); for a signed-in person,
/// the current period (the timetable's: <see cref="ReportingClock.CurrentPeriodAsync"/>) at a glance for one area (the default, top-level area unless another is
/// chosen): counts per status overall and per accountable body, the exceptions, and the indicators at ladder
/// stages 2 and 3.
/// </summary>
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class IndexModel(GoldenThreadDb db, Database database, IMemoryCache cache, ReportingClock clock) : PageModel
{
    /// <summary>The most rows each list shows; the rest are a link away, on the scorecard sorted the same way.</summary>
    public const int ListLimit = 100;

    public ScorecardChoices Choices { get; private set; } = null!;

    public ScorecardPageRequest Asked { get; private set; } = new();

    public List<FieldError> Errors { get; } = [];

    /// <summary>The latest quarter and the area shown; null when there are no figures or the area was unknown.</summary>
    public ScorecardPageFilter? Filter { get; private set; }

    public bool AreaIsDefault => Asked.Area is null && Filter?.Area is not null;

    public StatusCounts Overall { get; private set; } = StatusCounts.Of([]);

    /// <summary>Counts per accountable body, by name; indicators with no body come last, under a null body.</summary>
    public IReadOnlyList<(BodyChoice? Body, StatusCounts Counts)> ByBody { get; private set; } = [];

    /// <summary>Entries that require an exception report, the worst status first.</summary>
    public IReadOnlyList<ScorecardRow> Exceptions { get; private set; } = [];

    /// <summary>Entries at ladder stage 2 or 3, stage 3 first.</summary>
    public IReadOnlyList<ScorecardRow> Intervention { get; private set; } = [];

    public Database Database => database;

    /// <summary>True for the public: they see what the service is and how to sign in, and no figures until publication rules exist.</summary>
    public bool IsStartPage { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            IsStartPage = true;
            return Page();
        }

        Asked = new ScorecardPageRequest(Area: Request.Query.TryGetValue("area", out var area) ? area.ToString() : null);
        var view = await ScorecardPageView.LoadAsync(db, database, cache, clock, Asked, recent: true, cancellationToken);
        Choices = view.Choices;
        Errors.AddRange(view.Errors);
        if (Errors.Count > 0)
        {
            Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status400BadRequest;
        }

        Filter = view.Filter;
        if (Filter is null)
        {
            return Page();
        }

        var rows = view.Rows;
        Overall = StatusCounts.Of(rows);
        ByBody = rows
            .GroupBy(r => r.Indicator.BodyCode)
            .Select(g => (Body: g.Key is null ? null : Choices.FindBody(g.Key) ?? new BodyChoice(g.Key, g.Key), Counts: StatusCounts.Of(g)))
            .OrderBy(b => b.Body is null)
            .ThenBy(b => b.Body?.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        Exceptions = ScorecardSorting.Sort(rows.Where(r => r.Assessment.ExceptionRequired is not null), ScorecardSort.Exception, descending: false);
        Intervention = ScorecardSorting.Sort(rows.Where(r => r.Assessment.LadderStage >= 2), ScorecardSort.Ladder, descending: true);
        return Page();
    }

    public SelectField AreaField => FormFields.Area(
        Choices,
        Filter?.Area ?? (Asked.Area is null ? Choices.DefaultArea : Choices.FindArea(Asked.Area)),
        FormFields.ErrorFor(Errors, "area"));

    /// <summary>The scorecard for this quarter and area, narrowed to one body and one status when given.</summary>
    public string ScorecardHref(BodyChoice? body = null, Status? status = null) =>
        (Filter! with { Body = body, Status = status }).PageHref();

    /// <summary>The whole list on the scorecard, sorted as the home page sorts it.</summary>
    public string ScorecardHref(ScorecardSort sort, bool descending) => Filter!.SortHref(sort, descending);
}
