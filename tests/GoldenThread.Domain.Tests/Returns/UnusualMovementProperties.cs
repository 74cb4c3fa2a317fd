using CsCheck;
using GoldenThread.Domain.Returns;

namespace GoldenThread.Domain.Tests.Returns;

/// <summary>Why the check is robust: what one wild figure, shifts and scales do to it, for any history.</summary>
public class UnusualMovementProperties
{
    private const int Iterations = 500;

    /// <summary>A history of 6 to 20 figures around a centre with a spread, in whole hundredths.</summary>
    private static readonly Gen<(decimal Centre, decimal Spread, decimal[] History)> Histories =
        from centre in Gen.Int[-100_000, 100_000]
        from spread in Gen.Int[1, 1_000]
        from offsets in Gen.Int[-100, 100].Array[6, 20]
        let c = centre / 100m
        let s = spread / 100m
        select (c, s, offsets.Select(o => c + (s * o / 100m)).ToArray());

    [Fact]
    public void Check_OneWildPastFigure_DoesNotHideARealOutlier()
    {
        Gen.Select(Histories, Gen.Int[100, 1_000_000], Gen.Bool).Sample((h, wildness, up) =>
        {
            var wild = h.Centre + ((up ? 1 : -1) * h.Spread * wildness);
            var history = h.History.Append(wild).ToArray();
            var outlier = h.Centre + (h.Spread * 50m);

            Assert.True(UnusualMovement.Check(outlier, history).Unusual, $"{outlier} was hidden by {wild} in [{string.Join(", ", history)}]");
        }, iter: Iterations);
    }

    [Fact]
    public void Check_TheMedianItself_IsNeverUnusual()
    {
        Histories.Sample(h =>
        {
            Assert.False(UnusualMovement.Check(UnusualMovement.Median(h.History), h.History).Unusual);
        }, iter: Iterations);
    }

    [Fact]
    public void Check_ShiftingEverything_ChangesNothing()
    {
        Gen.Select(Histories, Gen.Int[-1000, 1000], Gen.Int[-100_000, 100_000]).Sample((h, offset, shift) =>
        {
            var value = h.Centre + (h.Spread * offset / 10m);
            var moved = shift / 100m;

            Assert.Equal(
                UnusualMovement.Check(value, h.History).Unusual,
                UnusualMovement.Check(value + moved, h.History.Select(x => x + moved).ToArray()).Unusual);
        }, iter: Iterations);
    }

    [Fact]
    public void Check_FurtherFromTheMedian_IsNeverLessUnusual()
    {
        Gen.Select(Histories, Gen.Int[0, 1000], Gen.Int[0, 1000]).Sample((h, a, b) =>
        {
            var median = UnusualMovement.Median(h.History);
            var (near, far) = (Math.Min(a, b), Math.Max(a, b));

            if (UnusualMovement.Check(median + (h.Spread * near / 10m), h.History).Unusual)
            {
                Assert.True(UnusualMovement.Check(median + (h.Spread * far / 10m), h.History).Unusual);
            }
        }, iter: Iterations);
    }
}
