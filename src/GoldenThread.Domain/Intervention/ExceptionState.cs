namespace GoldenThread.Domain.Intervention;

/// <summary>
/// Where an exception report is in its life (issue 11, item 2): raised by the assessment, written by the delivery lead,
/// submitted with the return, considered by the accountable body (noted, challenged with a question, accepted), and
/// closed when the status recovers. Each period's exception is its own record; a pair red two quarters running has two.
/// </summary>
public enum ExceptionState
{
    /// <summary>Raised by the assessment; nothing written yet.</summary>
    Required,

    /// <summary>Some fields written; not yet submitted.</summary>
    Drafted,

    /// <summary>Complete and submitted with the return; waiting for the accountable body.</summary>
    Submitted,

    /// <summary>Considered by the body and noted: no further question.</summary>
    Noted,

    /// <summary>Considered by the body, which asked a question the delivery lead must answer (back to submitted when answered).</summary>
    Challenged,

    /// <summary>Considered by the body and accepted (the plans agreed).</summary>
    Accepted,

    /// <summary>Closed: the status recovered (or the central team closed it, with a reason).</summary>
    Closed,
}

/// <summary>What is done to an exception report: each step of its history is one of these.</summary>
public enum ExceptionAction
{
    /// <summary>Raised by the assessment (or by the data-quality rules).</summary>
    Raise,

    /// <summary>Fields saved.</summary>
    Draft,

    /// <summary>Submitted complete, with the return (or on its own when the return was already in).</summary>
    Submit,

    /// <summary>The body noted it.</summary>
    Note,

    /// <summary>The body challenged it with a question.</summary>
    Challenge,

    /// <summary>The delivery lead answered the body's question.</summary>
    Answer,

    /// <summary>The body accepted it.</summary>
    Accept,

    /// <summary>Closed on recovery or by the central team.</summary>
    Close,
}

/// <summary>What an exception is about: performance against target, or the quality of the data (issue 11, item 4).</summary>
public enum ExceptionKind
{
    Performance,
    DataQuality,
}

/// <summary>Why a data-quality exception was raised: a persistent problem (issue 11, item 4).</summary>
public enum DataQualityCause
{
    /// <summary>The indicator's return was late two quarters running.</summary>
    LateTwiceRunning,

    /// <summary>The indicator's figures were queried again and again.</summary>
    QueriedRepeatedly,

    /// <summary>The indicator's figures were amended after sign-off again and again.</summary>
    AmendedRepeatedly,

    /// <summary>The indicator has no active owner.</summary>
    NoActiveOwner,
}

/// <summary>The states' words, names and moves: the one place that says which step may follow which.</summary>
public static class ExceptionStates
{
    public static IReadOnlyList<ExceptionState> All { get; } = Enum.GetValues<ExceptionState>();

    public static string Code(ExceptionState state) => Codes.Of(state);

    public static string Name(ExceptionState state) => state switch
    {
        ExceptionState.Required => "Required",
        ExceptionState.Drafted => "Drafted",
        ExceptionState.Submitted => "Submitted",
        ExceptionState.Noted => "Noted",
        ExceptionState.Challenged => "Challenged",
        ExceptionState.Accepted => "Accepted",
        ExceptionState.Closed => "Closed",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>Open: not closed. An open exception stays on its body's list until the status recovers.</summary>
    public static bool IsOpen(ExceptionState state) => state != ExceptionState.Closed;

    /// <summary>Waiting for the accountable body to consider it (submitted, or answered after a challenge).</summary>
    public static bool AwaitsBody(ExceptionState state) => state == ExceptionState.Submitted;

    /// <summary>Waiting for the delivery lead to write or answer it.</summary>
    public static bool AwaitsLead(ExceptionState state) => state is ExceptionState.Required or ExceptionState.Drafted or ExceptionState.Challenged;

    /// <summary>The state an action leads to from <paramref name="state"/>, or null when the action is not allowed there.</summary>
    public static ExceptionState? After(ExceptionState state, ExceptionAction action) => (state, action) switch
    {
        (_, ExceptionAction.Raise) => null,
        (ExceptionState.Required or ExceptionState.Drafted, ExceptionAction.Draft) => ExceptionState.Drafted,
        (ExceptionState.Required or ExceptionState.Drafted, ExceptionAction.Submit) => ExceptionState.Submitted,
        (ExceptionState.Submitted, ExceptionAction.Note) => ExceptionState.Noted,
        (ExceptionState.Submitted, ExceptionAction.Challenge) => ExceptionState.Challenged,
        (ExceptionState.Submitted or ExceptionState.Noted, ExceptionAction.Accept) => ExceptionState.Accepted,
        (ExceptionState.Challenged, ExceptionAction.Answer) => ExceptionState.Submitted,
        (not ExceptionState.Closed, ExceptionAction.Close) => ExceptionState.Closed,
        _ => null,
    };

    public static bool TryParse(string? code, out ExceptionState state) => Codes.TryParse(code, out state);
}
