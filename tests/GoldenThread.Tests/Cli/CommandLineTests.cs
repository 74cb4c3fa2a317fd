using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;

namespace GoldenThread.Tests.Cli;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData]
    [InlineData("import")]
    [InlineData("scorecard")]
    [InlineData("returns")]
    [InlineData("migrate")]
    public async Task Help_OnProgramAndEveryCommand_DescribesIt(params string[] command)
    {
        var result = await CliRunner.RunAsync([.. command, "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Out, StringComparison.Ordinal);
        Assert.Contains("--database", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scorecard_WithBadPeriod_SaysWhatAPeriodLooksLike()
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var result = await CliRunner.RunAsync("--database", database.ConnectionString, "scorecard", "--period", "2008-Q2");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'2008-Q2' is not a period code", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scorecard_WithUnknownArea_NamesIt()
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var result = await CliRunner.RunAsync("--database", database.ConnectionString, "scorecard", "--period", "2008-09-Q2", "--area", "NOWHERE");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no area with the code 'NOWHERE'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scorecard_WithUnknownFormat_IsRefused()
    {
        var result = await CliRunner.RunAsync("scorecard", "--period", "2008-09-Q2", "--format", "xml");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("xml", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Database_FromEnvironmentVariable_IsUsedWhenNoOptionIsGiven()
    {
        var file = Path.Combine(TestFolders.Create("env-"), "env.db");
        var environment = new Dictionary<string, string?> { [Database.EnvironmentVariable] = file };

        var result = await CliRunner.RunAsync(environment, "migrate");

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(file));
        Assert.Contains(file, result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scorecard_CsvAndTable_CarryTheSameEntriesAsJson()
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var bundle = new TestBundle()
            .Area("A")
            .Indicator("NI 1")
            .Target("NI 1", "A", "2008-09", "95").Value("NI 1", "A", "2008-09-Q1", actual: "80", projected: "85");
        await CliRunner.RunAsync("--database", database.ConnectionString, "import", bundle.Write());

        var csv = await CliRunner.RunAsync("--database", database.ConnectionString, "scorecard", "--period", "2008-09-Q1", "--format", "csv");
        var table = await CliRunner.RunAsync("--database", database.ConnectionString, "scorecard", "--period", "2008-09-Q1");

        var lines = csv.Out.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(
            "indicator,area,period,actual,period_target,current_target,projected_outturn,pvt,status,trend,trend_periods,direction_of_travel,exception_required,off_trajectory,ladder_stage,final",
            lines[0]);
        Assert.Equal("NI 1,A,2008-09-Q1,80,,95,85,-10.53,red,none,0,none,red,true,1,false", lines[1]);
        Assert.Contains("NI 1", table.Out, StringComparison.Ordinal);
        Assert.Contains("Red", table.Out, StringComparison.Ordinal);
        Assert.Contains("-10.53", table.Out, StringComparison.Ordinal);
    }
}
