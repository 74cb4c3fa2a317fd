using CsvHelper;

namespace GoldenThread.Tests.Infrastructure;

/// <summary>
/// Builds an import bundle in a temporary folder, file by file, with sensible defaults, so that a test
/// says only what matters to it: <c>new TestBundle().Indicator("NI 1").Target("NI 1", "A", "2008-09", "95")</c>.
/// </summary>
public sealed class TestBundle
{
    private readonly Dictionary<string, (string[] Header, List<string[]> Rows)> _files = new(StringComparer.Ordinal);

    public TestBundle Area(string code, string? name = null, string? parent = null) =>
        Row("areas.csv", ["code", "name", "parent_code"], [code, name ?? $"Area {code}", parent ?? ""]);

    public TestBundle Organisation(string code, string kind = "council") =>
        Row("organisations.csv", ["code", "name", "kind"], [code, $"Organisation {code}", kind]);

    public TestBundle Body(string code, string kind = "thematic_partnership", string? escalatesTo = null) =>
        Row("bodies.csv", ["code", "name", "kind", "escalates_to"], [code, $"Body {code}", kind, escalatesTo ?? ""]);

    public TestBundle Indicator(
        string code,
        string polarity = "higher",
        string frequency = "quarterly",
        string accumulation = "snapshot",
        int decimals = 1,
        string unit = "number",
        string? body = null,
        string? amber = null,
        string? strongGreen = null,
        string? min = null,
        string? max = null,
        string? frameworks = null) =>
        Row(
            "indicators.csv",
            ["code", "title", "unit", "decimals", "polarity", "frequency", "accumulation", "body_code", "lead_organisation_code", "amber_tolerance", "strong_green_threshold", "min_value", "max_value", "frameworks"],
            [code, $"Indicator {code}", unit, decimals.ToString(System.Globalization.CultureInfo.InvariantCulture), polarity, frequency, accumulation, body ?? "", "", amber ?? "", strongGreen ?? "", min ?? "", max ?? "", frameworks ?? ""]);

    public TestBundle Target(string indicator, string area, string period, string target) =>
        Row("targets.csv", ["indicator_code", "area_code", "period", "target"], [indicator, area, period, target]);

    public TestBundle Value(string indicator, string area, string period, string? actual = null, string? projected = null, string? note = null) =>
        Row("values.csv", ["indicator_code", "area_code", "period", "actual", "projected_outturn", "note"], [indicator, area, period, actual ?? "", projected ?? "", note ?? ""]);

    /// <summary>Adds a row as raw cells under a header of the caller's choosing, for bad-input tests.</summary>
    public TestBundle Row(string file, string[] header, string[] cells)
    {
        if (!_files.TryGetValue(file, out var content))
        {
            content = (header, []);
            _files.Add(file, content);
        }

        content.Rows.Add(cells);
        return this;
    }

    /// <summary>Writes the files (with CsvHelper, so quoting is right) into a new temporary folder and returns its path.</summary>
    public string Write()
    {
        var folder = TestFolders.Create("bundle-");
        foreach (var (file, (header, rows)) in _files)
        {
            using var writer = new StreamWriter(Path.Combine(folder, file));
            using var csv = CsvWriter.Create(writer, new CsvWriterOptions(), false);
            csv.WriteRecord(header);
            foreach (var row in rows)
            {
                csv.WriteRecord(row);
            }
        }

        return folder;
    }
}
