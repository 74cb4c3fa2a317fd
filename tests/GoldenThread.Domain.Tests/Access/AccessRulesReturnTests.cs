using GoldenThread.Domain.Access;

namespace GoldenThread.Domain.Tests.Access;

public class AccessRulesReturnTests
{
    private const int Council = 1;
    private const int Police = 2;
    private const int Me = 10;
    private const int Someone = 11;
    private const int Crime = 16;
    private const int Housing = 155;
    private const int Exeter = 7;

    private static readonly ReturnAccess PoliceReturn = new(Someone, Police, [new Figures(Crime, Police, Exeter)]);

    private static Actor Person(int organisation, params Grant[] grants) => new(organisation, grants);

    [Fact]
    public void The_assignee_enters_and_reads_their_return_whatever_their_roles()
    {
        var assignee = Person(Police);

        Assert.True(AccessRules.MayEnterReturn(Someone, assignee, PoliceReturn));
        Assert.True(AccessRules.MayReadReturn(Someone, assignee, PoliceReturn));
    }

    [Fact]
    public void Someone_who_may_submit_a_line_enters_the_return()
    {
        var deputy = Person(Police, new Grant(Role.IndicatorDeputy, Crime));

        Assert.True(AccessRules.MayEnterReturn(Me, deputy, PoliceReturn));
        Assert.False(AccessRules.IsCentralTeamFor(deputy, PoliceReturn));
    }

    [Fact]
    public void A_delivery_lead_for_another_indicator_neither_enters_nor_reads_it()
    {
        var other = Person(Police, new Grant(Role.DeliveryLead, Housing, Exeter));

        Assert.False(AccessRules.MayEnterReturn(Me, other, PoliceReturn));
        Assert.False(AccessRules.MayReadReturn(Me, other, PoliceReturn));
    }

    [Fact]
    public void Administrators_are_the_central_team_for_every_return()
    {
        var administrator = Person(Council, new Grant(Role.Administrator));

        Assert.True(AccessRules.MayEnterReturn(Me, administrator, PoliceReturn));
        Assert.True(AccessRules.IsCentralTeamFor(administrator, PoliceReturn));
    }

    [Fact]
    public void Performance_officers_are_the_central_team_for_their_own_organisations_returns_only()
    {
        var councilOfficer = Person(Council, new Grant(Role.PerformanceOfficer));
        var policeOfficer = Person(Police, new Grant(Role.PerformanceOfficer));

        Assert.False(AccessRules.MayEnterReturn(Me, councilOfficer, PoliceReturn));
        Assert.True(AccessRules.MayEnterReturn(Me, policeOfficer, PoliceReturn));
        Assert.True(AccessRules.IsCentralTeamFor(policeOfficer, PoliceReturn));
    }

    [Fact]
    public void Auditors_read_every_return_and_enter_none()
    {
        var auditor = Person(Council, new Grant(Role.Auditor));

        Assert.True(AccessRules.MayReadReturn(Me, auditor, PoliceReturn));
        Assert.False(AccessRules.MayEnterReturn(Me, auditor, PoliceReturn));
    }

    [Theory]
    [InlineData(Role.TargetSponsor)]
    [InlineData(Role.BodyMember)]
    public void Roles_that_change_no_figures_neither_enter_nor_read_others_returns(Role role)
    {
        var person = Person(Police, role == Role.TargetSponsor ? new Grant(role, Crime, Exeter) : new Grant(role, BodyId: 3));

        Assert.False(AccessRules.MayEnterReturn(Me, person, PoliceReturn));
        Assert.False(AccessRules.MayReadReturn(Me, person, PoliceReturn));
    }
}
