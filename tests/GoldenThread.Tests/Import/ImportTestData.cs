using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GoldenThread.Domain.Indicators;
using GoldenThread.Import;

namespace GoldenThread.Tests.Import;

/// <summary>A temporary folder holding one test's bundle, deleted when the test ends.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("gt-import-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes a CSV file line by line, exactly as given (UTF-8, no BOM, LF line ends).</summary>
    public TempFolder Csv(string name, params string[] lines)
    {
        System.IO.File.WriteAllText(File(name), string.Join('\n', lines) + "\n", new UTF8Encoding(false));
        return this;
    }

    public TempFolder Bytes(string name, byte[] bytes)
    {
        System.IO.File.WriteAllBytes(File(name), bytes);
        return this;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}

/// <summary>The headers of the bundle files and a small valid bundle that tests start from.</summary>
internal static class Bundles
{
    public const string AreasHeader = "code,name,parent_code";
    public const string OrganisationsHeader = "code,name,kind";
    public const string BodiesHeader = "code,name,kind,escalates_to";
    public const string IndicatorsHeader = "code,title,unit,decimals,polarity,frequency,accumulation,body_code,lead_organisation_code,amber_tolerance,strong_green_threshold,min_value,max_value,frameworks";
    public const string TargetsHeader = "indicator_code,area_code,period,target";
    public const string ValuesHeader = "indicator_code,area_code,period,actual,projected_outturn,note";

    /// <summary>A whole partnership: every file, with references between them and nothing wrong.</summary>
    public static TempFolder Valid(this TempFolder folder) => folder
        .Csv("areas.csv", AreasHeader, "STAFFS,Staffordshire,", "MOORLANDS,Staffordshire Moorlands,STAFFS")
        .Csv("organisations.csv", OrganisationsHeader, "SCC,Staffordshire County Council,council", "POLICE,Staffordshire Police,police")
        .Csv("bodies.csv", BodiesHeader, "LSP,Staffordshire Partnership,lsp,", "SAFER,Safer Communities,thematic_partnership,LSP")
        .Csv(
            "indicators.csv",
            IndicatorsHeader,
            "NI 195,Street cleanliness,percent,1,lower,quarterly,snapshot,SAFER,SCC,5,15,0,100,NIS;LAA",
            "NI 154,Net additional homes,number,0,higher,annual,cumulative,,,,,,,")
        .Csv("targets.csv", TargetsHeader, "NI 195,STAFFS,2008-09,11", "NI 195,STAFFS,2008-09-Q2,12.0", "NI 154,MOORLANDS,2008-09,1200")
        .Csv(
            "values.csv",
            ValuesHeader,
            "NI 195,STAFFS,2008-09-Q2,12.5,11.8,",
            "NI 154,MOORLANDS,2008-09-Q2,,600,half way",
            "NI 154,MOORLANDS,2008-09,1190,,");

    /// <summary>What the database holds in the tests of single files: areas, indicators of each frequency, a body and an organisation.</summary>
    public static TestCatalogue Stored() => new TestCatalogue()
        .Area("STAFFS", "MOORLANDS")
        .Organisation("SCC")
        .Body("LSP")
        .Indicator("NI 195", Frequency.Quarterly, 0, 100)
        .Indicator("NI 154", Frequency.Annual)
        .Indicator("NI 8", Frequency.Monthly, min: 0)
        .Indicator("NI 59", Frequency.HalfYearly, max: 100);
}

/// <summary>What the database already holds, in memory, counting the questions asked of it.</summary>
internal sealed class TestCatalogue : ICatalogue
{
    private readonly HashSet<string> _areas = new(StringComparer.Ordinal);
    private readonly HashSet<string> _organisations = new(StringComparer.Ordinal);
    private readonly HashSet<string> _bodies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KnownIndicator> _indicators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KnownPerson> _people = new(StringComparer.OrdinalIgnoreCase);

    public int Lookups { get; private set; }

    public TestCatalogue Area(params string[] codes)
    {
        _areas.UnionWith(codes);
        return this;
    }

    public TestCatalogue Organisation(params string[] codes)
    {
        _organisations.UnionWith(codes);
        return this;
    }

    public TestCatalogue Body(params string[] codes)
    {
        _bodies.UnionWith(codes);
        return this;
    }

    public TestCatalogue Indicator(string code, Frequency frequency, decimal? min = null, decimal? max = null)
    {
        _indicators[code] = new KnownIndicator(code, frequency, min, max);
        return this;
    }

    public TestCatalogue Person(string email, bool active = true)
    {
        _people[email] = active ? KnownPerson.Active : KnownPerson.Deactivated;
        return this;
    }

    public KnownPerson FindPerson(string email) => _people.GetValueOrDefault(email, KnownPerson.Unknown);

    public bool HasArea(string code) => Ask(_areas.Contains(code));

    public bool HasOrganisation(string code) => Ask(_organisations.Contains(code));

    public bool HasBody(string code) => Ask(_bodies.Contains(code));

    public KnownIndicator? FindIndicator(string code)
    {
        Lookups++;
        return _indicators.GetValueOrDefault(code);
    }

    private bool Ask(bool answer)
    {
        Lookups++;
        return answer;
    }
}

/// <summary>A sheet of a test workbook: rows by their sheet row number, cells from column A.</summary>
internal sealed record TestSheet(string Name, params TestRow[] Rows)
{
    /// <summary>A sheet whose rows are numbered 1, 2, 3... in the order given.</summary>
    public static TestSheet Of(string name, params object?[][] rows) =>
        new(name, rows.Select((cells, i) => new TestRow((uint)(i + 1), cells)).ToArray());
}

/// <summary>
/// One row of a test sheet. A cell is a string (stored as Excel does, in the shared string table), an
/// <see cref="Inline"/> string, a <see cref="Number"/> (the exact text of a numeric cell), a decimal, int or bool, or null for no cell.
/// </summary>
internal sealed record TestRow(uint Number, params object?[] Cells);

internal sealed record Inline(string Text);

internal sealed record Number(string Text);

/// <summary>Writes .xlsx workbooks with the Open XML SDK, for the reader to read back.</summary>
internal static class TestWorkbook
{
    public static string Write(string path, params TestSheet[] sheets)
    {
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        var sharedPart = workbook.AddNewPart<SharedStringTablePart>();
        var shared = new List<string>();
        var sheetList = new Sheets();
        uint sheetId = 1;
        foreach (var sheet in sheets)
        {
            var part = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            foreach (var row in sheet.Rows)
            {
                var xmlRow = new Row { RowIndex = row.Number };
                for (var column = 0; column < row.Cells.Length; column++)
                {
                    if (Cell(row.Cells[column], $"{ColumnName(column)}{row.Number}", shared) is { } cell)
                    {
                        xmlRow.Append(cell);
                    }
                }

                data.Append(xmlRow);
            }

            part.Worksheet = new Worksheet(data);
            sheetList.Append(new Sheet { Name = sheet.Name, SheetId = sheetId++, Id = workbook.GetIdOfPart(part) });
        }

        sharedPart.SharedStringTable = new SharedStringTable(shared.Select(s => new SharedStringItem(new Text(s) { Space = SpaceProcessingModeValues.Preserve })));
        workbook.Workbook.Append(sheetList);
        return path;
    }

    private static Cell? Cell(object? value, string reference, List<string> shared) => value switch
    {
        null => null,
        string text => new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(SharedIndex(shared, text)) },
        Inline inline => new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(inline.Text)) },
        Number number => new Cell { CellReference = reference, CellValue = new CellValue(number.Text) },
        decimal d => new Cell { CellReference = reference, CellValue = new CellValue(d) },
        int i => new Cell { CellReference = reference, CellValue = new CellValue(i) },
        bool b => new Cell { CellReference = reference, DataType = CellValues.Boolean, CellValue = new CellValue(b ? "1" : "0") },
        _ => throw new ArgumentException($"No cell for {value.GetType()}", nameof(value)),
    };

    private static int SharedIndex(List<string> shared, string text)
    {
        var index = shared.IndexOf(text);
        if (index < 0)
        {
            shared.Add(text);
            index = shared.Count - 1;
        }

        return index;
    }

    private static string ColumnName(int index) => index < 26 ? ((char)('A' + index)).ToString() : $"{(char)('A' + (index / 26) - 1)}{(char)('A' + (index % 26))}";
}

/// <summary>Assertions on what a bundle read gave back.</summary>
internal static class OutcomeAssert
{
    public static Bundle Succeeded(ImportOutcome outcome)
    {
        Assert.True(outcome.Succeeded, "expected no problems; got:\n" + string.Join('\n', outcome.Problems));
        Assert.Empty(outcome.Problems);
        return outcome.Bundle;
    }

    /// <summary>Asserts that the outcome holds no bundle and exactly this one problem, and returns its message.</summary>
    public static string OnlyProblem(ImportOutcome outcome, string location, string column)
    {
        Assert.Null(outcome.Bundle);
        Assert.False(outcome.Succeeded);
        var problem = Assert.Single(outcome.Problems);
        Assert.True(
            problem.Location == location && problem.Column == column,
            $"expected the problem at {location}: {column}; got:\n{string.Join('\n', outcome.Problems)}");
        return problem.Message;
    }

    /// <summary>Asserts that the outcome holds no bundle and one problem (among others) at this place, and returns its message.</summary>
    public static string HasProblem(ImportOutcome outcome, string location, string column)
    {
        Assert.Null(outcome.Bundle);
        var matches = outcome.Problems.Where(p => p.Location == location && p.Column == column).ToList();
        Assert.True(matches.Count == 1, $"expected one problem at {location}: {column}; got:\n{string.Join('\n', outcome.Problems)}");
        return matches[0].Message;
    }
}
