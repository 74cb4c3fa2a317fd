using GoldenThread.Domain.Access;

namespace GoldenThread.Domain.Tests.Access;

public class AccessRulesTests
{
    private const int Council = 1;
    private const int Police = 2;
    private const int CrimeIndicator = 16;
    private const int HousingIndicator = 155;
    private const int Exeter = 7;
    private const int Taunton = 8;

    private static readonly Figures PoliceCrimeInExeter = new(CrimeIndicator, Police, Exeter);
    private static readonly Figures CouncilHousingInExeter = new(HousingIndicator, Council, Exeter);

    private static Actor Person(int organisation, params Grant[] grants) => new(organisation, grants);

    [Fact]
    public void A_police_delivery_lead_submits_the_polices_figures_and_not_the_councils()
    {
        var lead = Person(Police, new Grant(Role.DeliveryLead, CrimeIndicator, Exeter));

        Assert.True(AccessRules.MaySubmit(lead, PoliceCrimeInExeter));
        Assert.False(AccessRules.MaySubmit(lead, CouncilHousingInExeter));
    }

    [Fact]
    public void A_delivery_lead_submits_only_in_their_own_area()
    {
        var lead = Person(Police, new Grant(Role.DeliveryLead, CrimeIndicator, Exeter));

        Assert.False(AccessRules.MaySubmit(lead, PoliceCrimeInExeter with { AreaId = Taunton }));
    }

    [Fact]
    public void A_role_granted_across_organisations_by_mistake_does_not_let_the_police_change_the_councils_figures()
    {
        var misgranted = Person(Police, new Grant(Role.IndicatorOwner, HousingIndicator));

        Assert.False(AccessRules.MaySubmit(misgranted, CouncilHousingInExeter));
    }

    [Theory]
    [InlineData(Role.IndicatorOwner)]
    [InlineData(Role.IndicatorDeputy)]
    public void Owners_and_deputies_submit_their_indicator_in_every_area(Role role)
    {
        var owner = Person(Police, new Grant(role, CrimeIndicator));

        Assert.True(AccessRules.MaySubmit(owner, PoliceCrimeInExeter));
        Assert.True(AccessRules.MaySubmit(owner, PoliceCrimeInExeter with { AreaId = Taunton }));
        Assert.False(AccessRules.MaySubmit(owner, new Figures(HousingIndicator, Police, Exeter)));
    }

    [Fact]
    public void A_performance_officer_submits_every_indicator_led_by_their_organisation_and_no_other()
    {
        var officer = Person(Council, new Grant(Role.PerformanceOfficer));

        Assert.True(AccessRules.MaySubmit(officer, CouncilHousingInExeter));
        Assert.False(AccessRules.MaySubmit(officer, PoliceCrimeInExeter));
        Assert.False(AccessRules.MaySubmit(officer, new Figures(HousingIndicator, null, Exeter)));
    }

    [Fact]
    public void An_indicator_with_no_lead_organisation_is_submitted_by_its_own_owner_whatever_their_organisation()
    {
        var owner = Person(Police, new Grant(Role.IndicatorOwner, HousingIndicator));

        Assert.True(AccessRules.MaySubmit(owner, new Figures(HousingIndicator, null, Exeter)));
    }

    [Fact]
    public void Administrators_submit_anything()
    {
        var admin = Person(Council, new Grant(Role.Administrator));

        Assert.True(AccessRules.MaySubmit(admin, PoliceCrimeInExeter));
        Assert.True(AccessRules.MaySubmit(admin, CouncilHousingInExeter));
    }

    [Theory]
    [InlineData(Role.TargetSponsor)]
    [InlineData(Role.Auditor)]
    public void Sponsors_and_auditors_change_no_figures(Role role)
    {
        var grant = Roles.ScopeOf(role) == RoleScope.IndicatorInArea ? new Grant(role, CrimeIndicator, Exeter) : new Grant(role);
        var person = Person(Police, grant);

        Assert.False(AccessRules.MaySubmit(person, PoliceCrimeInExeter));
        Assert.False(AccessRules.MaySubmitAny(person));
    }

    [Fact]
    public void Body_members_change_no_figures()
    {
        var member = Person(Police, new Grant(Role.BodyMember, BodyId: 3));

        Assert.False(AccessRules.MaySubmit(member, PoliceCrimeInExeter));
        Assert.False(AccessRules.MayAdminister(member));
        Assert.False(AccessRules.MayReadAuditTrail(member));
    }

    [Fact]
    public void Only_administrators_administer_and_only_they_and_auditors_read_the_audit_trail()
    {
        foreach (var role in Roles.All)
        {
            var person = Person(Council, Grants.Valid(role));
            Assert.Equal(role == Role.Administrator, AccessRules.MayAdminister(person));
            Assert.Equal(role is Role.Administrator or Role.Auditor, AccessRules.MayReadAuditTrail(person));
        }
    }

    [Fact]
    public void Someone_with_no_roles_may_only_read()
    {
        var nobody = Person(Council);

        Assert.False(AccessRules.MaySubmit(nobody, CouncilHousingInExeter));
        Assert.False(AccessRules.MaySubmitAny(nobody));
        Assert.False(AccessRules.MayAdminister(nobody));
        Assert.False(AccessRules.MayReadAuditTrail(nobody));
    }

    [Theory]
    [InlineData(Role.Administrator, null, null, null, true)]
    [InlineData(Role.Administrator, 1, null, null, false)]
    [InlineData(Role.IndicatorOwner, 1, null, null, true)]
    [InlineData(Role.IndicatorOwner, null, null, null, false)]
    [InlineData(Role.IndicatorDeputy, 1, 2, null, false)]
    [InlineData(Role.DeliveryLead, 1, 2, null, true)]
    [InlineData(Role.DeliveryLead, 1, null, null, false)]
    [InlineData(Role.TargetSponsor, null, 2, null, false)]
    [InlineData(Role.BodyMember, null, null, 3, true)]
    [InlineData(Role.BodyMember, 1, null, 3, false)]
    [InlineData(Role.Auditor, null, null, 3, false)]
    public void A_grant_names_exactly_what_its_role_is_held_for(Role role, int? indicator, int? area, int? body, bool wellFormed)
    {
        var problem = new Grant(role, indicator, area, body).Problem();

        Assert.Equal(wellFormed, problem is null);
    }

    [Fact]
    public void Every_role_has_a_code_that_reads_back()
    {
        foreach (var role in Roles.All)
        {
            Assert.True(Roles.TryParse(Roles.Code(role), out var read));
            Assert.Equal(role, read);
        }

        Assert.False(Roles.TryParse("superuser", out _));
    }
}

/// <summary>A well-formed grant of each role, for tests.</summary>
internal static class Grants
{
    public static Grant Valid(Role role, int indicator = 16, int area = 7, int body = 3) => Roles.ScopeOf(role) switch
    {
        RoleScope.Everywhere => new Grant(role),
        RoleScope.Indicator => new Grant(role, indicator),
        RoleScope.IndicatorInArea => new Grant(role, indicator, area),
        _ => new Grant(role, BodyId: body),
    };
}

public class ReviewAccessRulesTests
{
    private const int Council = 1;
    private const int Police = 2;
    private const int Officer = 10;
    private const int Lead = 11;
    private const int Colleague = 12;

    private static readonly ReviewedReturn PoliceReturnSubmittedByLead = new(Police, Lead, Lead);

    [Fact]
    public void MayQualityAssure_AnAdministrator_AnyReturn()
    {
        var admin = new Actor(Council, [new Grant(Role.Administrator)]);

        Assert.True(AccessRules.MayQualityAssure(admin, PoliceReturnSubmittedByLead));
        Assert.True(AccessRules.MayQualityAssure(admin, new ReviewedReturn(null, null, null)));
    }

    [Fact]
    public void MayQualityAssure_APerformanceOfficer_OnlyTheirOwnOrganisationsReturns()
    {
        var officer = new Actor(Police, [new Grant(Role.PerformanceOfficer)]);

        Assert.True(AccessRules.MayQualityAssure(officer, PoliceReturnSubmittedByLead));
        Assert.False(AccessRules.MayQualityAssure(officer, PoliceReturnSubmittedByLead with { OrganisationId = Council }));
    }

    [Theory]
    [InlineData(Role.IndicatorOwner)]
    [InlineData(Role.IndicatorDeputy)]
    [InlineData(Role.DeliveryLead)]
    [InlineData(Role.TargetSponsor)]
    [InlineData(Role.BodyMember)]
    [InlineData(Role.Auditor)]
    public void MayQualityAssure_AnyoneOutsideTheCentralTeam_IsRefused(Role role)
    {
        var person = new Actor(Police, [new Grant(role, role is Role.BodyMember ? null : 1, role is Role.DeliveryLead or Role.TargetSponsor ? 1 : null, role is Role.BodyMember ? 1 : null)]);

        Assert.False(AccessRules.MayQualityAssure(person, PoliceReturnSubmittedByLead));
        Assert.False(AccessRules.MaySignOff(person, Colleague, PoliceReturnSubmittedByLead));
    }

    [Fact]
    public void MaySignOff_AnOfficerOfTheOrganisationWhoDidNotSubmit_Signs()
    {
        var officer = new Actor(Police, [new Grant(Role.PerformanceOfficer)]);

        Assert.True(AccessRules.MaySignOff(officer, Officer, PoliceReturnSubmittedByLead));
    }

    [Fact]
    public void MaySignOff_WhoeverSubmittedIt_IsRefused_FourEyes()
    {
        var officer = new Actor(Police, [new Grant(Role.PerformanceOfficer)]);
        var admin = new Actor(Council, [new Grant(Role.Administrator)]);
        var enteredByTheOfficer = PoliceReturnSubmittedByLead with { SubmittedById = Officer };

        Assert.False(AccessRules.MaySignOff(officer, Officer, enteredByTheOfficer));
        Assert.False(AccessRules.MaySignOff(admin, Officer, enteredByTheOfficer));
        Assert.True(AccessRules.MaySignOff(admin, Colleague, enteredByTheOfficer));
    }

    [Fact]
    public void MaySignOff_TheAssignee_IsRefusedEvenWhenSomeoneElseSubmittedForThem()
    {
        var officerWhoOwesTheReturn = new Actor(Police, [new Grant(Role.PerformanceOfficer)]);
        var theirs = new ReviewedReturn(Police, Officer, Colleague);

        Assert.True(AccessRules.MayQualityAssure(officerWhoOwesTheReturn, theirs));
        Assert.False(AccessRules.MaySignOff(officerWhoOwesTheReturn, Officer, theirs));
    }
}
