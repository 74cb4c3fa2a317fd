namespace GoldenThread.Domain.Returns;

/// <summary>
/// Where a return is in the quarterly cycle (domain.md, The quarterly cycle). "Late" is not a state: a return is late
/// when its period's return deadline has passed and it has not been submitted (<see cref="ReturnStates.IsLate"/>).
/// </summary>
public enum ReturnState
{
    /// <summary>Issued; nothing entered yet.</summary>
    NotStarted,

    /// <summary>Something saved; not yet submitted.</summary>
    InProgress,

    /// <summary>Submitted to the central team; its figures are stored, provisional.</summary>
    Submitted,

    /// <summary>Sent back by the central team with a query for the partner to answer.</summary>
    Queried,

    /// <summary>Checked and accepted by the central team; waiting for sign-off.</summary>
    QualityAssured,

    /// <summary>Signed off by the appropriate officer: its figures are final.</summary>
    SignedOff,
}

/// <summary>The states' words and the questions every reader asks of them.</summary>
public static class ReturnStates
{
    public static IReadOnlyList<ReturnState> All { get; } = Enum.GetValues<ReturnState>();

    /// <summary>The stored and exported word, e.g. <c>quality_assured</c>.</summary>
    public static string Code(ReturnState state) => Codes.Of(state);

    /// <summary>The words people read, e.g. "Quality-assured".</summary>
    public static string Name(ReturnState state) => state switch
    {
        ReturnState.NotStarted => "Not started",
        ReturnState.InProgress => "In progress",
        ReturnState.Submitted => "Submitted",
        ReturnState.Queried => "Queried",
        ReturnState.QualityAssured => "Quality-assured",
        ReturnState.SignedOff => "Signed off",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>Whether the partner may still change the return's figures (before submission, or after a query).</summary>
    public static bool IsOpenForEntry(ReturnState state) =>
        state is ReturnState.NotStarted or ReturnState.InProgress or ReturnState.Queried;

    /// <summary>Whether the return has reached the central team (and so is not late, whatever the date).</summary>
    public static bool HasBeenSubmitted(ReturnState state) =>
        state is ReturnState.Submitted or ReturnState.QualityAssured or ReturnState.SignedOff;

    /// <summary>Late: the deadline has passed (<paramref name="today"/> is after it) and the return is still with the partner.</summary>
    public static bool IsLate(ReturnState state, DateOnly? deadline, DateOnly today) =>
        deadline is { } due && today > due && IsOpenForEntry(state);

    public static bool TryParse(string? code, out ReturnState state) => Codes.TryParse(code, out state);
}
