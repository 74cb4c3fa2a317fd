using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Tests.Scorecard;

namespace GoldenThread.Tests.Demo;

/// <summary>
/// The demonstration partnership must show every judgement the product makes, so that a demonstration
/// (and a newcomer) sees every status, trend, exception and ladder stage at the latest quarter.
/// </summary>
public sealed class DemoBundleTests
{
    private const string LatestQuarter = "2009-10-Q2";

    [Theory, BothDatabases]
    public async Task Demo_AtLatestQuarter_ShowsEveryStatusTrendExceptionAndStage(DatabaseProvider provider)
    {
        var database = await ImportDemoAsync(provider);

        var scorecard = await ScoreAsync(database, LatestQuarter);

        var entries = scorecard.Entries;
        Assert.Equal(
            ["amber", "data_only", "green", "no_data", "no_target", "red", "strong_green"],
            entries.Select(e => e.GetProperty("status").GetString()).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(
            ["down", "improving", "level", "none", "up", "worsening"],
            entries.Select(e => e.GetProperty("trend").GetString()).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(
            ["amber", "no_data", "red", "strong_green"],
            entries.Select(e => e.GetProperty("exception_required").GetString()).OfType<string>().Distinct().Order(StringComparer.Ordinal));
        Assert.Equal([0, 1, 2, 3], entries.Select(e => e.GetProperty("ladder_stage").GetInt32()).Distinct().Order());
    }

    [Theory, BothDatabases]
    public async Task Demo_NI16InTheCounty_ClimbsTheLadderAcrossTheYearEnd(DatabaseProvider provider)
    {
        var database = await ImportDemoAsync(provider);
        string[] quarters = ["2008-09-Q3", "2008-09-Q4", "2009-10-Q1", "2009-10-Q2"];

        var stages = new List<(string Status, int Stage)>();
        foreach (var quarter in quarters)
        {
            var entry = (await ScoreAsync(database, quarter, "--area", "WSX")).Entry("NI 16", "WSX");
            stages.Add((entry.GetProperty("status").GetString()!, entry.GetProperty("ladder_stage").GetInt32()));
        }

        Assert.Equal([("green", 0), ("amber", 1), ("red", 2), ("red", 3)], stages);
    }

    [Fact]
    public async Task Demo_ZeroTargetAndMetProfile_AreJudgedAsTheRulesSay()
    {
        var database = await ImportDemoAsync(DatabaseProvider.Sqlite);

        var scorecard = await ScoreAsync(database, LatestQuarter, "--area", "WSX");

        var zeroTarget = scorecard.Entry("NI 39", "WSX");
        EntryAssert.Number(zeroTarget, "current_target", 0m);
        EntryAssert.Number(zeroTarget, "pvt", null);
        EntryAssert.Text(zeroTarget, "status", "red");
        var profiled = scorecard.Entry("NI 49", "WSX");
        EntryAssert.Text(profiled, "status", "amber");
        Assert.False(profiled.GetProperty("off_trajectory").GetBoolean());
        Assert.Equal(0, profiled.GetProperty("ladder_stage").GetInt32());
    }

    private static async Task<Database> ImportDemoAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var import = await CliRunner.RunAsync("--database", database.ConnectionString, "import", Repository.DemoBundle);
        Assert.True(import.ExitCode == 0, import.Error);
        return database;
    }

    private static async Task<ScorecardJson> ScoreAsync(Database database, string period, params string[] options)
    {
        var result = await CliRunner.RunAsync(["--database", database.ConnectionString, "scorecard", "--period", period, "--format", "json", .. options]);
        Assert.True(result.ExitCode == 0, result.Error);
        return ScorecardJson.Parse(result.Out);
    }
}
