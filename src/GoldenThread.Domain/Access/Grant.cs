namespace GoldenThread.Domain.Access;

/// <summary>
/// One role that one person holds, with what it is held for: nothing (everywhere), an indicator, an
/// indicator in an area, or a body. Identifiers are the stored ones; the rules only compare them.
/// </summary>
public sealed record Grant(Role Role, int? IndicatorId = null, int? AreaId = null, int? BodyId = null)
{
    /// <summary>Why this grant is not well formed for its role, or null when it is.</summary>
    public string? Problem() => Roles.ScopeOf(Role) switch
    {
        RoleScope.Everywhere when IndicatorId is not null || AreaId is not null || BodyId is not null =>
            $"{Roles.Name(Role)} is held everywhere, not for an indicator, area or body.",
        RoleScope.Indicator when IndicatorId is null || AreaId is not null || BodyId is not null =>
            $"{Roles.Name(Role)} is held for one indicator, and only that.",
        RoleScope.IndicatorInArea when IndicatorId is null || AreaId is null || BodyId is not null =>
            $"{Roles.Name(Role)} is held for one indicator in one area.",
        RoleScope.Body when BodyId is null || IndicatorId is not null || AreaId is not null =>
            $"{Roles.Name(Role)} is held for one board or partnership, and only that.",
        _ => null,
    };
}

/// <summary>A signed-in person as the rules see them: their organisation and the roles they hold.</summary>
public sealed record Actor(int OrganisationId, IReadOnlyList<Grant> Grants)
{
    public bool Holds(Role role) => Grants.Any(g => g.Role == role);
}

/// <summary>One indicator's figures in one area: what a submission changes.</summary>
/// <param name="IndicatorId">The indicator.</param>
/// <param name="LeadOrganisationId">The partner organisation whose figures these are, if the indicator names one.</param>
/// <param name="AreaId">The area.</param>
public sealed record Figures(int IndicatorId, int? LeadOrganisationId, int AreaId);
