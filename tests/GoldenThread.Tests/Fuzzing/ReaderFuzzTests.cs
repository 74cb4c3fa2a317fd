using System.Text;
using CsCheck;
using GoldenThread.Api;
using GoldenThread.Api.V1;
using GoldenThread.Import;
using GoldenThread.Storage;
using GoldenThread.Tests.Import;
using GoldenThread.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using static GoldenThread.Tests.Import.RawWorkbook;

namespace GoldenThread.Tests.Fuzzing;

/// <summary>
/// The readers of outside input (the import's CSV and workbook readers, the API's JSON body reader) against generated
/// and damaged input: every input ends in a result or in problems, never an unhandled exception, and a refused import
/// changes nothing. Bounded: fixed iteration counts on one thread, a few seconds in all. CsCheck prints the seed of a
/// failing case; set CsCheck_Seed to it to replay the case.
/// </summary>
public sealed class ReaderFuzzTests
{
    private const string CsvSpecial = ",\"\r\n.-;% \t";
    private const string XmlSpecial = "<>/=\"'&;#rcvtsi0123456789 ";
    private const string JsonSpecial = "{}[]\":,.-+eE0123456789nul\\ ";

    private static readonly string[] BundleFiles = ["areas.csv", "organisations.csv", "bodies.csv", "indicators.csv", "targets.csv", "values.csv"];

    [Fact]
    public void CsvReader_DamagedBundles_EndInABundleOrProblems()
    {
        using var good = new TempFolder().Valid();
        var files = BundleFiles.Select(f => File.ReadAllBytes(good.File(f))).ToArray();
        using var folder = new TempFolder();

        Gen.Select(Gen.Int[0, BundleFiles.Length - 1], Mutations.Of(CsvSpecial)).Sample(
            (file, mutations) =>
            {
                for (var i = 0; i < files.Length; i++)
                {
                    File.WriteAllBytes(folder.File(BundleFiles[i]), i == file ? Mutations.Apply(files[i], mutations) : files[i]);
                }

                AssertOutcome(BundleReader.Read(folder.Path, new TestCatalogue()));
            },
            iter: 200,
            threads: 1);
    }

    [Fact]
    public void CsvReader_GeneratedRows_EndInABundleOrProblems()
    {
        using var folder = new TempFolder();
        var cell = Gen.Frequency(
            (3, Gen.OneOf("NI 195", "STAFFS", "2008-09-Q2", "2008-09", "12.5", "-1", ".5", "6.", "", "x", "1e3", "\"a,b\"", "99999999999999999999999999999")),
            (1, Gen.String[Gen.Char[" ,\"\r\n.-0123456789abcQ"], 0, 12]));
        var row = cell.Array[0, 8].Select(cells => string.Join(',', cells));

        row.Array[0, 20].Sample(
            rows =>
            {
                File.WriteAllText(folder.File("values.csv"), Bundles.ValuesHeader + "\n" + string.Join('\n', rows), new UTF8Encoding(false));
                AssertOutcome(BundleReader.Read(folder.Path, Bundles.Stored()));
            },
            iter: 200,
            threads: 1);
    }

    [Fact]
    public void WorkbookReader_DamagedPackages_EndInABundleOrProblems()
    {
        using var good = new TempFolder();
        var bytes = File.ReadAllBytes(GoodWorkbook(good.File("bundle.xlsx")).Path);
        using var folder = new TempFolder();
        var path = folder.File("bundle.xlsx");

        Mutations.Of(string.Empty + (char)0 + (char)0xFF + "PK", most: 4).Sample(
            mutations =>
            {
                File.WriteAllBytes(path, Mutations.Apply(bytes, mutations));
                AssertOutcome(BundleReader.Read(path, new TestCatalogue()));
            },
            iter: 150,
            threads: 1);
    }

    [Fact]
    public void WorkbookReader_DamagedXmlParts_EndInABundleOrProblems()
    {
        var parts = GoodParts();
        using var folder = new TempFolder();
        var path = folder.File("bundle.xlsx");

        Gen.Select(Gen.Int[0, parts.Length - 1], Mutations.Of(XmlSpecial)).Sample(
            (part, mutations) =>
            {
                var damaged = parts.Select((p, i) => i == part ? Mutations.Apply(p, mutations) : p).ToArray();
                File.Delete(path);
                Write(path, damaged[0], ("areas", damaged[1]), ("indicators", damaged[2]), ("values", damaged[3]));
                AssertOutcome(BundleReader.Read(path, new TestCatalogue()));
            },
            iter: 120,
            threads: 1);
    }

    [Fact]
    public async Task ApiBodyReader_DamagedAndGeneratedBodies_EndInAFigureOrAProblem()
    {
        var options = new System.Text.Json.JsonSerializerOptions();
        ApiJson.Configure(options);
        string[] bodies =
        [
            "{\"actual\": 12.5, \"projected_outturn\": null, \"note\": \"as reported\"}",
            "{\"actual\": -0.125}",
            "{\"projected_outturn\": 79228162514264337593543950335, \"note\": null}",
            "{\"note\": \"\\u00e9\\ud83d\\ude00\"}",
            "{}",
        ];
        var damaged = Gen.Select(Gen.Int[0, bodies.Length - 1], Mutations.Of(JsonSpecial))
            .Select((body, mutations) => Mutations.Apply(Encoding.UTF8.GetBytes(bodies[body]), mutations));
        var generated = Gen.String[Gen.Char[JsonSpecial + "actualprojected_outturnote\u00e9\ud800"], 0, 60].Select(Encoding.UTF8.GetBytes);

        await Gen.Frequency((3, damaged), (1, generated), (1, Gen.Byte.Array[0, 40])).SampleAsync(
            async body =>
            {
                var context = new DefaultHttpContext();
                context.Request.ContentType = "application/json";
                context.Request.Body = new MemoryStream(body);

                var (figure, problem) = await SubmitFigure.ReadBodyAsync(context.Request, options, CancellationToken.None);

                Assert.True(figure is null != problem is null, "a body is read as a figure or refused with a problem, not both or neither");
            },
            iter: 1000,
            threads: 1);
    }

    [Theory]
    [InlineData("{\"]\": 1}")]
    [InlineData("{\"]]]\": 1}")]
    [InlineData("{\"']\": 1}")]
    public async Task ApiBodyReader_PropertyNamedWithABracket_IsAProblemNotAServerError(string body)
    {
        // Found by the fuzzing test above: the path of such a property, $[']'], broke the search for its name.
        var options = new System.Text.Json.JsonSerializerOptions();
        ApiJson.Configure(options);
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));

        var (figure, problem) = await SubmitFigure.ReadBodyAsync(context.Request, options, CancellationToken.None);

        Assert.Null(figure);
        Assert.NotNull(problem);
    }

    [Theory, BothDatabases]
    public async Task Import_RefusedDamagedBundles_ChangeNothingInTheDatabase(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        using var good = new TempFolder().Valid();
        var first = await CliRunner.RunAsync("--database", database.ConnectionString, "import", good.Path);
        Assert.True(first.ExitCode == 0, first.Error);

        // Corrections of every kind of row: imported whole, they would change what is stored.
        var correction = new TestBundle()
            .Area("STAFFS", "Staffordshire County").Area("MOORLANDS", "Moorlands", parent: "STAFFS")
            .Indicator("NI 195", decimals: 2, frameworks: "LAA")
            .Target("NI 195", "STAFFS", "2008-09", "10").Value("NI 195", "STAFFS", "2008-09-Q2", actual: "13", projected: "12", note: "revised");
        var folder = correction.Write();
        var files = Directory.GetFiles(folder).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);
        var names = files.Keys.Order(StringComparer.Ordinal).ToArray();
        var refused = 0;

        await Gen.Select(Gen.Int[0, names.Length - 1], Mutations.Of(CsvSpecial)).SampleAsync(
            async (file, mutations) =>
            {
                var before = await SnapshotAsync(database);
                foreach (var name in names)
                {
                    File.WriteAllBytes(Path.Combine(folder, name), name == names[file] ? Mutations.Apply(files[name], mutations) : files[name]);
                }

                // A row cut short, always refused, so that every run checks a refusal.
                File.AppendAllText(Path.Combine(folder, "values.csv"), "\nNI 195,STAFFS,2008-09-Q3,1\n");

                var result = await CliRunner.RunAsync("--database", database.ConnectionString, "import", folder);

                Assert.Equal(1, result.ExitCode);
                Assert.Contains("nothing was imported", result.Error, StringComparison.Ordinal);
                Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
                Assert.Equal(before, await SnapshotAsync(database));
                refused++;
            },
            iter: 6,
            threads: 1);

        Assert.Equal(6, refused);
    }

    private static void AssertOutcome(ImportOutcome outcome) =>
        Assert.True(outcome.Succeeded != (outcome.Problems.Count > 0), "an import ends in a bundle or in problems, not both or neither");

    private static WrittenWorkbook GoodWorkbook(string path)
    {
        var parts = GoodParts();
        return Write(path, parts[0], ("areas", parts[1]), ("indicators", parts[2]), ("values", parts[3]));
    }

    /// <summary>The parts of a good workbook: shared strings, then the areas, indicators and values sheets.</summary>
    private static byte[][] GoodParts()
    {
        var shared = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"{MainNamespace}\" count=\"3\" uniqueCount=\"3\"><si><t>code</t></si><si><t>name</t></si><si><r><t>Staff</t></r><r><t>ordshire</t></r></si></sst>";
        var areas = Sheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
            + $"<row r=\"2\">{Text("A2", "STAFFS")}<c r=\"B2\" t=\"s\"><v>2</v></c></row>" + TextRow(3, "MOORLANDS", "Moorlands"));
        var indicators = Sheet(TextRow(1, "code", "title", "unit", "decimals", "polarity", "frequency", "accumulation", "amber_tolerance", "min_value", "max_value")
            + $"<row r=\"2\">{Text("A2", "NI 195")}{Text("B2", "Street cleanliness")}{Text("C2", "percent")}{Number("D2", "1")}{Text("E2", "lower")}{Text("F2", "quarterly")}{Text("G2", "snapshot")}{Number("H2", "0.05", Percent)}{Number("I2", "0")}{Number("J2", "100")}</row>");
        var values = Sheet(TextRow(1, "indicator_code", "area_code", "period", "actual", "projected_outturn", "note")
            + $"<row r=\"2\">{Text("A2", "NI 195")}{Text("B2", "STAFFS")}{Text("C2", "2008-09-Q2")}{Number("D2", "12.5")}<c r=\"E2\"><f>D2-1</f><v>11.5</v></c>{Text("F2", "as reported")}</row>"
            + $"<row r=\"3\">{Text("A3", "NI 195")}{Text("B3", "MOORLANDS")}{Text("C3", "2008-09-Q2")}{Number("D3", "1.5E1")}</row>");
        return [.. new[] { shared, areas, indicators, values }.Select(Encoding.UTF8.GetBytes)];
    }

    /// <summary>Everything the import writes, as text, to compare before and after.</summary>
    private static async Task<string> SnapshotAsync(Database database)
    {
        await using var db = database.Open();
        var lines = new List<string>();
        lines.AddRange((await db.Areas.Select(a => new { a.Id, a.Code, a.Name, a.ParentId }).ToListAsync()).Select(a => $"area {a}"));
        lines.AddRange((await db.Organisations.Select(o => new { o.Id, o.Code, o.Name }).ToListAsync()).Select(o => $"organisation {o}"));
        lines.AddRange((await db.Bodies.Select(b => new { b.Id, b.Code, b.Name, b.Kind, b.EscalatesToId }).ToListAsync()).Select(b => $"body {b}"));
        lines.AddRange((await db.Indicators.Select(i => new { i.Id, i.Code, i.Title, i.Unit, i.Decimals, i.Polarity, i.Frequency, i.BodyId, i.AmberTolerance, i.MinValue, i.MaxValue }).ToListAsync()).Select(i => $"indicator {i}"));
        lines.AddRange((await db.IndicatorFrameworks.Select(f => new { f.IndicatorId, f.Tag }).ToListAsync()).Select(f => $"framework {f}"));
        lines.AddRange((await db.Targets.Select(t => new { t.IndicatorId, t.AreaId, t.Period, t.Value }).ToListAsync()).Select(t => $"target {t}"));
        lines.AddRange((await db.Values.Select(v => new { v.IndicatorId, v.AreaId, v.Period, v.Actual, v.ProjectedOutturn, v.Note }).ToListAsync()).Select(v => $"value {v}"));
        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }
}
