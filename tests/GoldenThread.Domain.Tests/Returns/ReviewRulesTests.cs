using GoldenThread.Domain.Returns;

namespace GoldenThread.Domain.Tests.Returns;

public class ReviewRulesTests
{
    [Theory]
    [InlineData(ReviewAction.Accept, ReturnState.Submitted, ReturnState.QualityAssured)]
    [InlineData(ReviewAction.Query, ReturnState.Submitted, ReturnState.Queried)]
    [InlineData(ReviewAction.Query, ReturnState.QualityAssured, ReturnState.Queried)]
    [InlineData(ReviewAction.SignOff, ReturnState.QualityAssured, ReturnState.SignedOff)]
    [InlineData(ReviewAction.Reopen, ReturnState.SignedOff, ReturnState.InProgress)]
    [InlineData(ReviewAction.Chase, ReturnState.NotStarted, ReturnState.NotStarted)]
    [InlineData(ReviewAction.Chase, ReturnState.InProgress, ReturnState.InProgress)]
    [InlineData(ReviewAction.Chase, ReturnState.Queried, ReturnState.Queried)]
    public void After_AnAllowedAction_LeadsToItsState(ReviewAction action, ReturnState from, ReturnState to)
    {
        Assert.True(ReviewRules.Allows(action, from));
        Assert.Equal(to, ReviewRules.After(action, from));
        Assert.Equal("", ReviewRules.WhyNot(action, from));
    }

    [Fact]
    public void Allows_EveryOtherPairOfActionAndState_IsRefusedWithTheStateInWords()
    {
        var allowed = new HashSet<(ReviewAction, ReturnState)>
        {
            (ReviewAction.Accept, ReturnState.Submitted),
            (ReviewAction.Query, ReturnState.Submitted),
            (ReviewAction.Query, ReturnState.QualityAssured),
            (ReviewAction.SignOff, ReturnState.QualityAssured),
            (ReviewAction.Reopen, ReturnState.SignedOff),
            (ReviewAction.Chase, ReturnState.NotStarted),
            (ReviewAction.Chase, ReturnState.InProgress),
            (ReviewAction.Chase, ReturnState.Queried),
        };

        foreach (var action in ReviewRules.AllActions)
        {
            foreach (var state in ReturnStates.All)
            {
                Assert.Equal(allowed.Contains((action, state)), ReviewRules.Allows(action, state));
                if (!allowed.Contains((action, state)))
                {
                    Assert.Throws<InvalidOperationException>(() => ReviewRules.After(action, state));
                    Assert.Contains(ReturnStates.Name(state).ToLowerInvariant(), ReviewRules.WhyNot(action, state), StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void SignOff_FromSubmitted_IsRefused_QualityAssuranceComesFirst()
    {
        Assert.Equal("Only a quality-assured return can be signed off; this one is submitted.", ReviewRules.WhyNot(ReviewAction.SignOff, ReturnState.Submitted));
    }

    [Fact]
    public void Available_ForEachState_IsWhatThePageOffers()
    {
        Assert.Equal([ReviewAction.Accept, ReviewAction.Query], ReviewRules.Available(ReturnState.Submitted));
        Assert.Equal([ReviewAction.Query, ReviewAction.SignOff], ReviewRules.Available(ReturnState.QualityAssured));
        Assert.Equal([ReviewAction.Reopen], ReviewRules.Available(ReturnState.SignedOff));
        Assert.Equal([ReviewAction.Chase], ReviewRules.Available(ReturnState.NotStarted));
    }
}

public class RightFirstTimeTests
{
    [Fact]
    public void Of_CountsOnlySignedOffReturns_AndThoseWithNoQueryOrAmendment()
    {
        var measure = RightFirstTime.Of(
        [
            new ReturnOutcome(ReturnState.SignedOff, 0, false),
            new ReturnOutcome(ReturnState.SignedOff, 1, false),
            new ReturnOutcome(ReturnState.SignedOff, 0, true),
            new ReturnOutcome(ReturnState.Submitted, 0, false),
            new ReturnOutcome(ReturnState.InProgress, 0, true),
        ]);

        Assert.Equal(3, measure.SignedOff);
        Assert.Equal(1, measure.Right);
        Assert.Equal(33.3m, measure.Percent);
    }

    [Fact]
    public void Of_NothingSignedOff_HasNoShare()
    {
        Assert.Null(RightFirstTime.Of([new ReturnOutcome(ReturnState.QualityAssured, 0, false)]).Percent);
    }

    [Fact]
    public void Of_TwoOfThree_RoundsHalfAwayFromZero()
    {
        // 2 of 3 is 66.666...%; 1 of 8 is 12.5% exactly, kept.
        Assert.Equal(66.7m, new RightFirstTime(3, 2).Percent);
        Assert.Equal(12.5m, new RightFirstTime(8, 1).Percent);
    }
}
