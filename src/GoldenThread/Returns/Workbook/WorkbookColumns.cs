namespace GoldenThread.Returns.Workbook;

/// <summary>What a column of the return sheet holds, for writing its cells and reading them back.</summary>
public enum WorkbookCellKind
{
    /// <summary>Written for the reader, locked; never read back except the key.</summary>
    Shown,

    /// <summary>A figure to fill in: a decimal number within the indicator's range.</summary>
    Figure,

    /// <summary>Text to fill in, up to a length.</summary>
    Text,

    /// <summary>A choice from the strong green causes' list.</summary>
    Cause,
}

/// <summary>One column of the return sheet: the field it holds (the problem and record field names of CYCLE.md), its heading and width.</summary>
public sealed record WorkbookColumn(string Field, string Heading, WorkbookCellKind Kind, double Width, int MaxLength = 0)
{
    /// <summary>The column's letter on the return sheet: A for the first.</summary>
    public string Letter => ReturnWorkbookLayout.ColumnLetter(ReturnWorkbookLayout.IndexOf(this));

    public bool IsToFill => Kind is not WorkbookCellKind.Shown;
}

/// <summary>
/// The shape of the data collection workbook, shared by the writer (<see cref="ReturnWorkbook"/>) and the reader
/// (<see cref="ReturnWorkbookReader"/>): the sheets' names, the return sheet's columns in order, and the hidden key
/// sheet that records which return the workbook belongs to.
/// </summary>
public static class ReturnWorkbookLayout
{
    public const string InstructionsSheet = "Instructions";
    public const string ReturnSheet = "Return";

    /// <summary>The very hidden sheet holding the return's id and period, so an upload to another return is refused.</summary>
    public const string KeySheet = "Key";

    /// <summary>Bumped when the columns change, so an old workbook is refused with a clear message rather than misread.</summary>
    public const string Format = "goldenthread-return-workbook/1";

    public const string LineField = "line";
    public const string CauseField = "exception.cause";

    /// <summary>The heading row of the return sheet; lines start on the next row.</summary>
    public const int HeadingRow = 1;

    public const int FirstLineRow = 2;

    public static IReadOnlyList<WorkbookColumn> Columns { get; } =
    [
        new(LineField, "Line key (do not change)", WorkbookCellKind.Shown, 10),
        new("indicator", "Indicator", WorkbookCellKind.Shown, 11),
        new("title", "Title", WorkbookCellKind.Shown, 40),
        new("area", "Area", WorkbookCellKind.Shown, 18),
        new("period", "Period", WorkbookCellKind.Shown, 12),
        new("due", "What is due", WorkbookCellKind.Shown, 22),
        new("unit", "Unit and range", WorkbookCellKind.Shown, 18),
        new("definition", "Definition", WorkbookCellKind.Shown, 50),
        new("last_values", "Last values", WorkbookCellKind.Shown, 36),
        new("target", "Target", WorkbookCellKind.Shown, 18),
        new("actual", "Actual (fill in)", WorkbookCellKind.Figure, 14),
        new("projected_outturn", "Projected outturn (fill in)", WorkbookCellKind.Figure, 14),
        new("note", "Commentary (fill in)", WorkbookCellKind.Text, 40, ReturnLine.NoteLength),
        new("movement_note", "Movement note, if warned (fill in)", WorkbookCellKind.Text, 30, ReturnLine.NoteLength),
        new("exception.reason", "Red or amber: reason for the variance", WorkbookCellKind.Text, 30, Exceptions.ExceptionReport.TextLength),
        new("exception.plans", "Red or amber: plans to reduce it", WorkbookCellKind.Text, 30, Exceptions.ExceptionReport.TextLength),
        new("exception.timescales", "Red or amber: timescales", WorkbookCellKind.Text, 22, Exceptions.ExceptionReport.TextLength),
        new("exception.lead_partners", "Red or amber: lead partners", WorkbookCellKind.Text, 22, Exceptions.ExceptionReport.TextLength),
        new("exception.resources", "Red or amber: resources", WorkbookCellKind.Text, 22, Exceptions.ExceptionReport.TextLength),
        new(CauseField, "Strong green: cause", WorkbookCellKind.Cause, 28),
        new("exception.explanation", "Strong green: explanation", WorkbookCellKind.Text, 30, Exceptions.ExceptionReport.TextLength),
        new("exception.assurance", "No data: assurance of delivery", WorkbookCellKind.Text, 30, Exceptions.ExceptionReport.TextLength),
    ];

    /// <summary>The 0-based position of a column on the return sheet.</summary>
    public static int IndexOf(WorkbookColumn column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (ReferenceEquals(Columns[i], column) || Columns[i] == column)
            {
                return i;
            }
        }

        throw new ArgumentException($"'{column?.Field}' is not a column of the return sheet.", nameof(column));
    }

    /// <summary>The column holding a field, or null.</summary>
    public static WorkbookColumn? ColumnOf(string field) =>
        Columns.FirstOrDefault(c => string.Equals(c.Field, field, StringComparison.Ordinal));

    /// <summary>The strong green causes as the list in the workbook shows them (no commas: a list validation splits on them).</summary>
    public static IReadOnlyList<(Domain.Returns.StrongGreenCause Cause, string Words)> Causes { get; } =
    [
        (Domain.Returns.StrongGreenCause.TargetSetting, "A flaw in target setting"),
        (Domain.Returns.StrongGreenCause.TargetedActivity, "A course of targeted activity"),
        (Domain.Returns.StrongGreenCause.FrontLoading, "Front-loading to balance later performance"),
        (Domain.Returns.StrongGreenCause.Other, "Other (explain)"),
    ];

    /// <summary>A column's letters from its 0-based index: 0 is A, 26 is AA.</summary>
    public static string ColumnLetter(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var letters = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }

    /// <summary>A cell's reference with its sheet, as problems name it: <c>Return!K7</c>.</summary>
    public static string Cell(WorkbookColumn column, int row)
    {
        ArgumentNullException.ThrowIfNull(column);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{ReturnSheet}!{column.Letter}{row}");
    }
}
