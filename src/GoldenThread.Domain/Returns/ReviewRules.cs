namespace GoldenThread.Domain.Returns;

/// <summary>What the central team does to a return after it reaches them (issue 10, items 3 and 7).</summary>
public enum ReviewAction
{
    /// <summary>Quality assurance passed: Submitted to QualityAssured.</summary>
    Accept,

    /// <summary>Sent back with a query the partner answers: Submitted or QualityAssured to Queried.</summary>
    Query,

    /// <summary>The appropriate officer makes the figures final: QualityAssured to SignedOff.</summary>
    SignOff,

    /// <summary>Opened again for amendment after sign-off: SignedOff to InProgress.</summary>
    Reopen,

    /// <summary>A reminder to the assignee of a return still with them; the state does not change.</summary>
    Chase,
}

/// <summary>
/// Which review action may be taken from which state, and where it leads. One place for the rule, so the use cases,
/// the dashboard's buttons and the command line agree.
/// </summary>
public static class ReviewRules
{
    public static IReadOnlyList<ReviewAction> AllActions { get; } = Enum.GetValues<ReviewAction>();

    /// <summary>Whether <paramref name="action"/> may be taken on a return in <paramref name="state"/>.</summary>
    public static bool Allows(ReviewAction action, ReturnState state) => action switch
    {
        ReviewAction.Accept => state == ReturnState.Submitted,

        // A query after acceptance is allowed: sign-off may find what quality assurance missed.
        ReviewAction.Query => state is ReturnState.Submitted or ReturnState.QualityAssured,
        ReviewAction.SignOff => state == ReturnState.QualityAssured,
        ReviewAction.Reopen => state == ReturnState.SignedOff,

        // Only a return still with the partner is chased: once submitted, the wait is the central team's.
        ReviewAction.Chase => ReturnStates.IsOpenForEntry(state),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    /// <summary>The state after the action; the same state for a chase. Throws when <see cref="Allows"/> is false.</summary>
    public static ReturnState After(ReviewAction action, ReturnState state)
    {
        if (!Allows(action, state))
        {
            throw new InvalidOperationException(WhyNot(action, state));
        }

        return action switch
        {
            ReviewAction.Accept => ReturnState.QualityAssured,
            ReviewAction.Query => ReturnState.Queried,
            ReviewAction.SignOff => ReturnState.SignedOff,
            ReviewAction.Reopen => ReturnState.InProgress,
            _ => state,
        };
    }

    /// <summary>The actions open from a state, in the order a page offers them.</summary>
    public static IReadOnlyList<ReviewAction> Available(ReturnState state) => [.. AllActions.Where(a => Allows(a, state))];

    /// <summary>Why the action cannot be taken, in words for the person who tried; empty when it can.</summary>
    public static string WhyNot(ReviewAction action, ReturnState state)
    {
        if (Allows(action, state))
        {
            return "";
        }

        var now = ReturnStates.Name(state).ToLowerInvariant();
        return action switch
        {
            ReviewAction.Accept => $"Only a submitted return can be accepted; this one is {now}.",
            ReviewAction.Query => $"Only a submitted or quality-assured return can be queried; this one is {now}.",
            ReviewAction.SignOff => $"Only a quality-assured return can be signed off; this one is {now}.",
            ReviewAction.Reopen => $"Only a signed-off return can be reopened; this one is {now}.",
            _ => $"Only a return that has not been submitted can be chased; this one is {now}.",
        };
    }

    /// <summary>The verb people read on a button, e.g. "Sign off".</summary>
    public static string Name(ReviewAction action) => action switch
    {
        ReviewAction.Accept => "Accept",
        ReviewAction.Query => "Query",
        ReviewAction.SignOff => "Sign off",
        ReviewAction.Reopen => "Reopen",
        ReviewAction.Chase => "Chase",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}
