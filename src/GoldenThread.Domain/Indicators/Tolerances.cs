namespace GoldenThread.Domain.Indicators;

/// <summary>
/// The RAG bands in percent: how far below target is still Amber, and how far above target is Strong Green.
/// </summary>
public sealed record Tolerances
{
    public const decimal DefaultPercent = 10m;

    public Tolerances(decimal amber = DefaultPercent, decimal strongGreen = DefaultPercent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amber);
        ArgumentOutOfRangeException.ThrowIfNegative(strongGreen);
        Amber = amber;
        StrongGreen = strongGreen;
    }

    /// <summary>The system-wide default: 10% and 10%.</summary>
    public static Tolerances Default { get; } = new();

    public decimal Amber { get; }

    public decimal StrongGreen { get; }
}
