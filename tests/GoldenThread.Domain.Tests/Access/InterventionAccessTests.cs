using GoldenThread.Domain.Access;

namespace GoldenThread.Domain.Tests.Access;

public class InterventionAccessTests
{
    private const int Council = 1;
    private const int Police = 2;
    private const int ExecutiveBoard = 10;
    private const int Partnership = 20;
    private const int OtherPartnership = 21;
    private const int Indicator = 5;
    private const int Area = 7;

    private static readonly Figures Pair = new(Indicator, Police, Area);

    private static Actor With(int organisation, params Grant[] grants) => new(organisation, grants);

    private static Grant Member(int body) => new(Role.BodyMember, null, null, body);

    [Fact]
    public void Executive_board_members_and_administrators_act_for_the_board_and_nobody_else()
    {
        int[] boards = [ExecutiveBoard];
        Assert.True(InterventionAccess.MayActForExecutiveBoard(With(Council, Member(ExecutiveBoard)), boards));
        Assert.True(InterventionAccess.MayActForExecutiveBoard(With(Council, new Grant(Role.Administrator, null, null, null)), boards));
        Assert.False(InterventionAccess.MayActForExecutiveBoard(With(Council, Member(Partnership)), boards));
        Assert.False(InterventionAccess.MayActForExecutiveBoard(With(Council, new Grant(Role.PerformanceOfficer, null, null, null)), boards));
        Assert.False(InterventionAccess.MayActForExecutiveBoard(With(Police, new Grant(Role.DeliveryLead, Indicator, Area, null)), boards));
        Assert.False(InterventionAccess.MayActForExecutiveBoard(With(Council, new Grant(Role.Auditor, null, null, null)), boards));
        Assert.False(InterventionAccess.MayActForExecutiveBoard(With(Council, Member(ExecutiveBoard)), []));
    }

    [Fact]
    public void A_member_of_one_partnership_cannot_consider_anothers_business()
    {
        var member = With(Council, Member(Partnership));
        Assert.True(InterventionAccess.IsMemberOf(member, Partnership));
        Assert.False(InterventionAccess.IsMemberOf(member, OtherPartnership));
        Assert.True(InterventionAccess.MayConsiderFor(member, Partnership));
        Assert.False(InterventionAccess.MayConsiderFor(member, OtherPartnership));
        Assert.False(InterventionAccess.MayConsiderFor(member, null));
        Assert.True(InterventionAccess.MayConsiderFor(With(Council, new Grant(Role.Administrator, null, null, null)), null));
    }

    [Fact]
    public void The_pairs_own_people_and_the_central_team_write_for_it()
    {
        Assert.True(InterventionAccess.MayWriteFor(With(Police, new Grant(Role.DeliveryLead, Indicator, Area, null)), Pair));
        Assert.True(InterventionAccess.MayWriteFor(With(Police, new Grant(Role.TargetSponsor, Indicator, Area, null)), Pair));
        Assert.False(InterventionAccess.MayWriteFor(With(Police, new Grant(Role.DeliveryLead, Indicator, Area + 1, null)), Pair));
        Assert.True(InterventionAccess.MayWriteFor(With(Council, new Grant(Role.IndicatorOwner, Indicator, null, null)), Pair));
        Assert.True(InterventionAccess.MayWriteFor(With(Council, new Grant(Role.IndicatorDeputy, Indicator, null, null)), Pair));
        Assert.False(InterventionAccess.MayWriteFor(With(Council, new Grant(Role.IndicatorOwner, Indicator + 1, null, null)), Pair));
        Assert.True(InterventionAccess.MayWriteFor(With(Police, new Grant(Role.PerformanceOfficer, null, null, null)), Pair));
        Assert.False(InterventionAccess.MayWriteFor(With(Council, new Grant(Role.PerformanceOfficer, null, null, null)), Pair));
        Assert.False(InterventionAccess.MayWriteFor(With(Police, Member(Partnership)), Pair));
    }

    [Fact]
    public void Escalating_is_for_whoever_is_at_the_level_the_issue_stands_at()
    {
        var lead = With(Police, new Grant(Role.DeliveryLead, Indicator, Area, null));
        var member = With(Council, Member(Partnership));
        var board = With(Council, Member(ExecutiveBoard));

        // At the delivery lead's level (no body), the pair's people.
        Assert.True(InterventionAccess.MayEscalateFrom(lead, Pair, null));
        Assert.False(InterventionAccess.MayEscalateFrom(member, Pair, null));

        // At a body's level, its members; the delivery lead no longer.
        Assert.True(InterventionAccess.MayEscalateFrom(member, Pair, Partnership));
        Assert.False(InterventionAccess.MayEscalateFrom(lead, Pair, Partnership));
        Assert.False(InterventionAccess.MayEscalateFrom(member, Pair, ExecutiveBoard));
        Assert.True(InterventionAccess.MayEscalateFrom(board, Pair, ExecutiveBoard));

        // Administrators at every level.
        var administrator = With(Council, new Grant(Role.Administrator, null, null, null));
        Assert.True(InterventionAccess.MayEscalateFrom(administrator, Pair, null));
        Assert.True(InterventionAccess.MayEscalateFrom(administrator, Pair, ExecutiveBoard));
    }
}
