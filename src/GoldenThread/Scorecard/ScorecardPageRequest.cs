using System.Globalization;
using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Periods;

namespace GoldenThread.Scorecard;

/// <summary>The columns the scorecard page sorts by; the query string uses their names in lower case.</summary>
public enum ScorecardSort
{
    Indicator,
    Area,
    Actual,
    Target,
    Projected,
    Pvt,
    Status,
    Trend,
    Direction,
    Exception,
    Ladder,
}

/// <summary>
/// The scorecard page's query string as it arrived, before it is checked. A null area means "not given" (the
/// default area); an empty one means all areas, which is what the form's "All areas" option sends.
/// </summary>
public sealed record ScorecardPageRequest(
    string? Period = null,
    string? Area = null,
    string? Body = null,
    string? Framework = null,
    string? Status = null,
    string? Sort = null,
    string? Dir = null,
    string? Page = null)
{
    /// <summary>Reads the request from a query string, telling "area not given" (null) from "all areas" (empty).</summary>
    public static ScorecardPageRequest FromQuery(Microsoft.AspNetCore.Http.IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new ScorecardPageRequest(
            Value("period"), Value("area"), Value("body"), Value("framework"), Value("status"), Value("sort"), Value("dir"), Value("page"));

        string? Value(string name) => query.TryGetValue(name, out var values) ? values.ToString() : null;
    }

    /// <summary>
    /// Checks the request against what is stored. Returns the filter, or null with <paramref name="errors"/>
    /// filled when a period, area, body, framework or status is unknown. A sort, direction or page that cannot be
    /// read falls back to the default: those come from links, not from anything a person types.
    /// </summary>
    public ScorecardPageFilter? Resolve(ScorecardChoices choices, ICollection<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(choices);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;

        Period? period = choices.CurrentQuarter;
        if (!string.IsNullOrWhiteSpace(Period))
        {
            var code = Period.Trim();
            if (!Domain.Periods.Period.TryParse(code, out var parsed))
            {
                errors.Add(new FieldError("period", $"There is no period '{code}'. Select a period from the list"));
            }
            else if (!Covers(choices, parsed))
            {
                errors.Add(new FieldError("period", $"There are no figures for {parsed.DisplayName}. Select a period from the list"));
            }
            else
            {
                period = parsed;
            }
        }

        AreaChoice? area = null;
        if (Area is null)
        {
            area = choices.DefaultArea;
        }
        else if (Area.Trim().Length > 0)
        {
            area = choices.FindArea(Area.Trim());
            if (area is null)
            {
                errors.Add(new FieldError("area", $"There is no area with the code '{Area.Trim()}'. Select an area from the list"));
            }
        }

        BodyChoice? body = null;
        if (!string.IsNullOrWhiteSpace(Body))
        {
            body = choices.FindBody(Body.Trim());
            if (body is null)
            {
                errors.Add(new FieldError("body", $"There is no body with the code '{Body.Trim()}'. Select a body from the list"));
            }
        }

        string? framework = null;
        if (!string.IsNullOrWhiteSpace(Framework))
        {
            framework = choices.Frameworks.FirstOrDefault(f => string.Equals(f, Framework.Trim(), StringComparison.OrdinalIgnoreCase));
            if (framework is null)
            {
                errors.Add(new FieldError("framework", $"No indicator belongs to a framework called '{Framework.Trim()}'. Select a framework from the list"));
            }
        }

        Status? status = null;
        if (!string.IsNullOrWhiteSpace(Status))
        {
            status = Enum.GetValues<Status>().Select(s => (Status?)s).FirstOrDefault(s => string.Equals(s!.Value.Code(), Status.Trim(), StringComparison.OrdinalIgnoreCase));
            if (status is null)
            {
                errors.Add(new FieldError("status", $"There is no status called '{Status.Trim()}'. Select a status from the list"));
            }
        }

        if (errors.Count > before || period is null)
        {
            return null;
        }

        var sort = Enum.GetValues<ScorecardSort>().FirstOrDefault(s => string.Equals(s.Key(), Sort?.Trim(), StringComparison.OrdinalIgnoreCase));
        var descending = string.Equals(Dir?.Trim(), "desc", StringComparison.OrdinalIgnoreCase);
        var page = int.TryParse(Page, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p >= 1 ? p : 1;
        return new ScorecardPageFilter(period.Value, area, body, framework, status, sort, descending, page);
    }

    /// <summary>
    /// A period is offered when its financial year has figures and it has started by the end of the current quarter;
    /// quarters, halves, months and years alike.
    /// </summary>
    private static bool Covers(ScorecardChoices choices, Period period) =>
        period.StartOrdinal <= choices.Extent.CurrentQuarter.EndOrdinal
        && (choices.Extent.Years.Contains(period.FinancialYear) || choices.Quarters.Any(q => q.FinancialYear == period.FinancialYear));
}

/// <summary>
/// A checked scorecard request: the period, the area (null for all areas), body, framework and status filters,
/// the sort and the page. It writes the links that keep the same filter.
/// </summary>
public sealed record ScorecardPageFilter(
    Period Period,
    AreaChoice? Area,
    BodyChoice? Body = null,
    string? Framework = null,
    Status? Status = null,
    ScorecardSort Sort = ScorecardSort.Indicator,
    bool Descending = false,
    int Page = 1)
{
    /// <summary>The filter the command line's scorecard takes: the rest is applied to its entries.</summary>
    public ScorecardFilter ToQueryFilter() => new(Period, Area?.Code, Body?.Code);

    /// <summary>True when an entry passes the filters the command line does not have (framework and status).</summary>
    public bool Includes(IndicatorFacts indicator, Assessment assessment)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(assessment);
        return (Framework is null || indicator.Frameworks.Contains(Framework, StringComparer.OrdinalIgnoreCase))
            && (Status is null || assessment.Status == Status);
    }

    /// <summary>This view on the scorecard page (the area always explicit, so a link never changes meaning).</summary>
    public string PageHref() => "/scorecard" + Query(withSort: true, withPage: true);

    /// <summary>This view sorted by <paramref name="sort"/>, from the first page.</summary>
    public string SortHref(ScorecardSort sort, bool descending) =>
        (this with { Sort = sort, Descending = descending, Page = 1 }).PageHref();

    public string PageNumberHref(int page) => (this with { Page = page }).PageHref();

    /// <summary>The same entries as CSV, in the command line's order.</summary>
    public string DownloadHref() => "/scorecard/download" + Query(withSort: false, withPage: false);

    /// <summary>A file name for the download that says what it holds: scorecard-2009-10-Q2-WSX.csv.</summary>
    public string DownloadFileName()
    {
        var parts = new List<string> { "scorecard", Period.Code, Area?.Code ?? "all-areas" };
        parts.AddRange(new[] { Body?.Code, Framework, Status?.Code() }.OfType<string>());
        var name = string.Join("-", parts);
        return new string([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]) + ".csv";
    }

    private string Query(bool withSort, bool withPage)
    {
        var parameters = new List<KeyValuePair<string, string?>>
        {
            new("period", Period.Code),
            new("area", Area?.Code ?? string.Empty),
        };
        Add("body", Body?.Code);
        Add("framework", Framework);
        Add("status", Status?.Code());
        if (withSort && (Sort != ScorecardSort.Indicator || Descending))
        {
            Add("sort", Sort.Key());
            Add("dir", Descending ? "desc" : "asc");
        }

        if (withPage && Page > 1)
        {
            Add("page", Page.ToString(CultureInfo.InvariantCulture));
        }

        return Microsoft.AspNetCore.Http.QueryString.Create(parameters).Value ?? string.Empty;

        void Add(string name, string? value)
        {
            if (value is not null)
            {
                parameters.Add(new(name, value));
            }
        }
    }
}

/// <summary>The query-string names of the sort columns.</summary>
public static class ScorecardSortKeys
{
    public static string Key(this ScorecardSort sort) => sort.ToString().ToLowerInvariant();
}
