using GoldenThread.Domain.Access;
using GoldenThread.Indicators;
using GoldenThread.Partnership;

namespace GoldenThread.People;

/// <summary>One role held by one person, for what <see cref="Roles.ScopeOf"/> says it is held for.</summary>
public sealed class RoleAssignment
{
    public int Id { get; set; }

    public int PersonId { get; set; }

    public Role Role { get; set; }

    public int? IndicatorId { get; set; }

    public Indicator? Indicator { get; set; }

    public int? AreaId { get; set; }

    public Area? Area { get; set; }

    public int? BodyId { get; set; }

    public Body? Body { get; set; }

    public DateTimeOffset GrantedAt { get; set; }

    public Grant ToGrant() => new(Role, IndicatorId, AreaId, BodyId);
}
