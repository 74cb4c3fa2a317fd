using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Periods;
using GoldenThread.Scorecard;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;

namespace GoldenThread.Tests.Scorecard;

/// <summary>The scorecard's CSV (shared by the command line and the page's download) and the command line's table.</summary>
public sealed class ScorecardOutputTests
{
    [Fact]
    public async Task WriteCsv_TextThatASpreadsheetWouldRunAsAFormula_IsWrittenAsText_NumbersStayNumbers()
    {
        var period = Period.Parse("2008-09-Q2");
        var assessment = new Assessment(period, -12.5m, null, 11m, 11.8m, -7.27m, Status.Red, Direction.Worsening, 2, Direction.Down, true, 1);
        var scorecard = new ScorecardResult(period, [
            new ScorecardEntry("=HYPERLINK(\"http://evil\")", "-A", assessment),
            new ScorecardEntry("+1", "@B", assessment),
            new ScorecardEntry("\tC", "\rD", assessment),
            new ScorecardEntry("NI 195", "STAFFS", assessment) { Final = true },
        ]);
        using var output = new StringWriter();

        await ScorecardOutput.WriteCsvAsync(scorecard, output, CancellationToken.None);

        var lines = output.ToString().Split("\r\n");
        Assert.Equal("\"'=HYPERLINK(\"\"http://evil\"\")\",\"'-A\",2008-09-Q2,-12.5,,11,11.8,-7.27,red,worsening,2,down,red,true,1,false", lines[1]);
        Assert.Equal("\"'+1\",\"'@B\",2008-09-Q2,-12.5,,11,11.8,-7.27,red,worsening,2,down,red,true,1,false", lines[2]);
        Assert.StartsWith("\"'\tC\",\"'\rD\",", lines[3], StringComparison.Ordinal);
        Assert.Equal("NI 195,STAFFS,2008-09-Q2,-12.5,,11,11.8,-7.27,red,worsening,2,down,red,true,1,true", lines[4]);
    }

    [Fact]
    public async Task Table_ByDefault_FitsEightyColumnsInNaturalOrderAtTheIndicatorsDecimalsWithTheSitesColumnNames()
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var bundle = new TestBundle().Area("WSX").Area("HRT", parent: "WSX")
            .Indicator("NI 109", decimals: 0).Indicator("NI 15", decimals: 2).Indicator("NI 4", decimals: 1)
            .Target("NI 109", "WSX", "2008-09", "95").Value("NI 109", "WSX", "2008-09-Q1", actual: "80", projected: "85")
            .Target("NI 15", "WSX", "2008-09", "14").Value("NI 15", "WSX", "2008-09-Q1", actual: "15.2", projected: "15")
            .Target("NI 15", "HRT", "2008-09", "14").Value("NI 15", "HRT", "2008-09-Q1", actual: "13.125")
            .Value("NI 4", "WSX", "2008-09-Q1", actual: "7");
        var import = await CliRunner.RunAsync("--database", database.ConnectionString, "import", bundle.Write());
        Assert.True(import.ExitCode == 0, import.Error);

        var result = await CliRunner.RunAsync("--database", database.ConnectionString, "scorecard", "--period", "2008-09-Q1");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Split('\n');
        Assert.All(lines, line => Assert.True(line.Length <= 80, $"{line.Length} characters: {line}"));
        var header = Assert.Single(lines, l => l.StartsWith("Indicator", StringComparison.Ordinal));
        Assert.Equal(["Indicator", "Area", "Actual", "Annual target", "PVT %", "Status"], header.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var rows = lines.Where(l => l.StartsWith("NI ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["NI 4 WSX", "NI 15 HRT", "NI 15 WSX", "NI 109 WSX"], rows.Select(r => string.Join(' ', r.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..3])));
        Assert.Contains(" 15.20 ", rows[2], StringComparison.Ordinal);
        Assert.Contains(" 14.00 ", rows[2], StringComparison.Ordinal);
        Assert.Contains(" 13.13 ", rows[1], StringComparison.Ordinal);
        Assert.Contains(" 7.0 ", rows[0], StringComparison.Ordinal);
        Assert.Contains("Add --wide for the rest of the site's columns: projected outturn, trend,\ndirection of travel, exception report and ladder stage.", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Table_Wide_ShowsEveryColumnOfTheSite()
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var bundle = new TestBundle().Area("A").Indicator("NI 1")
            .Target("NI 1", "A", "2008-09", "95").Value("NI 1", "A", "2008-09-Q1", actual: "80", projected: "85");
        await CliRunner.RunAsync("--database", database.ConnectionString, "import", bundle.Write());

        var result = await CliRunner.RunAsync("--database", database.ConnectionString, "scorecard", "--period", "2008-09-Q1", "--wide");

        var header = Assert.Single(result.Out.Split('\n'), l => l.StartsWith("Indicator", StringComparison.Ordinal));
        Assert.Equal(
            ["Indicator", "Area", "Actual", "Annual target", "Projected outturn", "PVT %", "Status", "Trend", "Direction of travel", "Exception report", "Ladder stage"],
            header.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var row = Assert.Single(result.Out.Split('\n'), l => l.StartsWith("NI 1", StringComparison.Ordinal));
        Assert.Equal(["NI 1", "A", "80.0", "95.0", "85.0", "-10.53", "Red", "No trend", "No trend", "Yes", "Stage 1"], row.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
