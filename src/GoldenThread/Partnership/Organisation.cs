using GoldenThread.Domain.Partnership;

namespace GoldenThread.Partnership;

/// <summary>A partner organisation: the council, the police, the health service, the voluntary sector.</summary>
public sealed class Organisation
{
    public const int CodeLength = 32;
    public const int NameLength = 200;

    public int Id { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    public OrganisationKind Kind { get; set; }
}
