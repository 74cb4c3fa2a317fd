using CsCheck;
using GoldenThread.Domain.Intervention;
using GoldenThread.Domain.Periods;

namespace GoldenThread.Domain.Tests;

/// <summary>The data-quality rules: late two quarters running, queried or amended in two of the last four quarters, no active owner; and their ladder.</summary>
public class DataQualityRulesTests
{
    private static readonly Period Q3 = Period.Parse("2009-10-Q3");
    private static readonly Period Q2 = Period.Parse("2009-10-Q2");
    private static readonly Period Q1 = Period.Parse("2009-10-Q1");
    private static readonly Period LastQ4 = Period.Parse("2008-09-Q4");
    private static readonly Period LastQ3 = Period.Parse("2008-09-Q3");

    [Fact]
    public void CausesAt_LateThisQuarterAndTheOneBefore_IsLateTwiceRunning()
    {
        var causes = DataQualityRules.CausesAt(Q1, [new(Q1, Late: true), new(LastQ4, Late: true)]);

        Assert.Equal([DataQualityCause.LateTwiceRunning], causes);
    }

    [Fact]
    public void CausesAt_LateTwiceWithAGapBetween_IsNothing()
    {
        Assert.Empty(DataQualityRules.CausesAt(Q2, [new(Q2, Late: true), new(LastQ4, Late: true)]));
    }

    [Fact]
    public void CausesAt_LateOnlyTheQuarterBefore_IsNothing()
    {
        Assert.Empty(DataQualityRules.CausesAt(Q2, [new(Q1, Late: true), new(LastQ4, Late: true)]));
    }

    [Fact]
    public void CausesAt_QueriedNowAndThreeQuartersBefore_IsQueriedRepeatedly()
    {
        var causes = DataQualityRules.CausesAt(Q3, [new(Q3, Queried: true), new(LastQ4, Queried: true)]);

        Assert.Equal([DataQualityCause.QueriedRepeatedly], causes);
    }

    [Fact]
    public void CausesAt_QueriedNowAndFourQuartersBefore_IsNothing()
    {
        Assert.Empty(DataQualityRules.CausesAt(Q3, [new(Q3, Queried: true), new(LastQ3, Queried: true)]));
    }

    [Fact]
    public void CausesAt_QueriedTwiceBeforeButNotNow_IsNothing()
    {
        Assert.Empty(DataQualityRules.CausesAt(Q3, [new(Q2, Queried: true), new(Q1, Queried: true)]));
    }

    [Fact]
    public void CausesAt_AmendedAfterSignOffNowAndBefore_IsAmendedRepeatedly()
    {
        var causes = DataQualityRules.CausesAt(Q3, [new(Q3, AmendedAfterSignOff: true), new(Q2, AmendedAfterSignOff: true)]);

        Assert.Equal([DataQualityCause.AmendedRepeatedly], causes);
    }

    [Fact]
    public void CausesAt_NoActiveOwner_IsThatCauseWhateverTheFacts()
    {
        Assert.Equal([DataQualityCause.NoActiveOwner], DataQualityRules.CausesAt(Q3, [], noActiveOwner: true));
    }

    [Fact]
    public void CausesAt_EveryProblem_ListsThemInTheCausesOrder()
    {
        var causes = DataQualityRules.CausesAt(Q2, [new(Q2, true, true, true), new(Q1, true, true, true)], noActiveOwner: true);

        Assert.Equal(Enum.GetValues<DataQualityCause>(), causes);
    }

    [Fact]
    public void CausesAt_NotAQuarter_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => DataQualityRules.CausesAt(Period.Parse("2009-10"), []));
    }

    [Fact]
    public void CausesAt_AnyFacts_NeedTheProblemAtTheQuarterItself()
    {
        // A cause of late, queried or amended never holds at a quarter that was itself clean of that problem.
        var facts = Gen.Select(Generate.QuarterIn(2007, 2009), Gen.Bool, Gen.Bool, Gen.Bool)
            .Select((q, late, queried, amended) => new DataQualityFacts(q, late, queried, amended))
            .List[0, 12];
        Gen.Select(Generate.QuarterIn(2007, 2009), facts).Sample((quarter, list) =>
        {
            var at = list.LastOrDefault(f => f.Quarter == quarter) ?? new DataQualityFacts(quarter);
            var causes = DataQualityRules.CausesAt(quarter, list);

            Assert.Equal(at.Late && causes.Contains(DataQualityCause.LateTwiceRunning), causes.Contains(DataQualityCause.LateTwiceRunning));
            Assert.Equal(at.Queried && causes.Contains(DataQualityCause.QueriedRepeatedly), causes.Contains(DataQualityCause.QueriedRepeatedly));
            Assert.Equal(at.AmendedAfterSignOff && causes.Contains(DataQualityCause.AmendedRepeatedly), causes.Contains(DataQualityCause.AmendedRepeatedly));
            Assert.DoesNotContain(DataQualityCause.NoActiveOwner, causes);
        }, iter: 500);
    }

    [Fact]
    public void CausesAt_FactsOlderThanTheWindow_ChangeNothing()
    {
        var recent = Gen.Select(Gen.Int[0, DataQualityRules.Window - 1], Gen.Bool, Gen.Bool, Gen.Bool).List[0, 6];
        var old = Gen.Select(Gen.Int[DataQualityRules.Window, 12], Gen.Bool, Gen.Bool, Gen.Bool).List[0, 6];
        Gen.Select(recent, old).Sample((near, far) =>
        {
            static DataQualityFacts Fact((int Back, bool Late, bool Queried, bool Amended) f)
            {
                var q = Q3;
                for (var i = 0; i < f.Back; i++)
                {
                    q = q.Previous();
                }

                return new DataQualityFacts(q, f.Late, f.Queried, f.Amended);
            }

            var nearFacts = near.Select(Fact).ToList();
            Assert.Equal(DataQualityRules.CausesAt(Q3, nearFacts), DataQualityRules.CausesAt(Q3, [.. far.Select(Fact), .. nearFacts]));
        }, iter: 300);
    }

    [Theory]
    [InlineData(new string[0], 0)]
    [InlineData(new[] { "2009-10-Q3" }, 1)]
    [InlineData(new[] { "2009-10-Q3", "2009-10-Q2" }, 2)]
    [InlineData(new[] { "2009-10-Q3", "2009-10-Q2", "2009-10-Q1" }, 3)]
    [InlineData(new[] { "2009-10-Q3", "2009-10-Q2", "2009-10-Q1", "2008-09-Q4", "2008-09-Q3" }, 3)]
    [InlineData(new[] { "2009-10-Q3", "2009-10-Q1", "2008-09-Q4" }, 1)]
    [InlineData(new[] { "2009-10-Q2", "2009-10-Q1" }, 0)]
    public void StageAt_ConsecutiveQuartersWithAnException_ClimbTheLadder(string[] quarters, int stage)
    {
        Assert.Equal(stage, DataQualityRules.StageAt(Q3, quarters.Select(Period.Parse).ToHashSet()));
    }

    [Fact]
    public void Describe_EveryCause_HasWordsAndAName()
    {
        Assert.All(Enum.GetValues<DataQualityCause>(), cause =>
        {
            Assert.False(string.IsNullOrWhiteSpace(DataQualityRules.Describe(cause)));
            Assert.False(string.IsNullOrWhiteSpace(DataQualityRules.Name(cause)));
        });
    }
}
