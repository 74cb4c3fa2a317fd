using CsCheck;
using GoldenThread.Domain.Access;

namespace GoldenThread.Domain.Tests.Access;

public class AccessRulesProperties
{
    private static readonly Gen<Grant> AnyGrant =
        Gen.Select(Gen.Enum<Role>(), Gen.Int[1, 4], Gen.Int[1, 4], Gen.Int[1, 3])
            .Select((role, indicator, area, body) => Grants.Valid(role, indicator, area, body));

    private static readonly Gen<Actor> AnyActor =
        Gen.Select(Gen.Int[1, 3], AnyGrant.List[0, 5]).Select((organisation, grants) => new Actor(organisation, grants));

    private static readonly Gen<Figures> AnyFigures =
        Gen.Select(Gen.Int[1, 4], Gen.Int[1, 3].Nullable(), Gen.Int[1, 4]).Select((indicator, lead, area) => new Figures(indicator, lead, area));

    [Fact]
    public void Nobody_but_an_administrator_submits_another_organisations_figures()
    {
        Gen.Select(AnyActor, AnyFigures).Sample((actor, figures) =>
            actor.Holds(Role.Administrator)
            || figures.LeadOrganisationId is null
            || figures.LeadOrganisationId == actor.OrganisationId
            || !AccessRules.MaySubmit(actor, figures));
    }

    [Fact]
    public void A_further_role_never_takes_a_permission_away()
    {
        Gen.Select(AnyActor, AnyGrant, AnyFigures).Sample((actor, extra, figures) =>
        {
            var more = actor with { Grants = [.. actor.Grants, extra] };
            return (!AccessRules.MaySubmit(actor, figures) || AccessRules.MaySubmit(more, figures))
                && (!AccessRules.MayAdminister(actor) || AccessRules.MayAdminister(more))
                && (!AccessRules.MayReadAuditTrail(actor) || AccessRules.MayReadAuditTrail(more));
        });
    }

    [Fact]
    public void Whoever_may_submit_some_figures_is_offered_the_way_to_submit()
    {
        Gen.Select(AnyActor, AnyFigures).Sample((actor, figures) =>
            !AccessRules.MaySubmit(actor, figures) || AccessRules.MaySubmitAny(actor));
    }

    [Fact]
    public void Only_roles_that_change_figures_ever_allow_a_submission()
    {
        var readers = Gen.Select(Gen.Int[1, 3], AnyGrant.Where(g => g.Role is Role.TargetSponsor or Role.BodyMember or Role.Auditor).List[0, 5])
            .Select((organisation, grants) => new Actor(organisation, grants));
        Gen.Select(readers, AnyFigures).Sample((actor, figures) => !AccessRules.MaySubmit(actor, figures));
    }
}
