using GoldenThread.Domain.Partnership;

namespace GoldenThread.Partnership;

/// <summary>A board or partnership in the governance chain, escalating to the body above it.</summary>
public sealed class Body
{
    public const int CodeLength = 32;
    public const int NameLength = 200;

    public int Id { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    public BodyKind Kind { get; set; }

    public int? EscalatesToId { get; set; }

    public Body? EscalatesTo { get; set; }

    /// <summary>The member who chairs it, when named (a person holding the body-member role for it).</summary>
    public int? ChairId { get; set; }

    /// <summary>The secretary, who is told of its business (exceptions to consider, reports answered), when named.</summary>
    public int? SecretaryId { get; set; }
}
