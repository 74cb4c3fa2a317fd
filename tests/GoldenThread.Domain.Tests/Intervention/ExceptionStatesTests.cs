using GoldenThread.Domain.Intervention;

namespace GoldenThread.Domain.Tests;

/// <summary>An exception report's life: which step may follow which (ExceptionStates.After), the one place that says so.</summary>
public class ExceptionStatesTests
{
    [Theory]
    [InlineData(ExceptionState.Required, ExceptionAction.Draft, ExceptionState.Drafted)]
    [InlineData(ExceptionState.Drafted, ExceptionAction.Draft, ExceptionState.Drafted)]
    [InlineData(ExceptionState.Required, ExceptionAction.Submit, ExceptionState.Submitted)]
    [InlineData(ExceptionState.Drafted, ExceptionAction.Submit, ExceptionState.Submitted)]
    [InlineData(ExceptionState.Submitted, ExceptionAction.Note, ExceptionState.Noted)]
    [InlineData(ExceptionState.Submitted, ExceptionAction.Challenge, ExceptionState.Challenged)]
    [InlineData(ExceptionState.Submitted, ExceptionAction.Accept, ExceptionState.Accepted)]
    [InlineData(ExceptionState.Noted, ExceptionAction.Accept, ExceptionState.Accepted)]
    [InlineData(ExceptionState.Challenged, ExceptionAction.Answer, ExceptionState.Submitted)]
    [InlineData(ExceptionState.Accepted, ExceptionAction.Close, ExceptionState.Closed)]
    [InlineData(ExceptionState.Required, ExceptionAction.Close, ExceptionState.Closed)]
    public void After_AllowedMove_GivesTheNextState(ExceptionState from, ExceptionAction action, ExceptionState to)
    {
        Assert.Equal(to, ExceptionStates.After(from, action));
    }

    [Theory]
    [InlineData(ExceptionState.Required, ExceptionAction.Note)]
    [InlineData(ExceptionState.Drafted, ExceptionAction.Challenge)]
    [InlineData(ExceptionState.Challenged, ExceptionAction.Accept)]
    [InlineData(ExceptionState.Challenged, ExceptionAction.Submit)]
    [InlineData(ExceptionState.Submitted, ExceptionAction.Answer)]
    [InlineData(ExceptionState.Submitted, ExceptionAction.Draft)]
    [InlineData(ExceptionState.Noted, ExceptionAction.Challenge)]
    [InlineData(ExceptionState.Accepted, ExceptionAction.Note)]
    [InlineData(ExceptionState.Closed, ExceptionAction.Close)]
    [InlineData(ExceptionState.Closed, ExceptionAction.Draft)]
    public void After_MoveNotAllowed_IsNull(ExceptionState from, ExceptionAction action)
    {
        Assert.Null(ExceptionStates.After(from, action));
    }

    [Fact]
    public void After_Raise_IsNeverAMove()
    {
        Assert.All(ExceptionStates.All, state => Assert.Null(ExceptionStates.After(state, ExceptionAction.Raise)));
    }

    [Fact]
    public void After_Closed_HasNoWayOut()
    {
        Assert.All(Enum.GetValues<ExceptionAction>(), action => Assert.Null(ExceptionStates.After(ExceptionState.Closed, action)));
    }

    [Fact]
    public void After_EveryOpenState_CanBeClosed()
    {
        Assert.All(ExceptionStates.All.Where(ExceptionStates.IsOpen), state => Assert.Equal(ExceptionState.Closed, ExceptionStates.After(state, ExceptionAction.Close)));
    }

    [Fact]
    public void After_AnyMove_LeadsToAStateThatAwaitsTheRightPeople()
    {
        // Whatever the body does leaves nothing awaiting the body; whatever the lead does leaves nothing awaiting the lead
        // except a further draft.
        foreach (var state in ExceptionStates.All)
        {
            foreach (var action in new[] { ExceptionAction.Note, ExceptionAction.Challenge, ExceptionAction.Accept })
            {
                if (ExceptionStates.After(state, action) is { } next)
                {
                    Assert.False(ExceptionStates.AwaitsBody(next));
                }
            }

            if (ExceptionStates.After(state, ExceptionAction.Submit) is { } submitted)
            {
                Assert.True(ExceptionStates.AwaitsBody(submitted));
            }

            if (ExceptionStates.After(state, ExceptionAction.Answer) is { } answered)
            {
                Assert.True(ExceptionStates.AwaitsBody(answered));
            }
        }
    }
}
