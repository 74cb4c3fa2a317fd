using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;

namespace GoldenThread.Tests.Scorecard;

/// <summary>
/// The whole path a council's data takes: a bundle is imported with the command line, and
/// <c>scorecard --format json</c> gives what assessment.md defines. Every test runs on SQLite and PostgreSQL.
/// </summary>
public sealed class ScorecardRulesTests
{
    [Theory, BothDatabases]
    public async Task Scorecard_SeedExamples_GivePvtAndRag(DatabaseProvider provider)
    {
        var bundle = new TestBundle()
            .Area("A")
            .Indicator("NI 1")
            .Indicator("NI 2")
            .Target("NI 1", "A", "2008-09", "95").Value("NI 1", "A", "2008-09-Q1", actual: "80", projected: "85")
            .Target("NI 2", "A", "2008-09", "95").Value("NI 2", "A", "2008-09-Q1", actual: "100", projected: "110");

        var scorecard = await ImportAndScoreAsync(provider, bundle, "2008-09-Q1");

        var red = scorecard.Entry("NI 1", "A");
        EntryAssert.Number(red, "pvt", -10.53m);
        EntryAssert.Number(red, "actual", 80m);
        EntryAssert.Number(red, "current_target", 95m);
        EntryAssert.Number(red, "period_target", null);
        EntryAssert.Number(red, "projected_outturn", 85m);
        EntryAssert.Judgement(red, "red", "none", 0, "none", "red", offTrajectory: true, ladderStage: 1);
        var strong = scorecard.Entry("NI 2", "A");
        EntryAssert.Number(strong, "pvt", 15.79m);
        EntryAssert.Judgement(strong, "strong_green", "none", 0, "none", "strong_green", offTrajectory: false, ladderStage: 0);
    }

    [Theory, BothDatabases]
    public async Task Scorecard_LowerIsBetterWithNegativeTarget_MirrorsPvt(DatabaseProvider provider)
    {
        var bundle = new TestBundle()
            .Area("A")
            .Indicator("CUT", polarity: "lower", unit: "percent_change")
            .Target("CUT", "A", "2008-09", "-5").Value("CUT", "A", "2008-09-Q1", projected: "-3");

        var entry = (await ImportAndScoreAsync(provider, bundle, "2008-09-Q1")).Entry("CUT", "A");

        EntryAssert.Number(entry, "pvt", -40m);
        EntryAssert.Text(entry, "status", "red");
    }

    [Theory, BothDatabases]
    public async Task Scorecard_ZeroTarget_IsGreenWhenMetAndRedOtherwise(DatabaseProvider provider)
    {
        var bundle = new TestBundle()
            .Area("A").Area("B")
            .Indicator("DEATHS", polarity: "lower", decimals: 0)
            .Target("DEATHS", "A", "2008-09", "0").Value("DEATHS", "A", "2008-09-Q1", projected: "0")
            .Target("DEATHS", "B", "2008-09", "0").Value("DEATHS", "B", "2008-09-Q1", projected: "1");

        var scorecard = await ImportAndScoreAsync(provider, bundle, "2008-09-Q1");

        EntryAssert.Number(scorecard.Entry("DEATHS", "A"), "pvt", null);
        EntryAssert.Text(scorecard.Entry("DEATHS", "A"), "status", "green");
        EntryAssert.Number(scorecard.Entry("DEATHS", "B"), "pvt", null);
        EntryAssert.Text(scorecard.Entry("DEATHS", "B"), "status", "red");
    }

    [Theory, BothDatabases]
    public async Task Scorecard_ToleranceOverrides_MoveTheBands(DatabaseProvider provider)
    {
        var bundle = new TestBundle()
            .Area("A").Area("B")
            .Indicator("TIGHT", amber: "5", strongGreen: "20")
            .Target("TIGHT", "A", "2008-09", "100").Value("TIGHT", "A", "2008-09-Q1", projected: "94")
            .Target("TIGHT", "B", "2008-09", "100").Value("TIGHT", "B", "2008-09-Q1", projected: "115");

        var scorecard = await ImportAndScoreAsync(provider, bundle, "2008-09-Q1");

        EntryAssert.Text(scorecard.Entry("TIGHT", "A"), "status", "red");
        EntryAssert.Text(scorecard.Entry("TIGHT", "B"), "status", "green");
    }

    [Theory, BothDatabases]
    public async Task Scorecard_CumulativeWithMissedProfile_IsGreenButOffTrajectory(DatabaseProvider provider)
    {
        var bundle = new TestBundle()
            .Area("A")
            .Indicator("HOMES", accumulation: "cumulative", decimals: 0)
            .Target("HOMES", "A", "2008-09", "500").Target("HOMES", "A", "2008-09-Q3", "380")
            .Value("HOMES", "A", "2007-08", actual: "400")
            .Value("HOMES", "A", "2008-09-Q1", actual: "100", projected: "480")
            .Value("HOMES", "A", "2008-09-Q2", actual: "230", projected: "500")
            .Value("HOMES", "A", "2008-09-Q3", actual: "350", projected: "520");

        var entry = (await ImportAndScoreAsync(provider, bundle, "2008-09-Q3")).Entry("HOMES", "A");

        EntryAssert.Number(entry, "pvt", 4m);
        EntryAssert.Number(entry, "period_target", 380m);
        EntryAssert.Judgement(entry, "green", "improving", 3, "none", null, offTrajectory: true, ladderStage: 1);
    }

    [Theory, BothDatabases]
    public async Task Scorecard_AnnualIndicatorAtQuarter_UsesProjectionAndYearlyActuals(DatabaseProvider provider)
    {
        var bundle = new TestBundle()
            .Area("A")
            .Indicator("EXAMS", frequency: "annual", unit: "percent", min: "0", max: "100")
            .Target("EXAMS", "A", "2008-09", "70")
            .Value("EXAMS", "A", "2006-07", actual: "60")
            .Value("EXAMS", "A", "2007-08", actual: "65")
            .Value("EXAMS", "A", "2008-09-Q2", projected: "72");

        var entry = (await ImportAndScoreAsync(provider, bundle, "2008-09-Q2")).Entry("EXAMS", "A");

        EntryAssert.Number(entry, "actual", null);
        EntryAssert.Number(entry, "projected_outturn", 72m);
        EntryAssert.Number(entry, "pvt", 2.86m);
        EntryAssert.Judgement(entry, "green", "improving", 1, "improving", null, offTrajectory: false, ladderStage: 0);
    }

    [Theory, BothDatabases]
    public async Task Scorecard_MonthlyIndicatorAtQuarter_UsesLatestMonth(DatabaseProvider provider)
    {
        var bundle = new TestBundle()
            .Area("A")
            .Indicator("CALLS", frequency: "monthly")
            .Target("CALLS", "A", "2008-09", "50")
            .Value("CALLS", "A", "2008-09-M01", actual: "40", projected: "48")
            .Value("CALLS", "A", "2008-09-M02", actual: "42", projected: "49")
            .Value("CALLS", "A", "2008-09-M03", actual: "42", projected: "51");

        var entry = (await ImportAndScoreAsync(provider, bundle, "2008-09-Q1")).Entry("CALLS", "A");

        EntryAssert.Number(entry, "actual", 42m);
        EntryAssert.Number(entry, "projected_outturn", 51m);
        EntryAssert.Number(entry, "pvt", 2m);
        EntryAssert.Judgement(entry, "green", "level", 1, "none", null, offTrajectory: false, ladderStage: 0);
    }

    [Theory, BothDatabases]
    public async Task Scorecard_LadderAcrossYearBoundaryOverMissingQuarter_ReachesStageThree(DatabaseProvider provider)
    {
        var bundle = new TestBundle()
            .Area("A")
            .Indicator("SLIDE")
            .Target("SLIDE", "A", "2008-09", "100").Target("SLIDE", "A", "2009-10", "100")
            .Value("SLIDE", "A", "2008-09-Q3", actual: "96", projected: "95")
            .Value("SLIDE", "A", "2008-09-Q4", actual: "85", projected: "85")
            .Value("SLIDE", "A", "2009-10-Q1")
            .Value("SLIDE", "A", "2009-10-Q2", actual: "91", projected: "92");

        var atQ2 = (await ImportAndScoreAsync(provider, bundle, "2009-10-Q2")).Entry("SLIDE", "A");
        var atQ1 = (await ScoreAsync("2009-10-Q1")).Entry("SLIDE", "A");

        EntryAssert.Judgement(atQ2, "amber", "none", 0, "none", "amber", offTrajectory: true, ladderStage: 3);
        EntryAssert.Judgement(atQ1, "no_data", "none", 0, "none", "no_data", offTrajectory: false, ladderStage: 2);
    }

    [Theory, BothDatabases]
    public async Task Scorecard_MetProfile_ClearsAmberForecast(DatabaseProvider provider)
    {
        var bundle = new TestBundle()
            .Area("A")
            .Indicator("PROFILED")
            .Target("PROFILED", "A", "2008-09", "100").Target("PROFILED", "A", "2008-09-Q1", "20")
            .Value("PROFILED", "A", "2008-09-Q1", actual: "22", projected: "95");

        var entry = (await ImportAndScoreAsync(provider, bundle, "2008-09-Q1")).Entry("PROFILED", "A");

        EntryAssert.Judgement(entry, "amber", "none", 0, "none", "amber", offTrajectory: false, ladderStage: 0);
    }

    [Theory, BothDatabases]
    public async Task Scorecard_MissingProjectionDataOnlyAndNoTarget_HaveTheirOwnStatuses(DatabaseProvider provider)
    {
        var bundle = new TestBundle()
            .Area("A")
            .Indicator("GAP").Indicator("WATCH", polarity: "none").Indicator("NEW")
            .Target("GAP", "A", "2008-09", "10").Value("GAP", "A", "2008-09-Q2", actual: "9")
            .Value("WATCH", "A", "2008-09-Q1", actual: "12").Value("WATCH", "A", "2008-09-Q2", actual: "11")
            .Value("NEW", "A", "2008-09-Q2", actual: "5", projected: "6");

        var scorecard = await ImportAndScoreAsync(provider, bundle, "2008-09-Q2");

        EntryAssert.Judgement(scorecard.Entry("GAP", "A"), "no_data", "none", 0, "none", "no_data", offTrajectory: false, ladderStage: 0);
        EntryAssert.Judgement(scorecard.Entry("WATCH", "A"), "data_only", "down", 1, "none", null, offTrajectory: false, ladderStage: 0);
        EntryAssert.Judgement(scorecard.Entry("NEW", "A"), "no_target", "none", 0, "none", null, offTrajectory: false, ladderStage: 0);
    }

    [Theory, BothDatabases]
    public async Task Scorecard_EntriesAndFilters_FollowTheContract(DatabaseProvider provider)
    {
        var bundle = new TestBundle()
            .Area("COUNTY").Area("D1", parent: "COUNTY").Area("D2", parent: "COUNTY")
            .Body("SAFER")
            .Indicator("NI 20", body: "SAFER").Indicator("NI 195")
            .Target("NI 20", "D2", "2008-09", "10").Target("NI 20", "COUNTY", "2008-09", "10")
            .Value("NI 195", "D1", "2009-10-Q1", actual: "3", projected: "3");

        var all = await ImportAndScoreAsync(provider, bundle, "2008-09-Q1");
        var county = await ScoreAsync("2008-09-Q1", "--area", "COUNTY");
        var safer = await ScoreAsync("2008-09-Q1", "--body", "SAFER");

        Assert.Equal(
            ["NI 195/D1", "NI 20/COUNTY", "NI 20/D2"],
            all.Entries.Select(e => $"{e.GetProperty("indicator").GetString()}/{e.GetProperty("area").GetString()}"));
        Assert.Equal("COUNTY", Assert.Single(county.Entries).GetProperty("area").GetString());
        Assert.All(safer.Entries, e => Assert.Equal("NI 20", e.GetProperty("indicator").GetString()));
        Assert.Equal(2, safer.Entries.Count);
    }

    [Theory, BothDatabases]
    public async Task Scorecard_RowsStoredByAnyWriter_AreAssessedAsImportedOnes(DatabaseProvider provider)
    {
        // Figures written straight into the tables (as the API and the coming returns write them), not imported.
        var data = new TestData(await TestDatabase.CreateAsync(provider));
        var area = await data.CreateAreaAsync();
        var indicator = await data.CreateIndicatorAsync(decimals: 2);
        await data.CreateTargetAsync(indicator, area, "2008-09", 95m);
        await data.CreateValueAsync(indicator, area, "2008-09-Q1", actual: 80m, projectedOutturn: 84.55m);
        _database = data.Database.ConnectionString;

        var entry = (await ScoreAsync("2008-09-Q1")).Entry(indicator.Code, area.Code);

        EntryAssert.Number(entry, "projected_outturn", 84.55m);
        EntryAssert.Number(entry, "pvt", -11m);
        EntryAssert.Text(entry, "status", "red");
    }

    private string? _database;

    private async Task<ScorecardJson> ImportAndScoreAsync(DatabaseProvider provider, TestBundle bundle, string period)
    {
        var database = await TestDatabase.CreateAsync(provider);
        _database = database.ConnectionString;
        var import = await CliRunner.RunAsync("--database", _database, "import", bundle.Write());
        Assert.True(import.ExitCode == 0, import.Error);
        return await ScoreAsync(period);
    }

    private async Task<ScorecardJson> ScoreAsync(string period, params string[] options)
    {
        var result = await CliRunner.RunAsync(["--database", _database!, "scorecard", "--period", period, "--format", "json", .. options]);
        Assert.True(result.ExitCode == 0, result.Error);
        return ScorecardJson.Parse(result.Out);
    }
}
