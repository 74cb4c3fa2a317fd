namespace GoldenThread.Domain.Partnership;

/// <summary>The sector a partner organisation belongs to.</summary>
public enum OrganisationKind
{
    Council,
    Police,
    Health,
    Fire,
    Voluntary,
    Business,
    Other,
}
