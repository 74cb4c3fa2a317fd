using System.IO.Packaging;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GoldenThread.Domain.Indicators;
using GoldenThread.Timetable;

namespace GoldenThread.Import;

/// <summary>
/// Reads and validates an import bundle (interchange.md) without touching the database: a folder of CSV files
/// or an .xlsx workbook, checked against itself and against the <see cref="ICatalogue"/> of what is stored.
/// </summary>
public static class BundleReader
{
    private const string Expected = "expected a folder of CSV files or an .xlsx workbook";

    /// <summary>
    /// Reads the bundle at <paramref name="path"/>: a folder holding any of <c>areas.csv</c>, <c>organisations.csv</c>,
    /// <c>bodies.csv</c>, <c>indicators.csv</c>, <c>targets.csv</c> and <c>values.csv</c>, or an .xlsx workbook with
    /// sheets of those names. Returns the validated bundle, or every problem found in it. Values must be for periods
    /// that have started by <paramref name="today"/> (by default the date in England today), and every figure within
    /// <paramref name="limits"/> (by default <see cref="FigureLimits.Default"/>).
    /// </summary>
    public static ImportOutcome Read(
        string path, ICatalogue catalogue, IProgress<ImportProgress>? progress = null, DateOnly? today = null, FigureLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var rules = new Rules(today ?? new ReportingClock(TimeProvider.System).Today, limits ?? FigureLimits.Default);
        var problems = new ProblemList();
        if (string.IsNullOrWhiteSpace(path))
        {
            problems.Add(ProblemList.PathOrder, 0, "(none)", "path", $"no path given; {Expected}");
            return problems.ToFailure();
        }

        if (Directory.Exists(path))
        {
            return ReadFolder(path, catalogue, problems, progress, rules);
        }

        if (!File.Exists(path))
        {
            problems.Add(ProblemList.PathOrder, 0, path, "path", $"does not exist; {Expected}");
            return problems.ToFailure();
        }

        var extension = Path.GetExtension(path);
        if (extension.Equals(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            return ReadWorkbook(path, catalogue, problems, progress, rules);
        }

        var message = extension.ToUpperInvariant() switch
        {
            ".CSV" => "is a single CSV file; give the folder that holds it, so that every file of the bundle is read",
            ".XLS" => "is an Excel 97-2003 workbook; save it as an Excel Workbook (.xlsx)",
            _ => $"is neither a folder nor an .xlsx workbook; {Expected}",
        };
        problems.Add(ProblemList.PathOrder, 0, path, "path", message);
        return problems.ToFailure();
    }

    private static ImportOutcome ReadFolder(string folder, ICatalogue catalogue, ProblemList problems, IProgress<ImportProgress>? progress, Rules rules)
    {
        var files = new Dictionary<TableSpec, string>();
        var csvFiles = Directory.EnumerateFiles(folder)
            .Where(f => Path.GetExtension(f).Equals(".csv", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
        foreach (var file in csvFiles)
        {
            var name = Path.GetFileName(file);
            var table = BundleTables.Find(Path.GetFileNameWithoutExtension(file));
            if (table is null)
            {
                problems.Add(ProblemList.PathOrder, 0, name, "file", $"is not a bundle file; a bundle folder holds only {BundleTables.FileList} (move other CSV files elsewhere)");
            }
            else if (files.TryGetValue(table, out var first))
            {
                problems.Add(ProblemList.PathOrder, 0, name, "file", $"is a second {table.FileName} beside {Path.GetFileName(first)}; keep one");
            }
            else
            {
                files.Add(table, file);
            }
        }

        if (files.Count == 0 && problems.Count == 0)
        {
            problems.Add(ProblemList.PathOrder, 0, folder, "path", $"holds none of the bundle files; expected one or more of {BundleTables.FileList}");
        }

        long totalBytes = 0;
        foreach (var file in files.Values)
        {
            totalBytes += new FileInfo(file).Length;
        }

        var validator = new BundleValidator(catalogue, problems, new ImportProgressCounter(progress, totalBytes), rules.Today, rules.Limits);
        foreach (var table in BundleTables.All)
        {
            if (!files.TryGetValue(table, out var file))
            {
                continue;
            }

            CsvTableSource source;
            try
            {
                source = new CsvTableSource(table, file, problems);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add(table.Order, 0, Path.GetFileName(file), "file", $"cannot be opened: {e.Message}");
                continue;
            }

            using (source)
            {
                validator.Read(source);
            }
        }

        return validator.Finish();
    }

    private static ImportOutcome ReadWorkbook(string path, ICatalogue catalogue, ProblemList problems, IProgress<ImportProgress>? progress, Rules rules)
    {
        var validator = new BundleValidator(catalogue, problems, new ImportProgressCounter(progress, 0), rules.Today, rules.Limits);

        // The part being read, for the message when it turns out to be damaged; the package itself until a part is open.
        string? part = null;
        try
        {
            using var document = SpreadsheetDocument.Open(path, false);
            var workbook = document.WorkbookPart;
            part = PartName(workbook);
            var sheets = new Dictionary<TableSpec, (string Name, WorksheetPart Part)>();
            foreach (var sheet in workbook?.Workbook?.Sheets?.Elements<Sheet>() ?? [])
            {
                var name = sheet.Name?.Value ?? string.Empty;
                var table = BundleTables.Find(name.Trim());
                var sheetPart = sheet.Id?.Value is { } id && workbook!.TryGetPartById(id, out var found) ? found as WorksheetPart : null;
                if (table is null)
                {
                    problems.Add(ProblemList.PathOrder, 0, name, "sheet", $"is not a bundle sheet; a bundle workbook holds only the sheets {BundleTables.SheetList} (delete or rename this one)");
                }
                else if (sheetPart is null)
                {
                    problems.Add(ProblemList.PathOrder, 0, name, "sheet", "is not a worksheet of cells (a chart or dialog sheet); make it a plain worksheet");
                }
                else if (!sheets.TryAdd(table, (name, sheetPart)))
                {
                    problems.Add(ProblemList.PathOrder, 0, name, "sheet", $"is a second {table.Name} sheet beside {sheets[table].Name}; keep one");
                }
            }

            if (sheets.Count == 0 && problems.Count == 0)
            {
                problems.Add(ProblemList.PathOrder, 0, path, "path", $"holds none of the bundle sheets; expected one or more of {BundleTables.SheetList}");
            }

            part = PartName(workbook?.SharedStringTablePart) ?? part;
            var sharedStrings = workbook is null ? [] : WorksheetTableSource.ReadSharedStrings(workbook);
            part = PartName(workbook?.WorkbookStylesPart) ?? part;
            var styles = workbook is null ? CellStyles.None : CellStyles.Read(workbook);
            foreach (var table in BundleTables.All)
            {
                if (sheets.TryGetValue(table, out var sheet))
                {
                    part = $"{PartName(sheet.Part)} (sheet '{sheet.Name}')";
                    using var source = new WorksheetTableSource(table, sheet.Name, sheet.Part, sharedStrings, styles, problems);
                    validator.Read(source);
                }
            }
        }
        catch (Exception e) when (IsDamage(e))
        {
            // A damaged part makes every other problem found in the workbook doubtful: report the damage alone.
            problems.Clear();
            if (part is null)
            {
                problems.Add(ProblemList.PathOrder, 0, path, "path", $"cannot be read as an .xlsx workbook ({e.Message}); save it from Excel as an Excel Workbook (.xlsx)");
            }
            else
            {
                problems.Add(ProblemList.PathOrder, 0, path, part, $"the workbook cannot be read: {e.Message} (the file is damaged or was not written by a spreadsheet program); open it in Excel or LibreOffice and save it again as an Excel Workbook (.xlsx)");
            }
        }

        return validator.Finish();
    }

    /// <summary>What figures are checked against besides the bundle and the database.</summary>
    private readonly record struct Rules(DateOnly Today, FigureLimits Limits);

    /// <summary>
    /// The faults of a damaged workbook: a package that is not a zip, compressed data that does not inflate, a part
    /// that is not XML (XmlException) or not the XML the Open XML SDK expects. The SDK also throws the general
    /// exceptions for damage (InvalidOperationException "Specified part does not exist in the package" for a flipped
    /// bit in a relationship, found by the fuzzing test), so they are taken as damage too.
    /// </summary>
    private static bool IsDamage(Exception e) =>
        e is OpenXmlPackageException or FileFormatException or InvalidDataException or IOException or UnauthorizedAccessException
            or XmlException or InvalidOperationException or NotSupportedException or ArgumentException or FormatException or OverflowException;

    /// <summary>A part's name inside the package, as a zip tool shows it: <c>xl/worksheets/sheet2.xml</c>.</summary>
    private static string? PartName(OpenXmlPart? part) => part?.Uri.OriginalString.TrimStart('/');
}
