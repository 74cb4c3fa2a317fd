using GoldenThread.Domain.Returns;

namespace GoldenThread.Domain.Tests.Returns;

public class UnusualMovementTests
{
    [Fact]
    public void Check_FigureNearTheUsual_IsNotUnusual()
    {
        var check = UnusualMovement.Check(104m, [100m, 102m, 98m, 101m, 99m, 103m]);

        Assert.False(check.Unusual);
        Assert.Equal(100.5m, check.Median);
    }

    [Fact]
    public void Check_SlippedDecimalPoint_IsUnusual()
    {
        Assert.True(UnusualMovement.Check(1010m, [100m, 102m, 98m, 101m, 99m, 103m]).Unusual);
    }

    [Fact]
    public void Check_ShortHistory_IsNotJudged()
    {
        var check = UnusualMovement.Check(1_000_000m, [1m, 2m, 3m]);

        Assert.Equal(MovementCheck.NotJudged, check);
    }

    [Fact]
    public void Check_BoundaryIsThreePointFiveScaledMads()
    {
        // Median 10, MAD 1 (deviations 2, 1, 0, 1, 2 around 10), so the scale is 1.4826 and the cut-off 5.1891.
        decimal[] history = [8m, 9m, 10m, 11m, 12m];

        Assert.False(UnusualMovement.Check(10m + 5.1891m, history).Unusual);
        Assert.True(UnusualMovement.Check(10m + 5.1892m, history).Unusual);
    }

    [Fact]
    public void Check_MostlyTheSame_IsTakenAsConstant_SoOneWildPastFigureDoesNotWidenIt()
    {
        // Most past figures are 50, so the MAD is 0: 54 is within a tenth of 50, 60 is not, whatever the 5000.
        decimal[] history = [50m, 50m, 50m, 50m, 5000m];

        Assert.False(UnusualMovement.Check(54m, history).Unusual);
        Assert.True(UnusualMovement.Check(60m, history).Unusual);
    }

    [Theory]
    [InlineData(0, 1, true)]
    [InlineData(0, 0, false)]
    [InlineData(100, 109, false)]
    [InlineData(100, 111, true)]
    public void Check_ConstantHistory_FlagsAMoveOfMoreThanATenth(int constant, int value, bool unusual)
    {
        Assert.Equal(unusual, UnusualMovement.Check(value, [constant, constant, constant, constant]).Unusual);
    }

    [Fact]
    public void Describe_SaysTheFigureAndTheMedian()
    {
        var check = UnusualMovement.Check(1950m, [400m, 410m, 420m, 405m, 415m]);

        Assert.Equal(
            "The actual 1950 is far from this indicator's usual figures here (median 410 over its past quarters). Check it; if it is right, say why in a note.",
            UnusualMovement.Describe(check, 1950m, "actual", "quarters"));
        Assert.Null(UnusualMovement.Describe(UnusualMovement.Check(411m, [400m, 410m, 420m, 405m, 415m]), 411m, "actual", "quarters"));
    }
}
