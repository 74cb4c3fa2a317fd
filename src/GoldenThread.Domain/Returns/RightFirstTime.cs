namespace GoldenThread.Domain.Returns;

/// <summary>One return as the "right first time" measure sees it.</summary>
public sealed record ReturnOutcome(ReturnState State, int QueryCount, bool AmendedAfterSignOff)
{
    /// <summary>Signed off with no query and no amendment after sign-off.</summary>
    public bool IsRightFirstTime => State == ReturnState.SignedOff && QueryCount == 0 && !AmendedAfterSignOff;
}

/// <summary>
/// "Right first time" (issue 10, item 8): of the returns signed off, the share that were signed off without a query or
/// an amendment after sign-off. Returns not yet signed off are not counted either way: the measure is of what the
/// cycle finished, so it does not fall as a quarter's returns arrive and rise again as they are signed off.
/// </summary>
public sealed record RightFirstTime(int SignedOff, int Right)
{
    /// <summary>The share in percent, to one decimal place (away from zero at the half); null when nothing is signed off.</summary>
    public decimal? Percent => SignedOff == 0 ? null : Math.Round(100m * Right / SignedOff, 1, MidpointRounding.AwayFromZero);

    public static RightFirstTime Of(IEnumerable<ReturnOutcome> returns)
    {
        ArgumentNullException.ThrowIfNull(returns);
        var signedOff = 0;
        var right = 0;
        foreach (var r in returns.Where(r => r.State == ReturnState.SignedOff))
        {
            signedOff++;
            if (r.IsRightFirstTime)
            {
                right++;
            }
        }

        return new RightFirstTime(signedOff, right);
    }
}
