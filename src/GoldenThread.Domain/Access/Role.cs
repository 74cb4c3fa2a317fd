namespace GoldenThread.Domain.Access;

/// <summary>
/// What a person does in the partnership (domain.md, Governance, roles and escalation). Some roles apply
/// everywhere; the others are held for one indicator, one indicator in one area, or one body.
/// </summary>
public enum Role
{
    /// <summary>The central support team: administers organisations, people, roles and the framework.</summary>
    Administrator,

    /// <summary>Collects and checks returns for their own organisation's indicators.</summary>
    PerformanceOfficer,

    /// <summary>Accountable for calculating one indicator accurately, per its definition.</summary>
    IndicatorOwner,

    /// <summary>Stands in for the indicator owner.</summary>
    IndicatorDeputy,

    /// <summary>Accountable for one indicator's target in one area; reports quarterly.</summary>
    DeliveryLead,

    /// <summary>The senior manager who supports the delivery lead for one indicator in one area.</summary>
    TargetSponsor,

    /// <summary>Sits on one board or partnership.</summary>
    BodyMember,

    /// <summary>Reads everything, including the audit trail, and changes nothing.</summary>
    Auditor,
}

/// <summary>What a role is held for.</summary>
public enum RoleScope
{
    /// <summary>Everywhere.</summary>
    Everywhere,

    /// <summary>One indicator, in every area.</summary>
    Indicator,

    /// <summary>One indicator in one area.</summary>
    IndicatorInArea,

    /// <summary>One board or partnership.</summary>
    Body,
}

/// <summary>The roles' words, scopes and names for people.</summary>
public static class Roles
{
    public static IReadOnlyList<Role> All { get; } = Enum.GetValues<Role>();

    public static RoleScope ScopeOf(Role role) => role switch
    {
        Role.Administrator or Role.PerformanceOfficer or Role.Auditor => RoleScope.Everywhere,
        Role.IndicatorOwner or Role.IndicatorDeputy => RoleScope.Indicator,
        Role.DeliveryLead or Role.TargetSponsor => RoleScope.IndicatorInArea,
        Role.BodyMember => RoleScope.Body,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    /// <summary>The stored and exported word, e.g. <c>delivery_lead</c>.</summary>
    public static string Code(Role role) => role switch
    {
        Role.Administrator => "administrator",
        Role.PerformanceOfficer => "performance_officer",
        Role.IndicatorOwner => "indicator_owner",
        Role.IndicatorDeputy => "indicator_deputy",
        Role.DeliveryLead => "delivery_lead",
        Role.TargetSponsor => "target_sponsor",
        Role.BodyMember => "body_member",
        Role.Auditor => "auditor",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    /// <summary>The name people use, e.g. "Delivery lead".</summary>
    public static string Name(Role role) => role switch
    {
        Role.Administrator => "Administrator",
        Role.PerformanceOfficer => "Performance officer",
        Role.IndicatorOwner => "Indicator owner",
        Role.IndicatorDeputy => "Indicator deputy",
        Role.DeliveryLead => "Delivery lead",
        Role.TargetSponsor => "Target sponsor",
        Role.BodyMember => "Body member",
        Role.Auditor => "Auditor",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static bool TryParse(string? code, out Role role)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(Code(candidate), code?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }

        role = default;
        return false;
    }
}
