using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;

namespace GoldenThread.Tests.Cli;

/// <summary>Import is all or nothing: a bad bundle is refused whole with a message for every bad row.</summary>
public sealed class ImportCommandTests
{
    [Theory, BothDatabases]
    public async Task Import_GoodBundle_PrintsOneLineOfCounts(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var bundle = new TestBundle()
            .Area("A").Area("B", parent: "A")
            .Organisation("POLICE", "police")
            .Body("EXEC", "executive_board").Body("SAFER", escalatesTo: "EXEC")
            .Indicator("NI 1", body: "SAFER", frameworks: "NIS;LAA")
            .Target("NI 1", "A", "2008-09", "95")
            .Value("NI 1", "A", "2008-09-Q1", actual: "80", projected: "85", note: "Early figure, \"provisional\", to be confirmed");

        var result = await CliRunner.RunAsync("--database", database.ConnectionString, "import", bundle.Write());

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("Imported 8 rows: 2 areas, 1 organisations, 2 bodies, 1 indicators, 1 targets, 1 values.", result.Out.Trim());
    }

    [Theory, BothDatabases]
    public async Task Import_SameRowsAgain_UpsertsOnTheirKeys(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var first = new TestBundle()
            .Area("A").Indicator("NI 1")
            .Target("NI 1", "A", "2008-09", "95").Value("NI 1", "A", "2008-09-Q1", actual: "80", projected: "85");
        var correction = new TestBundle()
            .Target("NI 1", "A", "2008-09", "90").Value("NI 1", "A", "2008-09-Q1", actual: "81", projected: "100");

        await CliRunner.RunAsync("--database", database.ConnectionString, "import", first.Write());
        var second = await CliRunner.RunAsync("--database", database.ConnectionString, "import", correction.Write());
        var scorecard = await CliRunner.RunAsync("--database", database.ConnectionString, "scorecard", "--period", "2008-09-Q1", "--format", "json");

        Assert.True(second.ExitCode == 0, second.Error);
        var entry = Assert.Single(Scorecard.ScorecardJson.Parse(scorecard.Out).Entries);
        Scorecard.EntryAssert.Number(entry, "current_target", 90m);
        Scorecard.EntryAssert.Number(entry, "actual", 81m);
        Scorecard.EntryAssert.Text(entry, "status", "strong_green");
    }

    [Theory, BothDatabases]
    public async Task Import_BadBundle_IsRefusedWholeWithEveryProblemAndChangesNothing(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var good = new TestBundle()
            .Area("A").Indicator("NI 1", unit: "percent", min: "0", max: "100")
            .Target("NI 1", "A", "2008-09", "95").Value("NI 1", "A", "2008-09-Q1", actual: "80", projected: "85");
        await CliRunner.RunAsync("--database", database.ConnectionString, "import", good.Write());
        var before = await CliRunner.RunAsync("--database", database.ConnectionString, "scorecard", "--period", "2008-09-Q1", "--format", "json");
        var bad = new TestBundle()
            .Area("B")
            .Value("NI 1", "A", "2008-09-Q1", actual: "70", projected: "75")
            .Value("NI 1", "A", "2008-09-Q2", actual: "12,5")
            .Value("NI 9", "A", "2008-09-Q2", actual: "1")
            .Value("NI 1", "B", "2008-09-Q5", actual: "1")
            .Value("NI 1", "A", "2008-09-Q3", projected: "101");

        var result = await CliRunner.RunAsync("--database", database.ConnectionString, "import", bad.Write());
        var after = await CliRunner.RunAsync("--database", database.ConnectionString, "scorecard", "--period", "2008-09-Q1", "--format", "json");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Out);
        var problems = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(problems, p => p.StartsWith("values.csv:3: actual: ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("values.csv:4: indicator_code: ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("values.csv:5: period: ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("values.csv:6: projected_outturn: ", StringComparison.Ordinal));
        Assert.Contains("nothing was imported", result.Error, StringComparison.Ordinal);
        Assert.Equal(before.Out, after.Out);
        var areas = await CliRunner.RunAsync("--database", database.ConnectionString, "scorecard", "--period", "2008-09-Q1", "--area", "B");
        Assert.Contains("no area with the code 'B'", areas.Error, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task Import_DamagedWorkbook_IsOneMessageNamingThePartExit1AndNothingWritten(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        using var folder = new GoldenThread.Tests.Import.TempFolder();
        var sheet = GoldenThread.Tests.Import.RawWorkbook.Sheet(
            GoldenThread.Tests.Import.RawWorkbook.TextRow(1, "code", "name") + GoldenThread.Tests.Import.RawWorkbook.TextRow(2, "STAFFS", "Staffordshire"));
        var workbook = GoldenThread.Tests.Import.RawWorkbook.Write(
            folder.File("bundle.xlsx"), null, ("areas", System.Text.Encoding.UTF8.GetBytes(sheet)), ("values", System.Text.Encoding.UTF8.GetBytes(sheet[..^40])));

        var result = await CliRunner.RunAsync("--database", database.ConnectionString, "import", workbook.Path);
        var scorecard = await CliRunner.RunAsync("--database", database.ConnectionString, "scorecard", "--period", "2008-09-Q1", "--area", "STAFFS");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Out);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"{workbook.Path}: {workbook.SheetParts[1]} (sheet 'values'): the workbook cannot be read: ", lines[0], StringComparison.Ordinal);
        Assert.Equal("1 problem(s) found; nothing was imported.", lines[1]);
        Assert.Contains("no area with the code 'STAFFS'", scorecard.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ThousandsOfProblems_ListsTheFirstThousandAndCountsTheRest()
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var bundle = new TestBundle().Area("A").Indicator("NI 1");
        for (var i = 0; i < 1500; i++)
        {
            bundle.Value("NI 1", "A", "2008-09-Q1", actual: "x");
        }

        var result = await CliRunner.RunAsync("--database", database.ConnectionString, "import", bundle.Write());

        Assert.Equal(1, result.ExitCode);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1002, lines.Length);
        Assert.StartsWith("... and 1999 more problem(s) after these, not listed", lines[^2], StringComparison.Ordinal);
        Assert.Equal("2999 problem(s) found; nothing was imported.", lines[^1]);
    }

    [Fact]
    public async Task Import_MissingPath_SaysSo()
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var result = await CliRunner.RunAsync("--database", database.ConnectionString, "import", "/nonexistent/bundle");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("/nonexistent/bundle", result.Error, StringComparison.Ordinal);
    }
}
