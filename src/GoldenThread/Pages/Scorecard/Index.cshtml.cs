using GoldenThread.Scorecard;
using GoldenThread.Storage;
using GoldenThread.Timetable;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Caching.Memory;

namespace GoldenThread.Pages.Scorecard;

/// <summary>
/// The scorecard for any period, filtered by area, body, framework and status, sorted on the server, a page of
/// <see cref="PageSize"/> rows at a time. With no area asked for it shows the default (top-level) area, so the
/// first view is bounded however many areas are stored.
/// </summary>
public sealed class ScorecardModel(GoldenThreadDb db, Database database, IMemoryCache cache, ReportingClock clock) : PageModel
{
    /// <summary>Rows per page: one county's whole scorecard at national scale (200 indicators) fits on one.</summary>
    public const int PageSize = 200;

    public ScorecardChoices Choices { get; private set; } = null!;

    public ScorecardPageRequest Asked { get; private set; } = new();

    public List<FieldError> Errors { get; } = [];

    /// <summary>The checked filter; null when there are no figures or the request had errors.</summary>
    public ScorecardPageFilter? Filter { get; private set; }

    /// <summary>True when the area shown is the default, not one the person chose.</summary>
    public bool AreaIsDefault => Asked.Area is null && Filter?.Area is not null;

    public IReadOnlyList<ScorecardRow> Rows { get; private set; } = [];

    public StatusCounts Counts { get; private set; } = StatusCounts.Of([]);

    public int PageCount { get; private set; } = 1;

    /// <summary>True when a quarter the period covers has a cycle the central team has not closed: its figures may still change.</summary>
    public bool InProgress { get; private set; }

    /// <summary>How many entries rest on figures that are not signed off (entries with no figures are not counted).</summary>
    public int ProvisionalCount { get; private set; }

    public int FirstRowNumber => ((Filter?.Page ?? 1) - 1) * PageSize + 1;

    public Database Database => database;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Asked = ScorecardPageRequest.FromQuery(Request.Query);
        var view = await ScorecardPageView.LoadAsync(db, database, cache, clock, Asked, recent: true, cancellationToken);
        Choices = view.Choices;
        Errors.AddRange(view.Errors);
        if (Errors.Count > 0)
        {
            Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status400BadRequest;
        }

        if (view.Filter is not { } filter)
        {
            return Page();
        }

        Counts = StatusCounts.Of(view.Rows);
        InProgress = await CycleProgress.IsInProgressAsync(db, filter.Period, cancellationToken);
        ProvisionalCount = view.Rows.Count(ScorecardRow.IsProvisional);
        PageCount = Math.Max(1, (view.Rows.Count + PageSize - 1) / PageSize);
        Filter = filter with { Page = Math.Min(filter.Page, PageCount) };
        Rows = ScorecardSorting.Sort(view.Rows, Filter.Sort, Filter.Descending).Skip((Filter.Page - 1) * PageSize).Take(PageSize).ToList();
        return Page();
    }

    public SelectField PeriodField => FormFields.Period(Choices, Filter?.Period, Asked.Period, FormFields.ErrorFor(Errors, "period"));

    public SelectField AreaField => FormFields.Area(Choices, Filter?.Area ?? (Asked.Area is null ? Choices.DefaultArea : Choices.FindArea(Asked.Area)), FormFields.ErrorFor(Errors, "area"));

    public SelectField BodyField => FormFields.Body(Choices, Filter?.Body ?? (Asked.Body is null ? null : Choices.FindBody(Asked.Body)), FormFields.ErrorFor(Errors, "body"));

    public SelectField FrameworkField => FormFields.Framework(Choices, Filter?.Framework ?? Asked.Framework, FormFields.ErrorFor(Errors, "framework"));

    public SelectField StatusField => FormFields.Status(Filter?.Status, FormFields.ErrorFor(Errors, "status"));

    /// <summary>The page numbers to link to: the first, the last, and those beside the current one, with gaps as null.</summary>
    public IReadOnlyList<int?> PageNumbers()
    {
        var current = Filter?.Page ?? 1;
        var shown = new SortedSet<int> { 1, PageCount, current - 1, current, current + 1 };
        shown.RemoveWhere(p => p < 1 || p > PageCount);
        var numbers = new List<int?>();
        var previous = 0;
        foreach (var page in shown)
        {
            if (page > previous + 1)
            {
                numbers.Add(null);
            }

            numbers.Add(page);
            previous = page;
        }

        return numbers;
    }

    /// <summary>"Wessexshire, 2009/10 Q2, Safer and Stronger Communities Partnership, LAA, Red": what the view holds.</summary>
    public string Describe()
    {
        if (Filter is null)
        {
            return string.Empty;
        }

        var parts = new List<string> { Filter.Area?.Name ?? "All areas", Filter.Period.DisplayName };
        parts.AddRange(new[] { Filter.Body?.Name, Filter.Framework, Filter.Status?.Name() }.OfType<string>());
        return string.Join(", ", parts);
    }
}
