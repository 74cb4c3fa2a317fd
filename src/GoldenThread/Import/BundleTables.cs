namespace GoldenThread.Import;

/// <summary>
/// What a column holds, for reading a workbook's cells as the person sees them: a code is taken only from text
/// (a number cell has lost its leading zeros), a percentage may be typed as one.
/// </summary>
internal enum CellKind
{
    /// <summary>Free text (a name, a note) or a word from a list (a kind, a unit).</summary>
    Text,

    /// <summary>A code, or a list of them: never a number or a formula, whose text is not what was typed.</summary>
    Code,

    /// <summary>A period code; a number there is a date Excel made of it, explained by the period check.</summary>
    Period,

    /// <summary>A figure in the indicator's unit.</summary>
    Number,

    /// <summary>A percentage (a tolerance or threshold): a cell formatted as a percentage means what it shows.</summary>
    Percent,
}

/// <summary>One column of a bundle table as interchange.md names it.</summary>
internal readonly record struct ColumnSpec(string Name, bool Required, CellKind Kind = CellKind.Text);

/// <summary>One file of a bundle (<c>values.csv</c>, or the <c>values</c> sheet of a workbook) and its columns.</summary>
internal sealed class TableSpec
{
    public TableSpec(string name, int order, params ColumnSpec[] columns)
    {
        Name = name;
        Order = order;
        Columns = columns;
        var names = new string[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            names[i] = columns[i].Name;
        }

        ColumnList = Join(names, "or");
    }

    /// <summary>The sheet name; the file name is this with <c>.csv</c>.</summary>
    public string Name { get; }

    public string FileName => Name + ".csv";

    /// <summary>Where the table comes in the bundle: tables are read in this order, so references point backwards.</summary>
    public int Order { get; }

    public IReadOnlyList<ColumnSpec> Columns { get; }

    /// <summary>The column names for messages: "code, name or parent_code".</summary>
    public string ColumnList { get; }

    public int IndexOf(string name)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Joins words for a message: "a, b or c" (or "a, b and c").</summary>
    public static string Join(IReadOnlyList<string> words, string conjunction) =>
        words.Count == 1 ? words[0] : $"{string.Join(", ", words.Take(words.Count - 1))} {conjunction} {words[^1]}";
}

/// <summary>The tables of the import bundle (interchange.md), in the order they are read.</summary>
internal static class BundleTables
{
    public static readonly TableSpec Areas = new(
        "areas",
        0,
        new("code", true, CellKind.Code),
        new("name", true),
        new("parent_code", false, CellKind.Code));

    public static readonly TableSpec Organisations = new(
        "organisations",
        1,
        new("code", true, CellKind.Code),
        new("name", true),
        new("kind", true));

    public static readonly TableSpec Bodies = new(
        "bodies",
        2,
        new("code", true, CellKind.Code),
        new("name", true),
        new("kind", true),
        new("escalates_to", false, CellKind.Code));

    public static readonly TableSpec Indicators = new(
        "indicators",
        3,
        new("code", true, CellKind.Code),
        new("title", true),
        new("unit", true),
        new("decimals", true, CellKind.Number),
        new("polarity", true),
        new("frequency", true),
        new("accumulation", true),
        new("body_code", false, CellKind.Code),
        new("lead_organisation_code", false, CellKind.Code),
        new("amber_tolerance", false, CellKind.Percent),
        new("strong_green_threshold", false, CellKind.Percent),
        new("min_value", false, CellKind.Number),
        new("max_value", false, CellKind.Number),
        new("frameworks", false, CellKind.Code),
        new("definition", false),
        new("data_source", false),
        new("type", false),
        new("data_quality", false),
        new("risk_level", false),
        new("audited", false),
        new("owner_email", false),
        new("deputy_email", false));

    public static readonly TableSpec Targets = new(
        "targets",
        4,
        new("indicator_code", true, CellKind.Code),
        new("area_code", true, CellKind.Code),
        new("period", true, CellKind.Period),
        new("target", true, CellKind.Number));

    public static readonly TableSpec Values = new(
        "values",
        5,
        new("indicator_code", true, CellKind.Code),
        new("area_code", true, CellKind.Code),
        new("period", true, CellKind.Period),
        new("actual", false, CellKind.Number),
        new("projected_outturn", false, CellKind.Number),
        new("note", false));

    public static IReadOnlyList<TableSpec> All { get; } = [Areas, Organisations, Bodies, Indicators, Targets, Values];

    /// <summary>"areas.csv, organisations.csv, ... or values.csv", for messages about unexpected files.</summary>
    public static string FileList { get; } = TableSpec.Join(All.Select(t => t.FileName).ToArray(), "or");

    /// <summary>"areas, organisations, ... or values", for messages about unexpected sheets.</summary>
    public static string SheetList { get; } = TableSpec.Join(All.Select(t => t.Name).ToArray(), "or");

    public static TableSpec? Find(string name)
    {
        foreach (var table in All)
        {
            if (string.Equals(table.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return table;
            }
        }

        return null;
    }
}

// The column positions within each TableSpec above, so that row code reads by name, not by number.
internal static class AreaColumns
{
    public const int Code = 0;
    public const int Name = 1;
    public const int ParentCode = 2;
}

internal static class OrganisationColumns
{
    public const int Code = 0;
    public const int Name = 1;
    public const int Kind = 2;
}

internal static class BodyColumns
{
    public const int Code = 0;
    public const int Name = 1;
    public const int Kind = 2;
    public const int EscalatesTo = 3;
}

internal static class IndicatorColumns
{
    public const int Code = 0;
    public const int Title = 1;
    public const int Unit = 2;
    public const int Decimals = 3;
    public const int Polarity = 4;
    public const int Frequency = 5;
    public const int Accumulation = 6;
    public const int BodyCode = 7;
    public const int LeadOrganisationCode = 8;
    public const int AmberTolerance = 9;
    public const int StrongGreenThreshold = 10;
    public const int MinValue = 11;
    public const int MaxValue = 12;
    public const int Frameworks = 13;
    public const int Definition = 14;
    public const int DataSource = 15;
    public const int Type = 16;
    public const int DataQuality = 17;
    public const int RiskLevel = 18;
    public const int Audited = 19;
    public const int OwnerEmail = 20;
    public const int DeputyEmail = 21;
}

internal static class TargetColumns
{
    public const int IndicatorCode = 0;
    public const int AreaCode = 1;
    public const int Period = 2;
    public const int Target = 3;
}

internal static class ValueColumns
{
    public const int IndicatorCode = 0;
    public const int AreaCode = 1;
    public const int Period = 2;
    public const int Actual = 3;
    public const int ProjectedOutturn = 4;
    public const int Note = 5;
}
