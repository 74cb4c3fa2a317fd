using CsCheck;
using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Indicators;

namespace GoldenThread.Domain.Tests;

/// <summary>The short-term trend of an unbroken quarterly series against the spec's steps, written out plainly.</summary>
public class ShortTermTrendProperties
{
    private const int Iterations = 500;

    [Fact]
    public void Trend_UnbrokenQuarterlySeries_IsTheLastStepAndItsRun()
    {
        var quarters = Generate.SmallFigure.Array[1, 4];
        var previousOutturn = Generate.SmallFigure.Nullable(0.3);
        Gen.Select(Gen.OneOf(Polarity.Higher, Polarity.Lower, Polarity.None), previousOutturn, quarters).Sample((polarity, previous, actuals) =>
        {
            var history = new HistoryBuilder().Actuals("2008-09-Q1", [.. actuals.Select(a => (decimal?)a)]);
            if (previous is { } outturn)
            {
                history.Value("2007-08", actual: outturn);
            }

            var at = $"2008-09-Q{actuals.Length}";
            var assessment = history.AssessAt(at, new IndicatorBuilder().With(polarity));

            decimal[] series = previous is { } p ? [p, .. actuals] : actuals;
            var (trend, count) = Expected(series, polarity);
            Assert.Equal(trend, assessment.Trend);
            Assert.Equal(count, assessment.TrendPeriods);
            Assert.True(assessment.TrendPeriods <= series.Length - 1 || series.Length == 1);
        }, iter: Iterations);
    }

    [Fact]
    public void Trend_Cumulative_FollowsProjectionsWhateverTheActuals()
    {
        Gen.Select(Generate.SmallFigure.Array[2, 4], Generate.SmallFigure.Array[4]).Sample((projections, actuals) =>
        {
            var history = new HistoryBuilder();
            for (var i = 0; i < projections.Length; i++)
            {
                history.Value($"2008-09-Q{i + 1}", actual: actuals[i], projected: projections[i]);
            }

            var assessment = history.AssessAt($"2008-09-Q{projections.Length}", new IndicatorBuilder().Cumulative());

            var (trend, count) = Expected(projections, Polarity.Higher);
            Assert.Equal((trend, count), (assessment.Trend, assessment.TrendPeriods));
        }, iter: Iterations);
    }

    private static (Direction Trend, int Count) Expected(decimal[] series, Polarity polarity)
    {
        if (series.Length < 2)
        {
            return (Direction.None, 0);
        }

        var steps = series.Zip(series.Skip(1), (before, after) => Step(after.CompareTo(before), polarity)).ToList();
        var last = steps[^1];
        var count = steps.AsEnumerable().Reverse().TakeWhile(s => s == last).Count();
        return (last, count);
    }

    private static Direction Step(int sign, Polarity polarity) => (sign, polarity) switch
    {
        (0, _) => Direction.Level,
        ( > 0, Polarity.None) => Direction.Up,
        ( < 0, Polarity.None) => Direction.Down,
        ( > 0, Polarity.Higher) or ( < 0, Polarity.Lower) => Direction.Improving,
        _ => Direction.Worsening,
    };
}
