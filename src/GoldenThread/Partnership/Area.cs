namespace GoldenThread.Partnership;

/// <summary>A place that indicators are reported for: a county, or a district under it.</summary>
public sealed class Area
{
    public const int CodeLength = 32;
    public const int NameLength = 200;

    public int Id { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    public int? ParentId { get; set; }

    public Area? Parent { get; set; }
}
