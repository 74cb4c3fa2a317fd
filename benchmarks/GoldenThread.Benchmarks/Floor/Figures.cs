using System.Globalization;

namespace GoldenThread.Benchmarks.Floor;

/// <summary>
/// Timings gathered over several runs, reported as the median with the range, and the rows per second at the median.
/// With a TSV path, each figure is also appended as <c>name, median s, min s, max s, runs, rows</c> for the script.
/// </summary>
internal sealed class Figures(TextWriter output, string? tsvPath)
{
    private readonly List<(string Name, List<double> Seconds, long Rows)> _figures = [];

    public void Add(string name, TimeSpan elapsed, long rows)
    {
        var index = _figures.FindIndex(f => f.Name == name);
        if (index < 0)
        {
            _figures.Add((name, [elapsed.TotalSeconds], rows));
        }
        else
        {
            _figures[index].Seconds.Add(elapsed.TotalSeconds);
        }
    }

    public void Report()
    {
        using var tsv = tsvPath is null ? null : new StreamWriter(tsvPath, append: true);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"figure",-34} {"median s",9} {"min s",8} {"max s",8} {"runs",4} {"rows",10} {"rows/s",11}"));
        foreach (var (name, seconds, rows) in _figures)
        {
            var sorted = seconds.Order().ToList();
            var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
            var perSecond = rows > 0 && median > 0 ? rows / median : 0;
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{name,-34} {median,9:F3} {sorted[0],8:F3} {sorted[^1],8:F3} {sorted.Count,4} {rows,10:N0} {perSecond,11:N0}"));
            tsv?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}\t{median:F4}\t{sorted[0]:F4}\t{sorted[^1]:F4}\t{sorted.Count}\t{rows}"));
        }
    }
}
