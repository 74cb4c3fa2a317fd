using GoldenThread.Import;

namespace GoldenThread.Tests.Import;

/// <summary>The problem list reports the first thousand problems in reading order and counts the rest.</summary>
public sealed class ProblemListTests
{
    [Fact]
    public void ToFailure_MoreThanTheCap_KeepsTheFirstInReadingOrderAndCountsTheRest()
    {
        var problems = new ProblemList(maxKept: 3);

        // Added out of reading order, as the checks that run at the end of a table do.
        foreach (var line in new long[] { 9, 4, 7, 2, 8, 3 })
        {
            problems.Add(5, line, $"values.csv:{line}", "actual", "bad");
        }

        problems.Add(0, 12, "areas.csv:12", "code", "bad");
        var outcome = problems.ToFailure();

        Assert.Equal(["areas.csv:12", "values.csv:2", "values.csv:3"], outcome.Problems.Select(p => p.Location));
        Assert.Equal((4, 7), (outcome.OmittedProblems, outcome.ProblemCount));
    }

    [Fact]
    public void Read_CsvWithManyBadRows_ReportsTheFirstThousandAndTheCount()
    {
        var lines = new List<string> { Bundles.ValuesHeader };
        lines.AddRange(Enumerable.Range(0, 2500).Select(_ => "NI 195,STAFFS,2008-09-Q1,bad,,"));
        using var folder = new TempFolder().Csv("values.csv", [.. lines]);

        var outcome = BundleReader.Read(folder.Path, Bundles.Stored());

        Assert.Equal(ProblemList.MaxKept, outcome.Problems.Count);
        Assert.Equal("values.csv:2", outcome.Problems[0].Location);
        Assert.Equal("values.csv:502", outcome.Problems[^1].Location); // one problem on line 2, then a bad number and a repeated key on each
        Assert.Equal(2500 + 2499 - 1000, outcome.OmittedProblems);
    }
}
