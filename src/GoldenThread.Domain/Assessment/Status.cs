namespace GoldenThread.Domain.Assessment;

/// <summary>The RAG status of an indicator at a period, and the statuses for when no RAG can be given.</summary>
public enum Status
{
    Red,
    Amber,
    Green,
    StrongGreen,
    NoData,
    DataOnly,
    NoTarget,
}

/// <summary>The direction of a change: judged against polarity, or plain up and down for data-only indicators.</summary>
public enum Direction
{
    None,
    Improving,
    Worsening,
    Level,
    Up,
    Down,
}

/// <summary>The words the interchange contract uses for statuses and directions.</summary>
public static class StatusCodes
{
    public static string Code(this Status status) => status switch
    {
        Status.Red => "red",
        Status.Amber => "amber",
        Status.Green => "green",
        Status.StrongGreen => "strong_green",
        Status.NoData => "no_data",
        Status.DataOnly => "data_only",
        Status.NoTarget => "no_target",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string Code(this Direction direction) => direction switch
    {
        Direction.None => "none",
        Direction.Improving => "improving",
        Direction.Worsening => "worsening",
        Direction.Level => "level",
        Direction.Up => "up",
        Direction.Down => "down",
        _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, null),
    };

    /// <summary>True for the statuses that require an exception report.</summary>
    public static bool RequiresException(this Status status) =>
        status is Status.Red or Status.Amber or Status.StrongGreen or Status.NoData;
}
