namespace GoldenThread.Domain.Indicators;

/// <summary>The fields a figure's problems are reported against: the contract's column names, which the API uses too.</summary>
public static class FigureFields
{
    public const string Period = "period";
    public const string Actual = "actual";
    public const string ProjectedOutturn = "projected_outturn";
    public const string Target = "target";
    public const string Note = "note";
}
