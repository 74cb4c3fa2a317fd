using GoldenThread.Demo;
using GoldenThread.Domain.Access;

namespace GoldenThread.BrowserTests;

/// <summary>One address on the site to visit: a short name (also the screenshot's file name), the status it should answer, and an element it must show.</summary>
public sealed record SitePage(string Name, string Path, string MustShow, int Status = 200, Role? As = Role.PerformanceOfficer);

/// <summary>
/// Every page of the site, over the demonstration partnership: each kind of indicator (quarterly, monthly, annual,
/// data only, zero target), the scorecard filtered and sorted, a form error, and the not-found page.
/// </summary>
public static class SitePages
{
    public static IReadOnlyList<SitePage> All { get; } =
    [
        new("start-page", "/", "main h1", As: null),
        new("sign-in", "/account/sign-in", "main h1", As: null),
        new("accessibility-public", "/accessibility", "main h1", As: null),
        new("access-denied", "/admin", "main h1", Status: 403),
        new("signed-out", "/account/signed-out", "main h1", As: null),
        new("home", "/", "main h1"),
        new("scorecard", "/scorecard", "main table"),
        new("scorecard-area", "/scorecard?area=HRT", "main table"),
        new("scorecard-body", "/scorecard?body=SSC", "main table"),
        new("scorecard-framework", "/scorecard?framework=LAA", "main table"),
        new("scorecard-sorted-by-pvt", $"/scorecard?period={DemoBundle.LatestQuarter}&area=&sort=pvt&dir=desc", "main table"),
        // A period that cannot be read is a bad request: the page answers 400 with the GOV.UK error summary.
        new("scorecard-bad-period", "/scorecard?period=2009-10-Q9", ".govuk-error-summary", Status: 400),
        new("indicators", "/indicators", "main table"),
        new("indicator-quarterly", "/indicators/NI%2016?area=WSX", "main table"),
        new("indicator-quarterly-district", "/indicators/NI%2016?area=HRT", "main table"),
        new("indicator-monthly", "/indicators/NI%2020?area=WSX", "main table"),
        new("indicator-annual", "/indicators/NI%20112?area=WSX", "main table"),
        new("indicator-data-only", "/indicators/NI%20113?area=WSX", "main table"),
        new("indicator-zero-target", "/indicators/NI%2039?area=WSX", "main table"),
        new("area-comparison", "/indicators/NI%2016/areas", "main table"),
        new("api", "/api", "main h1"),
        new("accessibility", "/accessibility", "main h1"),
        new("not-found", "/no-such-page", "main h1", Status: 404),
    ];

    public static TheoryData<string> Names => [.. All.Select(p => p.Name)];

    public static SitePage Named(string name) => All.Single(p => p.Name == name);
}
