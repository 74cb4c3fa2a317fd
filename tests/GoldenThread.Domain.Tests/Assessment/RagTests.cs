using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Indicators;
using static GoldenThread.Domain.Tests.Numbers;

namespace GoldenThread.Domain.Tests;

/// <summary>Performance versus target and the RAG bands: every worked example in assessment.md.</summary>
public class RagTests
{
    /// <summary>The seed's worked examples (higher is better).</summary>
    public static TheoryData<Polarity, decimal, decimal, decimal, Status> SeedExamples => new()
    {
        { Polarity.Higher, 95m, 85m, -10.53m, Status.Red },
        { Polarity.Higher, 95m, 110m, 15.79m, Status.StrongGreen },
    };

    /// <summary>The examples decided from the default tolerances.</summary>
    public static TheoryData<Polarity, decimal, decimal, decimal, Status> DecidedExamples => new()
    {
        { Polarity.Higher, 95m, 95m, 0.00m, Status.Green },
        { Polarity.Higher, 95m, 94m, -1.05m, Status.Amber },
        { Polarity.Higher, 50m, 45m, -10.00m, Status.Amber },
        { Polarity.Higher, 50m, 55m, 10.00m, Status.Green },
        { Polarity.Lower, 20m, 22m, -10.00m, Status.Amber },
        { Polarity.Lower, 20m, 22.1m, -10.50m, Status.Red },
        { Polarity.Lower, 20m, 17m, 15.00m, Status.StrongGreen },
        { Polarity.Lower, -5m, -3m, -40.00m, Status.Red },
    };

    [Theory]
    [MemberData(nameof(SeedExamples))]
    [MemberData(nameof(DecidedExamples))]
    public void Rate_WorkedExample_GivesTheSpecsPvtAndRag(Polarity polarity, decimal target, decimal projected, decimal pvt, Status status)
    {
        var (unrounded, rated) = Rag.Rate(polarity, target, projected, Tolerances.Default);

        Assert.NotNull(unrounded);
        Assert.Equal(pvt, Rag.RoundPvt(unrounded.Value));
        Assert.Equal(status, rated);
    }

    [Theory]
    [MemberData(nameof(SeedExamples))]
    [MemberData(nameof(DecidedExamples))]
    public void Assess_WorkedExample_ReportsTheRoundedPvtAndRag(Polarity polarity, decimal target, decimal projected, decimal pvt, Status status)
    {
        var history = new HistoryBuilder()
            .Target("2008-09", target)
            .Value("2008-09-Q2", projected: projected);

        var assessment = history.AssessAt("2008-09-Q2", new IndicatorBuilder().With(polarity));

        Assert.Equal(pvt, assessment.Pvt);
        Assert.Equal(status, assessment.Status);
        Assert.Equal(target, assessment.CurrentTarget);
        Assert.Equal(projected, assessment.ProjectedOutturn);
    }

    [Fact]
    public void Pvt_LowerIsBetter_IsNegatedSoPositiveIsAlwaysBetter()
    {
        var higher = Rag.Pvt(Polarity.Higher, 20m, 17m);
        var lower = Rag.Pvt(Polarity.Lower, 20m, 17m);

        Assert.Equal(-15m, higher);
        Assert.Equal(15m, lower);
    }

    [Theory]
    [InlineData(Polarity.Higher, 15.2, true)]
    [InlineData(Polarity.Lower, 15.2, false)]
    [InlineData(Polarity.Higher, -0.5, true)]
    public void Pvt_OfTheLargestDecimal_StandsAtTheLargestValueInsteadOfOverflowing(Polarity polarity, double target, bool beats)
    {
        var (pvt, status) = Rag.Rate(polarity, (decimal)target, decimal.MaxValue, Tolerances.Default);

        Assert.Equal(beats ? decimal.MaxValue : decimal.MinValue, pvt);
        Assert.Equal(beats ? Status.StrongGreen : Status.Red, status);
    }

    [Fact]
    public void Pvt_NegativeTarget_DividesByTheTargetsMagnitude()
    {
        // A 5% cut was the target; a 3% cut is 40% of the target's size short of it.
        var pvt = Rag.Pvt(Polarity.Lower, -5m, -3m);

        Assert.Equal(-40m, pvt);
    }

    [Fact]
    public void Pvt_NegativeTargetHigherIsBetter_BeatingItIsPositive()
    {
        var pvt = Rag.Pvt(Polarity.Higher, -5m, -3m);

        Assert.Equal(40m, pvt);
    }

    [Fact]
    public void Pvt_DataOnly_IsNull()
    {
        var pvt = Rag.Pvt(Polarity.None, 95m, 85m);

        Assert.Null(pvt);
    }

    [Fact]
    public void Pvt_Unrounded_KeepsItsFullPrecision()
    {
        var pvt = Rag.Pvt(Polarity.Higher, 95m, 85m);

        Assert.Equal(-1000m / 95m, pvt);
    }

    [Theory]
    [InlineData("0.005", "0.01")]
    [InlineData("-0.005", "-0.01")]
    [InlineData("2.345", "2.35")]
    [InlineData("-2.345", "-2.35")]
    [InlineData("2.344999", "2.34")]
    [InlineData("-10.0049", "-10.00")]
    [InlineData("10.525", "10.53")]
    public void RoundPvt_Midpoint_RoundsHalfAwayFromZero(string pvt, string rounded)
    {
        var result = Rag.RoundPvt(Number(pvt));

        Assert.Equal(Number(rounded), result);
    }

    [Theory]
    [InlineData("200", "200.01", "0.01")]
    [InlineData("200", "199.99", "-0.01")]
    [InlineData("40", "40.002", "0.01")]
    [InlineData("40", "39.998", "-0.01")]
    public void Assess_PvtAtAMidpoint_IsReportedHalfAwayFromZero(string target, string projected, string pvt)
    {
        var history = new HistoryBuilder()
            .Target("2008-09", Number(target))
            .Value("2008-09-Q1", projected: Number(projected));

        var assessment = history.AssessAt("2008-09-Q1");

        Assert.Equal(Number(pvt), assessment.Pvt);
    }

    [Fact]
    public void Assess_PvtJustBelowMinusTen_IsRedThoughReportedAsMinusTen()
    {
        // -10.0005% rounds to -10.00 for the report, but the RAG is decided on the unrounded value.
        var history = new HistoryBuilder()
            .Target("2008-09", 100000m)
            .Value("2008-09-Q1", projected: 89999.5m);

        var assessment = history.AssessAt("2008-09-Q1");

        Assert.Equal(-10.00m, assessment.Pvt);
        Assert.Equal(Status.Red, assessment.Status);
    }

    [Fact]
    public void Assess_PvtJustAbovePlusTen_IsStrongGreenThoughReportedAsPlusTen()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 100000m)
            .Value("2008-09-Q1", projected: 110000.4m);

        var assessment = history.AssessAt("2008-09-Q1");

        Assert.Equal(10.00m, assessment.Pvt);
        Assert.Equal(Status.StrongGreen, assessment.Status);
    }

    [Fact]
    public void Assess_PvtJustBelowZero_IsAmberThoughReportedAsZero()
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 100000m)
            .Value("2008-09-Q1", projected: 99999.99m);

        var assessment = history.AssessAt("2008-09-Q1");

        Assert.Equal(0.00m, assessment.Pvt);
        Assert.Equal(Status.Amber, assessment.Status);
    }

    [Fact]
    public void Assess_ProjectionNeedsMoreDecimalsThanShown_PvtUsesTheStoredValue()
    {
        // Shown at 0 decimals 45 would round to 45 (-10%, Amber); the stored 44.9 is -10.2%, Red.
        var history = new HistoryBuilder()
            .Target("2008-09", 50m)
            .Value("2008-09-Q1", projected: 44.9m);

        var assessment = history.AssessAt("2008-09-Q1", new IndicatorBuilder().Decimals(0));

        Assert.Equal(-10.20m, assessment.Pvt);
        Assert.Equal(Status.Red, assessment.Status);
    }

    [Theory]
    [InlineData("-10.01", Status.Red)]
    [InlineData("-10", Status.Amber)]
    [InlineData("-0.0001", Status.Amber)]
    [InlineData("0", Status.Green)]
    [InlineData("10", Status.Green)]
    [InlineData("10.0001", Status.StrongGreen)]
    public void Band_DefaultTolerances_FollowsTheTable(string pvt, Status status)
    {
        var band = Rag.Band(Number(pvt), Tolerances.Default);

        Assert.Equal(status, band);
    }

    [Theory]
    [InlineData("-0.01", Status.Red)]
    [InlineData("0", Status.Green)]
    [InlineData("0.01", Status.StrongGreen)]
    public void Band_ZeroTolerances_LeavesNoAmberAndOnlyExactlyOnTargetGreen(string pvt, Status status)
    {
        var band = Rag.Band(Number(pvt), new Tolerances(0m, 0m));

        Assert.Equal(status, band);
    }

    [Theory]
    [InlineData(Polarity.Higher, "0", Status.Green)]
    [InlineData(Polarity.Higher, "3", Status.Green)]
    [InlineData(Polarity.Higher, "-0.01", Status.Red)]
    [InlineData(Polarity.Lower, "0", Status.Green)]
    [InlineData(Polarity.Lower, "-2", Status.Green)]
    [InlineData(Polarity.Lower, "0.01", Status.Red)]
    public void Assess_ZeroTarget_PvtIsNullAndGreenWhenMetOrBeatenElseRed(Polarity polarity, string projected, Status status)
    {
        var history = new HistoryBuilder()
            .Target("2008-09", 0m)
            .Value("2008-09-Q1", projected: Number(projected));

        var assessment = history.AssessAt("2008-09-Q1", new IndicatorBuilder().With(polarity));

        Assert.Null(assessment.Pvt);
        Assert.Equal(status, assessment.Status);
    }

    [Fact]
    public void Rate_ZeroTarget_NeverStrongGreen()
    {
        var (pvt, status) = Rag.Rate(Polarity.Higher, 0m, 1000m, Tolerances.Default);

        Assert.Null(pvt);
        Assert.Equal(Status.Green, status);
    }

    [Fact]
    public void Rate_DataOnly_IsDataOnlyWithoutPvt()
    {
        var (pvt, status) = Rag.Rate(Polarity.None, 95m, 85m, Tolerances.Default);

        Assert.Null(pvt);
        Assert.Equal(Status.DataOnly, status);
    }
}
