using GoldenThread.Domain.Intervention;

namespace GoldenThread.Domain.Tests.Intervention;

public class LadderStandingTests
{
    [Theory]
    [InlineData(0, 0, 0, false)]
    [InlineData(2, 0, 2, false)]
    [InlineData(0, 3, 3, true)]
    [InlineData(1, 2, 2, true)]
    [InlineData(3, 1, 3, false)]
    [InlineData(2, 2, 2, false)]
    public void The_stage_shown_is_the_higher_of_computed_and_manual(int computed, int manual, int shown, bool isManual)
    {
        var standing = new LadderStanding(computed, manual);
        Assert.Equal(shown, standing.Shown);
        Assert.Equal(isManual, standing.IsManual);
    }

    [Fact]
    public void Every_pair_of_stages_shows_their_maximum()
    {
        for (var computed = 0; computed <= 3; computed++)
        {
            for (var manual = 0; manual <= 3; manual++)
            {
                var standing = new LadderStanding(computed, manual);
                Assert.Equal(Math.Max(computed, manual), standing.Shown);
                Assert.True(standing.Shown >= standing.Computed && standing.Shown >= standing.Manual);
            }
        }
    }

    [Fact]
    public void The_chain_climbs_one_level_at_a_time_to_central_government()
    {
        Assert.Equal(
            [EscalationLevel.ThematicPartnership, EscalationLevel.ExecutiveBoard, EscalationLevel.StrategicBoard, EscalationLevel.CentralGovernment],
            EscalationChain.All.Select(EscalationChain.Next).Where(l => l is not null).Select(l => l!.Value));
        Assert.Null(EscalationChain.Next(EscalationLevel.CentralGovernment));
        Assert.Equal("Strategic board", EscalationChain.Name(EscalationLevel.StrategicBoard));
        Assert.Equal("central_government", EscalationChain.Code(EscalationLevel.CentralGovernment));
    }
}
