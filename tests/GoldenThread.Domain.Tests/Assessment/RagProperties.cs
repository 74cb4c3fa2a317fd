using CsCheck;
using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Indicators;

namespace GoldenThread.Domain.Tests;

/// <summary>Properties of PVT and the RAG bands for any target, forecast and tolerances.</summary>
public class RagProperties
{
    private const int Iterations = 1000;

    [Fact]
    public void Rate_BetterProjectedOutturn_NeverGivesAWorseStatus()
    {
        var target = Gen.OneOf(Generate.Figure, Gen.Const(0m));
        Gen.Select(Generate.RatedPolarity, target, Generate.Figure, Generate.Figure, Generate.Tolerances).Sample((polarity, target, a, b, tolerances) =>
        {
            var (worse, better) = polarity == Polarity.Higher ? (Math.Min(a, b), Math.Max(a, b)) : (Math.Max(a, b), Math.Min(a, b));

            var worseStatus = Rag.Rate(polarity, target, worse, tolerances).Status;
            var betterStatus = Rag.Rate(polarity, target, better, tolerances).Status;

            Assert.True(Rank(betterStatus) >= Rank(worseStatus), $"{better} is {betterStatus} but {worse} is {worseStatus}");
        }, iter: Iterations);
    }

    [Fact]
    public void Pvt_FlippingPolarity_NegatesIt()
    {
        Gen.Select(Generate.NonZeroFigure, Generate.Figure).Sample((target, projected) =>
        {
            var higher = Rag.Pvt(Polarity.Higher, target, projected);
            var lower = Rag.Pvt(Polarity.Lower, target, projected);

            Assert.Equal(-higher, lower);
            Assert.Equal(-Rag.RoundPvt(higher!.Value), Rag.RoundPvt(lower!.Value));
        }, iter: Iterations);
    }

    [Fact]
    public void Assess_FlippingPolarity_NegatesTheReportedPvt()
    {
        Gen.Select(Generate.NonZeroFigure, Generate.Figure).Sample((target, projected) =>
        {
            var history = new HistoryBuilder()
                .Target("2008-09", target)
                .Value("2008-09-Q2", projected: projected);

            var higher = history.AssessAt("2008-09-Q2", new IndicatorBuilder().Higher());
            var lower = history.AssessAt("2008-09-Q2", new IndicatorBuilder().Lower());

            Assert.Equal(-higher.Pvt, lower.Pvt);
        }, iter: 300);
    }

    [Fact]
    public void Rate_OnTarget_IsAlwaysGreen()
    {
        Gen.Select(Generate.RatedPolarity, Generate.Figure, Generate.Tolerances).Sample((polarity, target, tolerances) =>
        {
            var (_, status) = Rag.Rate(polarity, target, target, tolerances);

            Assert.Equal(Status.Green, status);
        }, iter: Iterations);
    }

    [Fact]
    public void Rate_NonZeroTarget_BandsTheSignOfPvt()
    {
        Gen.Select(Generate.RatedPolarity, Generate.NonZeroFigure, Generate.Figure, Generate.Tolerances).Sample((polarity, target, projected, tolerances) =>
        {
            var (pvt, status) = Rag.Rate(polarity, target, projected, tolerances);

            Assert.NotNull(pvt);
            Assert.Equal(pvt < 0m, status is Status.Red or Status.Amber);
            Assert.Equal(pvt > tolerances.StrongGreen, status == Status.StrongGreen);
            Assert.Equal(pvt < -tolerances.Amber, status == Status.Red);
        }, iter: Iterations);
    }

    private static int Rank(Status status) => status switch
    {
        Status.Red => 0,
        Status.Amber => 1,
        Status.Green => 2,
        Status.StrongGreen => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a RAG band."),
    };
}
