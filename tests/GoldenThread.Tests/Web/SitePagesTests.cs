using GoldenThread.Tests.Infrastructure;

namespace GoldenThread.Tests.Web;

/// <summary>The pages every visitor can reach: the layout, the accessibility statement, the health check and the error pages.</summary>
public sealed class SitePagesTests(ReadOnlyWebTestHost host) : IClassFixture<ReadOnlyWebTestHost>
{
    [Fact]
    public async Task Home_UsesTheGovukTemplate_WithSkipLinkAndNavigation()
    {
        var page = await host.GetPageAsync("/");

        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("govuk-template", page.DocumentElement.ClassList);
        Assert.NotNull(page.QuerySelector("a.govuk-skip-link[href='#main-content']"));
        Assert.NotNull(page.QuerySelector("main#main-content"));
        Assert.Equal("true", page.QuerySelector(".govuk-service-navigation__item--active a")?.GetAttribute("aria-current"));
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/scorecard")]
    [InlineData("/indicators/NI%2016")]
    [InlineData("/accessibility")]
    public async Task EveryPage_InTheDemonstration_SaysTheDateItRunsOn(string path)
    {
        var page = await host.GetPageAsync(path);

        Assert.Equal(
            "This demonstration runs on its own date: 16 November 2009",
            page.QuerySelector("header .app-reporting-date .govuk-phase-banner__text")?.TextContent.Trim());
    }

    [Fact]
    public async Task AccessibilityStatement_IsReachableFromEveryPageFooter()
    {
        var home = await host.GetPageAsync("/");
        var statement = await host.GetPageAsync("/accessibility");

        Assert.NotNull(home.QuerySelector("footer a[href='/accessibility']"));
        Assert.Equal("Accessibility statement for GoldenThread", statement.QuerySelector("h1")?.TextContent.Trim());
    }

    [Fact]
    public async Task Health_ChecksTheDatabase()
    {
        using var response = await host.Client.GetAsync(new Uri("/health", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains("\"database\":\"Healthy\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownAddress_ShowsNotFoundPageWith404()
    {
        var page = await host.GetPageAsync("/no-such-page", expectedStatus: 404);

        Assert.Equal("Page not found", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("main a[href='/']"));
    }
}

/// <summary>A site on the real date: no page claims a date of its own.</summary>
public sealed class RealDateSitePagesTests(RealDateWebTestHost host) : IClassFixture<RealDateWebTestHost>
{
    [Fact]
    public async Task Home_OnTheRealDate_SaysNoDemonstrationDate()
    {
        var page = await host.GetPageAsync("/");

        Assert.Null(page.QuerySelector(".app-reporting-date"));
    }
}

/// <summary>The demonstration host, but on the real date, as a live site runs.</summary>
public sealed class RealDateWebTestHost : WebTestHost
{
    protected override GoldenThread.Web.WebAppOptions Configure(GoldenThread.Web.WebAppOptions options) => options with { ReportingToday = null };
}
