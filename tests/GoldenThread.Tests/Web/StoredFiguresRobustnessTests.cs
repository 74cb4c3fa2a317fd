using GoldenThread.Indicators;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace GoldenThread.Tests.Web;

/// <summary>
/// Issue 9 item 1, the read side: figures stored for periods far ahead, a row of nulls in the last year a period may
/// have, the largest decimal as an actual and a period code that does not parse, written straight into the database
/// (the API refuses them once its checks land, but a database may hold them), neither move the current quarter
/// (the reporting clock's, 2009/10 Q2 in the demonstration) nor make any page or API read fail.
/// </summary>
public abstract class StoredFiguresRobustnessTests(WebTestHost host)
{
    public static TheoryData<string> Reads => new()
    {
        "/",
        "/?area=HRT",
        "/scorecard",
        "/scorecard?period=2009-10-Q1&area=",
        "/scorecard?period=2009-10&area=WSX",
        "/scorecard/download?period=2009-10-Q1&area=",
        "/indicators",
        "/indicators/NI%2015",
        "/indicators/NI%2015?area=HRT",
        "/indicators/NI%2015/areas",
        "/indicators/NI%2016",
        "/indicators/NI%2016/areas",
        "/indicators/NI%2016/areas?period=2009-10-Q1",
        "/api/v1/scorecard?period=2009-10-Q2",
        "/api/v1/scorecard?period=2009-10-Q1&area=WSX",
        "/api/v1/indicators",
        "/api/v1/indicators/NI%2015",
        "/api/v1/indicators/NI%2016",
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task Read_WithBadStoredFigures_Answers200(string path)
    {
        await StoreBadFiguresAsync();

        using var response = await host.Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.True(200 == (int)response.StatusCode, $"GET {path}: {(int)response.StatusCode}");
    }

    [Fact]
    public async Task Home_WithFiguresForLaterPeriods_StaysOnTheClocksCurrentQuarter()
    {
        await StoreBadFiguresAsync();

        var home = await host.GetPageAsync("/");
        var scorecard = await host.GetPageAsync("/scorecard");

        Assert.Equal("2009/10 Q2, the current period", home.QuerySelector("main .govuk-caption-xl")?.TextContent.Trim());
        var periods = scorecard.QuerySelectorAll("select#period option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal("2009-10-Q2", scorecard.QuerySelector("select#period option[selected]")?.GetAttribute("value"));
        Assert.Equal("2009-10-Q2", periods[0]);
        Assert.DoesNotContain(periods, p => p!.StartsWith("2998", StringComparison.Ordinal) || p.StartsWith("2999", StringComparison.Ordinal));
        Assert.True(periods.Count < 30, $"{periods.Count} periods offered");
    }

    [Fact]
    public async Task Scorecard_ForAPeriodAfterTheCurrentQuarter_IsRefused()
    {
        await StoreBadFiguresAsync();

        await host.GetPageAsync("/scorecard?period=2998-99-Q4", expectedStatus: 400);
    }

    [Fact]
    public async Task IndicatorPage_WithTheLargestDecimal_ShowsTheFigureAndNoChart()
    {
        await StoreBadFiguresAsync();

        var page = await host.GetPageAsync("/indicators/NI%2016");

        var text = page.QuerySelector("main")!.TextContent;
        Assert.True(text.Contains(Figures.Format(decimal.MaxValue, 2), StringComparison.Ordinal), text);
        Assert.Contains("The figures are too large to draw", page.QuerySelector("main")!.InnerHtml, StringComparison.Ordinal);
    }

    private async Task StoreBadFiguresAsync()
    {
        await using (var db = host.Database.Open())
        {
            if (!await db.Values.AnyAsync(v => v.Period == "2998-99-Q4"))
            {
                var ni15 = await db.Indicators.Where(i => i.Code == "NI 15").Select(i => i.Id).SingleAsync();
                var ni16 = await db.Indicators.Where(i => i.Code == "NI 16").Select(i => i.Id).SingleAsync();
                var hrt = await db.Areas.Where(a => a.Code == "HRT").Select(a => a.Id).SingleAsync();
                var wsx = await db.Areas.Where(a => a.Code == "WSX").Select(a => a.Id).SingleAsync();
                db.Values.Add(new IndicatorValue { IndicatorId = ni15, AreaId = hrt, Period = "2998-99-Q4", PeriodStart = 0, Actual = 12m, ProjectedOutturn = 12m });
                db.Values.Add(new IndicatorValue { IndicatorId = ni15, AreaId = hrt, Period = "2999-00-Q4", PeriodStart = 0 });
                db.Values.Add(new IndicatorValue { IndicatorId = ni15, AreaId = hrt, Period = "not a period", PeriodStart = 0, Actual = 1m });
                db.Targets.Add(new Target { IndicatorId = ni15, AreaId = hrt, Period = "2998-99", Value = 10m });
                var largest = await db.Values.AsTracking().SingleAsync(v => v.IndicatorId == ni16 && v.AreaId == wsx && v.Period == "2009-10-Q1");
                largest.Actual = decimal.MaxValue;
                largest.ProjectedOutturn = decimal.MaxValue;
                await db.SaveChangesAsync();
            }
        }

        // The pages keep what the data covers for a minute: forget it, as a minute's wait would.
        ((MemoryCache)host.App.Services.GetRequiredService<IMemoryCache>()).Clear();
    }
}

/// <summary>On SQLite.</summary>
public sealed class StoredFiguresRobustnessOnSqliteTests(WebTestHost host) : StoredFiguresRobustnessTests(host), IClassFixture<WebTestHost>;

/// <summary>On PostgreSQL.</summary>
public sealed class StoredFiguresRobustnessOnPostgresTests(PostgresWebTestHost host) : StoredFiguresRobustnessTests(host), IClassFixture<PostgresWebTestHost>;
